package dev.weft.test;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A waker that counts its wake-ups, for polling futures by hand in a test: it is its own
 * {@link Context}, so {@code future.poll(waker)} polls with it.
 *
 * {@snippet :
 * CountingWaker waker = new CountingWaker();
 * Oneshot.Channel<String> ch = Oneshot.channel();
 * PollAssertions.assertPending(ch.receiver().poll(waker));   // registers the waker
 * ch.sender().send("hi");
 * assertTrue(waker.takeWoken());                             // the send woke it
 * assertEquals("hi", PollAssertions.assertReady(ch.receiver().poll(waker)));
 * }
 *
 * <p>{@link #wake()} may be called from any thread; the counts are read with volatile reads.
 * {@link MockTask} wraps one around a future, as a task of a runtime would.
 */
public final class CountingWaker implements Waker, Context {
    private final AtomicInteger wakes = new AtomicInteger();
    private final AtomicInteger sinceTaken = new AtomicInteger();

    /** Makes a waker that has not been woken. */
    public CountingWaker() {
    }

    /** Counts a wake-up. */
    @Override
    public void wake() {
        wakes.incrementAndGet();
        sinceTaken.incrementAndGet();
    }

    /** {@return this waker: it is its own context} */
    @Override
    public Waker waker() {
        return this;
    }

    /** {@return how many times it was woken since it was made} */
    public int wakeCount() {
        return wakes.get();
    }

    /**
     * Tells whether it was woken since the last call (or since it was made), and starts
     * counting afresh.
     *
     * @return whether it was woken since the last call
     */
    public boolean takeWoken() {
        return sinceTaken.getAndSet(0) > 0;
    }

    @Override
    public String toString() {
        return "CountingWaker[wakes=" + wakes.get() + "]";
    }
}
