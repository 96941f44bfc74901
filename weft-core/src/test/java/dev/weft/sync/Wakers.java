package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wakes, and its context, for polling futures by hand. */
final class Wakers implements Waker {
    private final AtomicInteger wakes = new AtomicInteger();
    final Context cx = Context.of(this);

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    int wakes() {
        return wakes.get();
    }

    /** @return whether it was woken since the last call, resetting the count */
    boolean takeWoken() {
        return wakes.getAndSet(0) > 0;
    }
}
