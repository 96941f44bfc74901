package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

/**
 * A future completed by the test: {@link #complete} or {@link #fail} wakes the waker of the
 * latest poll (so it keeps the pending contract exactly), {@link #throwOnPoll} makes the next
 * poll throw. It counts polls and cancels and records every misuse by its owner (poll after
 * ready, poll after cancel, cancel after ready, cancel twice); {@link #assertNoMisuse} checks
 * there was none. Thread-safe, so another thread may complete it.
 */
final class TestFuture<T> implements Future<T> {
    private final String name;
    private final List<String> misuse = new ArrayList<>();
    private Poll<T> result;
    private RuntimeException throwOnPoll;
    private Waker lastWaker;
    private int polls;
    private int cancels;
    private boolean finished; // returned a result or threw from poll

    TestFuture(String name) {
        this.name = name;
    }

    TestFuture() {
        this("future");
    }

    /** @return a future that is ready with {@code value} at its first poll */
    static <T> TestFuture<T> completed(T value) {
        TestFuture<T> f = new TestFuture<>();
        f.complete(value);
        return f;
    }

    @Override
    public synchronized Poll<T> poll(Context cx) {
        polls++;
        if (finished) {
            misuse.add(name + " polled after it completed");
        }
        if (cancels > 0) {
            misuse.add(name + " polled after it was cancelled");
        }
        lastWaker = cx.waker();
        if (throwOnPoll != null) {
            finished = true;
            throw throwOnPoll;
        }
        if (result != null) {
            finished = true;
            return result;
        }
        return Poll.pending();
    }

    @Override
    public synchronized void cancel() {
        cancels++;
        if (finished) {
            misuse.add(name + " cancelled after it completed");
        }
        if (cancels > 1) {
            misuse.add(name + " cancelled " + cancels + " times");
        }
    }

    void complete(T value) {
        settle(Poll.ready(value));
    }

    void fail(Throwable error) {
        settle(Poll.failed(error));
    }

    synchronized void throwOnPoll(RuntimeException e) {
        throwOnPoll = e;
    }

    private void settle(Poll<T> r) {
        Waker w;
        synchronized (this) {
            result = r;
            w = lastWaker;
        }
        if (w != null) {
            w.wake();
        }
    }

    synchronized int polls() {
        return polls;
    }

    synchronized int cancels() {
        return cancels;
    }

    synchronized Waker lastWaker() {
        return lastWaker;
    }

    synchronized void assertNoMisuse() {
        assertEquals(List.of(), misuse, "misuse of " + name);
    }

    @Override
    public String toString() {
        return name;
    }
}
