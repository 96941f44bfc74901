package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A stream fed by the test: {@link #push}, {@link #end} and {@link #fail} queue what the next
 * polls return (pending while the queue is empty) and wake the waker of the latest poll. Counts
 * polls, items taken and cancels, and records misuse (poll after the end or a failure, poll
 * after cancel, cancel after the end, cancel twice).
 */
final class TestStream<T> implements Stream<T> {
    private final ArrayDeque<Poll<T>> queue = new ArrayDeque<>();
    private final List<String> misuse = new ArrayList<>();
    private Waker lastWaker;
    private int polls;
    private int taken;
    private int cancels;
    private boolean finished;

    @SafeVarargs
    static <T> TestStream<T> of(T... items) {
        TestStream<T> s = new TestStream<>();
        for (T item : items) {
            s.push(item);
        }
        return s;
    }

    @Override
    public synchronized Poll<T> pollNext(Context cx) {
        polls++;
        if (finished) {
            misuse.add("polled after it finished");
        }
        if (cancels > 0) {
            misuse.add("polled after it was cancelled");
        }
        lastWaker = cx.waker();
        Poll<T> p = queue.poll();
        if (p == null) {
            return Poll.pending();
        }
        if (Stream.isEnd(p) || p instanceof Poll.Failed<T>) {
            finished = true;
        } else {
            taken++;
        }
        return p;
    }

    @Override
    public synchronized void cancel() {
        cancels++;
        if (finished) {
            misuse.add("cancelled after it finished");
        }
        if (cancels > 1) {
            misuse.add("cancelled " + cancels + " times");
        }
    }

    TestStream<T> push(T item) {
        return add(Poll.ready(item));
    }

    TestStream<T> end() {
        return add(Stream.end());
    }

    TestStream<T> fail(Throwable e) {
        return add(Poll.failed(e));
    }

    private TestStream<T> add(Poll<T> p) {
        Waker w;
        synchronized (this) {
            queue.add(p);
            w = lastWaker;
        }
        if (w != null) {
            w.wake();
        }
        return this;
    }

    synchronized int polls() {
        return polls;
    }

    synchronized int taken() {
        return taken;
    }

    synchronized int cancels() {
        return cancels;
    }

    synchronized Waker lastWaker() {
        return lastWaker;
    }

    synchronized void assertNoMisuse() {
        assertEquals(List.of(), misuse, "misuse of the test stream");
    }
}
