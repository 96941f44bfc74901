package dev.weft.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Oneshot;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code Time.timeout(Duration.ZERO, f)} polls {@code f} before it looks at the deadline
 * (Tokio's rule), so a future that is ready on its first poll wins: a coroutine that completes
 * without suspending included, in every coroutine mode.
 */
@org.junit.jupiter.api.Timeout(30)
class TimeoutZeroTest {
    private static Runtime paused() {
        return Runtime.builder().currentThread().enableAll().startPaused(true).build();
    }

    @Test
    void aReadyFutureWinsAZeroTimeout() throws Exception {
        try (Runtime rt = paused()) {
            assertEquals(1, rt.blockOn(Futures.lazy(() -> Time.timeout(Duration.ZERO, Futures.ready(1)))));
        }
    }

    @Test
    void aCoroutineThatNeverSuspendsWinsAZeroTimeoutFromATask() throws Exception {
        try (Runtime rt = paused()) {
            for (int i = 0; i < 50; i++) {
                assertEquals(42, rt.blockOn(Futures.lazy(() -> Time.timeout(Duration.ZERO, Async.async(() -> 42)))));
            }
        }
    }

    @Test
    void aCoroutineThatNeverSuspendsWinsAZeroTimeoutFromACoroutine() throws Exception {
        try (Runtime rt = paused()) {
            for (int i = 0; i < 50; i++) {
                assertEquals(42, rt.blockOn(Async.async(() -> Time.timeout(Duration.ZERO, Async.async(() -> 42)).await())));
            }
        }
    }

    @Test
    void onAMultiThreadRuntimeToo() throws Exception {
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).enableAll().build()) {
            for (int i = 0; i < 50; i++) {
                assertEquals(42, rt.blockOn(Async.async(() -> Time.timeout(Duration.ZERO, Async.async(() -> 42)).await())));
                assertEquals(42, rt.blockOn(Futures.lazy(() -> Time.timeout(Duration.ZERO, Async.async(() -> 42)))));
            }
        }
    }

    /** The body runs up to its first suspending await, then the timeout expires and cancels it. */
    @Test
    void aCoroutineThatSuspendsRunsToItsFirstAwaitThenIsCancelled() throws Exception {
        try (Runtime rt = paused()) {
            AtomicInteger before = new AtomicInteger();
            Oneshot.Channel<String> cleanedUp = Oneshot.channel();
            assertThrows(Elapsed.class, () -> rt.blockOn(Async.async(() -> Time.timeout(Duration.ZERO, Async.async(() -> {
                before.incrementAndGet();
                try {
                    Time.sleep(Duration.ofDays(1)).await();
                } finally {
                    cleanedUp.sender().send("finally");
                }
                return 42;
            })).await())));
            assertEquals(1, before.get());
            assertEquals("finally", rt.blockOn(cleanedUp.receiver()));
        }
    }

    /**
     * A timeout cancelled while it waits for its coroutine's first run cancels the coroutine: its
     * body does not start, or unwinds through its {@code finally}.
     */
    @Test
    void cancellingTheTimeoutCancelsTheCoroutine() throws Exception {
        try (Runtime rt = paused()) {
            AtomicInteger started = new AtomicInteger();
            Oneshot.Channel<String> cleanedUp = Oneshot.channel();
            Poll<Integer> first = rt.blockOn(Futures.pollFn(cx -> {
                Timeout<Integer> t = Time.timeout(Duration.ZERO, Async.async(() -> {
                    started.incrementAndGet();
                    try {
                        Time.sleep(Duration.ofDays(1)).await();
                    } finally {
                        cleanedUp.sender().send("finally");
                    }
                    return 42;
                }));
                Poll<Integer> p = t.poll(cx);
                if (p.isPending()) {
                    t.cancel();
                }
                return Poll.ready(p);
            }));
            assertTrue(first.isPending() || first instanceof Poll.Failed<Integer> f && f.error() instanceof Elapsed,
                    first.toString());
            rt.blockOn(Futures.lazy(() -> Time.sleep(Duration.ofMillis(1)))); // the clock moves once the coroutine is idle or gone
            if (started.get() == 1) {
                assertEquals("finally", rt.blockOn(cleanedUp.receiver()));
            }
        }
    }

    @Test
    void aCoroutineThatSuspendsLosesAZeroTimeout() throws Exception {
        try (Runtime rt = paused()) {
            assertThrows(Elapsed.class, () -> rt.blockOn(Async.async(() -> Time.timeout(Duration.ZERO, Async.async(() -> {
                Time.sleep(Duration.ofMillis(1)).await();
                return 42;
            })).await())));
        }
    }
}
