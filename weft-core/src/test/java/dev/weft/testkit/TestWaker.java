package dev.weft.testkit;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.Runtime;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A counting waker (its own context) for polling futures by hand, and the runtimes the tests of
 * several packages share.
 */
public final class TestWaker implements Waker, Context {
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    @Override
    public Waker waker() {
        return this;
    }

    public int wakes() {
        return wakes.get();
    }

    /** @return whether it was woken since the last call, resetting the count */
    public boolean takeWoken() {
        return wakes.getAndSet(0) > 0;
    }

    public <T> Poll<T> poll(Future<T> f) {
        return f.poll(this);
    }

    /** Polls once and returns the value (or throws the failure); fails if pending. */
    public <T> T ready(Future<T> f) {
        Poll<T> p = f.poll(this);
        if (p.isPending()) {
            throw new AssertionError("expected ready, was pending: " + f);
        }
        return p.get();
    }

    /** Polls once and returns the failure; fails if not failed. */
    public <T> Throwable failed(Future<T> f) {
        Poll<T> p = f.poll(this);
        if (p instanceof Poll.Failed<T> failed) {
            return failed.error();
        }
        throw new AssertionError("expected a failure, was " + p);
    }

    /** @return a current-thread runtime with a paused clock */
    public static Runtime currentThread() {
        return Runtime.builder().currentThread().enableTime().startPaused(true).build();
    }

    /** @return a multi-thread runtime with 2 workers and the system clock */
    public static Runtime multiThread() {
        return Runtime.builder().multiThread().workerThreads(2).enableTime().build();
    }

    /** @param multi multi-thread (2 workers) or current-thread (paused clock) */
    public static Runtime runtime(boolean multi) {
        return multi ? multiThread() : currentThread();
    }
}
