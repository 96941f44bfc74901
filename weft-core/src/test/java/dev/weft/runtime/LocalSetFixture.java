package dev.weft.runtime;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Runtimes, mode checks and small poll-based futures for the LocalSet tests. */
final class LocalSetFixture {
    /** LocalSetScheduler.BATCH: entries a set runs per poll. */
    static final int BATCH = 61;

    private LocalSetFixture() {
    }

    static Runtime currentThread() {
        return Runtime.builder().currentThread().enableTime().startPaused(true).build();
    }

    /** A multi-thread runtime with one worker: local tasks must still stay on the driving thread. */
    static Runtime oneWorker() {
        return Runtime.builder().multiThread().workerThreads(1).enableTime().build();
    }

    static LocalSet shortClose() {
        return new LocalSet(Duration.ofSeconds(5));
    }

    /** Whether coroutines run on Weft's scheduler; callable anywhere (an unused current-thread runtime owns no thread). */
    static boolean weftMode() {
        return Runtime.builder().currentThread().build().handle().coroutineMode() == CoroutineMode.WEFT_SCHEDULER;
    }

    /** The platform thread carrying the calling coroutine; needs java.lang opened (WEFT_SCHEDULER mode). */
    static Thread carrier() {
        try {
            Method m = Thread.class.getDeclaredMethod("currentCarrierThread");
            m.setAccessible(true);
            return (Thread) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A poll-based future that records the polling thread, wakes itself and answers pending
     * {@code yields} times, then completes with {@code value}.
     */
    static <T> Future<T> yielding(int yields, T value, List<Thread> threads) {
        AtomicInteger left = new AtomicInteger(yields);
        return cx -> {
            threads.add(Thread.currentThread());
            if (left.getAndDecrement() > 0) {
                cx.waker().wake();
                return Poll.pending();
            }
            return Poll.ready(value);
        };
    }

    /**
     * A poll-based future that wakes itself on every poll and completes only after
     * {@value #SPIN_LIMIT} polls (so a scheduler that never yields fails an assertion instead of
     * hanging); counts polls.
     */
    static Future<Void> spinner(AtomicInteger polls) {
        return cx -> {
            if (polls.incrementAndGet() >= SPIN_LIMIT) {
                return Poll.ready(null);
            }
            cx.waker().wake();
            return Poll.pending();
        };
    }

    static final int SPIN_LIMIT = 100_000;
}
