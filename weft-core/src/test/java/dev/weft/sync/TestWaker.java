package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.Runtime;
import java.util.concurrent.atomic.AtomicInteger;

/** A counting waker (its own context) for polling futures by hand, and runtime factories. */
final class TestWaker implements Waker, Context {
    private final AtomicInteger wakes = new AtomicInteger();

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    @Override
    public Waker waker() {
        return this;
    }

    int wakes() {
        return wakes.get();
    }

    <T> Poll<T> poll(Future<T> f) {
        return f.poll(this);
    }

    /** Polls once and returns the value; fails if pending. */
    <T> T ready(Future<T> f) {
        Poll<T> p = f.poll(this);
        if (p.isPending()) {
            throw new AssertionError("expected ready, was pending: " + f);
        }
        return p.get();
    }

    static Runtime currentThread() {
        return Runtime.builder().currentThread().enableTime().startPaused(true).build();
    }

    static Runtime multiThread() {
        return Runtime.builder().multiThread().workerThreads(2).enableTime().build();
    }
}
