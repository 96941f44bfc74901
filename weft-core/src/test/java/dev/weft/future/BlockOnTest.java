package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.internal.Suspender;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Futures#blockOn}: the smallest executor. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BlockOnTest {

    @Test
    void returnsTheValue() throws Exception {
        int v = Futures.blockOn(Futures.ready(21).map(x -> x * 2));
        assertEquals(42, v);
    }

    @Test
    void rethrowsACheckedFailureUnwrapped() {
        IOException e = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> Futures.blockOn(Futures.failed(e)));
        assertSame(e, thrown);
    }

    @Test
    void rethrowsAnExceptionEscapingPollAsItIs() {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<String> f = cx -> {
            throw boom;
        };
        assertSame(boom, assertThrows(IllegalStateException.class, () -> Futures.blockOn(f)));
    }

    @Test
    void waitsForAFutureCompletedByAnotherThread() throws Exception {
        TestFuture<String> f = new TestFuture<>();
        Thread completer = Thread.ofPlatform().start(() -> {
            sleepMillis(5);
            f.complete("late");
        });
        assertEquals("late", Futures.blockOn(f));
        completer.join();
        assertTrue(f.polls() >= 1);
        f.assertNoMisuse();
    }

    @Test
    void worksOnAVirtualThread() throws Exception {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<String> out = new CompletableFuture<>();
        Thread vt = Thread.ofVirtual().start(() -> {
            try {
                out.complete(Futures.blockOn(f));
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        });
        sleepMillis(2);
        f.complete("v");
        assertEquals("v", out.get(5, TimeUnit.SECONDS));
        vt.join();
    }

    @Test
    void refusesOnAThreadThatMustNotBlock() {
        Suspender refusing = new Suspender() {
            @Override
            public Context enter() {
                throw new IllegalStateException("a Weft worker must not block: use map/then or a coroutine");
            }

            @Override
            public void suspend() {
                throw new AssertionError("not reached");
            }
        };
        TestFuture<String> f = new TestFuture<>();
        Suspender prev = Suspender.install(refusing);
        try {
            var e = assertThrows(IllegalStateException.class, () -> Futures.blockOn(f));
            assertTrue(e.getMessage().contains("must not block"), e.getMessage());
        } finally {
            Suspender.install(prev);
        }
        assertEquals(0, f.polls());
    }

    @Test
    void anInterruptWhileWaitingCancelsTheFuture() throws Exception {
        TestFuture<String> f = new TestFuture<>();
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                Futures.blockOn(f);
                thrown.complete(null);
            } catch (Throwable e) {
                thrown.complete(e);
            }
        });
        while (f.polls() == 0) {
            Thread.onSpinWait();
        }
        waiter.interrupt();
        assertTrue(thrown.get(5, TimeUnit.SECONDS) instanceof CancelledException);
        waiter.join();
        assertEquals(1, f.cancels());
        f.assertNoMisuse();
    }

    @Test
    void anAlreadyInterruptedThreadCancelsTheFutureWithoutPolling() {
        TestFuture<String> f = new TestFuture<>();
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancelledException.class, () -> Futures.blockOn(f));
        } finally {
            Thread.interrupted();
        }
        assertEquals(0, f.polls());
        assertEquals(1, f.cancels());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void rejectsNull() {
        var e = assertThrows(IllegalArgumentException.class, () -> Futures.blockOn(null));
        assertTrue(e.getMessage().contains("future"), e.getMessage());
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
