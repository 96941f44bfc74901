package dev.weft.future;

import java.util.concurrent.atomic.AtomicInteger;

/** A waker (and its own context) that counts how often it was woken. Thread-safe. */
final class CountingWaker implements Waker, Context {
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
}
