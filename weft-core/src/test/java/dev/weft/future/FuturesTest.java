package dev.weft.future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testkit.TestWaker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The simple factories: ready, failed, pending, pollFn, lazy. */
class FuturesTest {
    private final TestWaker cx = new TestWaker();

    @Test
    void readyCompletesAtFirstPollAndRefusesASecond() {
        Future<String> f = Futures.ready("a");
        assertEquals(Poll.ready("a"), f.poll(cx));
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
    }

    @Test
    void readyAcceptsNullForVoidFutures() {
        Future<Void> f = Futures.ready(null);
        Poll.Ready<Void> r = assertInstanceOf(Poll.Ready.class, f.poll(cx));
        assertNull(r.value());
    }

    @Test
    void failedFailsWithTheSameInstance() {
        IOException e = new IOException("disk full");
        Future<String> f = Futures.failed(e);
        Poll.Failed<String> p = assertInstanceOf(Poll.Failed.class, f.poll(cx));
        assertSame(e, p.error());
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
    }

    @Test
    void failedRejectsNull() {
        var e = assertThrows(IllegalArgumentException.class, () -> Futures.failed(null));
        assertTrue(e.getMessage().contains("error"), e.getMessage());
    }

    @Test
    void pendingNeverCompletesAndCancelIsANoOp() {
        Future<String> f = Futures.pending();
        for (int i = 0; i < 3; i++) {
            assertTrue(f.poll(cx).isPending());
        }
        f.cancel();
        assertTrue(f.poll(cx).isPending());
        assertEquals(0, cx.wakes());
    }

    @Test
    void pollFnPassesTheContextAndStopsCallingAfterReady() {
        List<Context> seen = new ArrayList<>();
        Future<Integer> f = Futures.pollFn(c -> {
            seen.add(c);
            return seen.size() < 2 ? Poll.pending() : Poll.ready(seen.size());
        });
        TestWaker other = new TestWaker();
        assertTrue(f.poll(cx).isPending());
        assertEquals(Poll.ready(2), f.poll(other));
        assertEquals(List.of(cx, other), seen);
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
        assertEquals(2, seen.size());
    }

    @Test
    void pollFnTurnsAThrownExceptionIntoTheFailure() {
        IllegalStateException boom = new IllegalStateException("boom");
        Future<Integer> f = Futures.pollFn(c -> {
            throw boom;
        });
        assertSame(boom, assertInstanceOf(Poll.Failed.class, f.poll(cx)).error());
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
    }

    @Test
    void pollFnTurnsANullPollIntoAFailure() {
        Future<Integer> f = Futures.pollFn(c -> null);
        assertInstanceOf(NullPointerException.class, assertInstanceOf(Poll.Failed.class, f.poll(cx)).error());
    }

    @Test
    void pollFnRejectsNull() {
        var e = assertThrows(IllegalArgumentException.class, () -> Futures.pollFn(null));
        assertTrue(e.getMessage().contains("fn"), e.getMessage());
    }

    @Test
    void lazyCallsTheSupplierAtTheFirstPollOnly() {
        AtomicInteger calls = new AtomicInteger();
        TestFuture<String> inner = new TestFuture<>();
        Future<String> f = Futures.lazy(() -> {
            calls.incrementAndGet();
            return inner;
        });
        assertEquals(0, calls.get());
        assertTrue(f.poll(cx).isPending());
        assertSame(cx, inner.lastWaker());
        inner.complete("v");
        assertEquals(Poll.ready("v"), f.poll(cx));
        assertEquals(1, calls.get());
        assertThrows(IllegalStateException.class, () -> f.poll(cx));
        inner.assertNoMisuse();
    }

    @Test
    void lazyCancelledBeforeItsFirstPollNeverCallsTheSupplier() {
        AtomicInteger calls = new AtomicInteger();
        Future<String> f = Futures.lazy(() -> {
            calls.incrementAndGet();
            return Futures.ready("x");
        });
        f.cancel();
        assertEquals(0, calls.get());
    }

    @Test
    void lazyCancelsItsInnerFutureOnce() {
        TestFuture<String> inner = new TestFuture<>();
        Future<String> f = Futures.lazy(() -> inner);
        f.poll(cx);
        f.cancel();
        assertEquals(1, inner.cancels());
        inner.assertNoMisuse();
    }

    @Test
    void lazyTurnsSupplierFaultsIntoFailures() {
        RuntimeException boom = new RuntimeException("boom");
        Future<String> throwing = Futures.lazy(() -> {
            throw boom;
        });
        assertSame(boom, assertInstanceOf(Poll.Failed.class, throwing.poll(cx)).error());
        assertThrows(IllegalStateException.class, () -> throwing.poll(cx));

        Future<String> nulls = Futures.lazy(() -> null);
        assertInstanceOf(NullPointerException.class, assertInstanceOf(Poll.Failed.class, nulls.poll(cx)).error());
    }

    @Test
    void lazyRejectsNull() {
        var e = assertThrows(IllegalArgumentException.class, () -> Futures.lazy(null));
        assertTrue(e.getMessage().contains("supplier"), e.getMessage());
    }
}
