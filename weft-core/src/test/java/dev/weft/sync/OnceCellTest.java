package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.testkit.TestWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceCellTest {
    private final TestWaker w = new TestWaker();

    /** An initialiser the test completes by hand; counts its starts and cancellations. */
    static final class Init implements Future<String> {
        Poll<String> result = Poll.pending();
        boolean cancelled;

        @Override
        public Poll<String> poll(Context cx) {
            return result;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Test
    void setOnceThenGet() {
        OnceCell<String> c = new OnceCell<>();
        assertEquals(Optional.empty(), c.get());
        c.set("a");
        assertEquals(Optional.of("a"), c.get());
        assertThrows(IllegalStateException.class, () -> c.set("b"));
        assertThrows(IllegalArgumentException.class, () -> new OnceCell<String>().set(null));
        assertEquals("a", w.ready(c.getOrInit(() -> {
            throw new AssertionError("no initialiser once set");
        })));
        assertEquals(Optional.of("x"), OnceCell.of("x").get());
    }

    @Test
    void theInitialiserRunsOnceAndRacersSeeItsValue() {
        OnceCell<String> c = new OnceCell<>();
        AtomicInteger starts = new AtomicInteger();
        Init init = new Init();
        OnceCell.GetOrInit<String> a = c.getOrInit(() -> {
            starts.incrementAndGet();
            return init;
        });
        OnceCell.GetOrInit<String> b = c.getOrInit(() -> {
            starts.incrementAndGet();
            return new Init();
        });
        OnceCell.GetOrInit<String> d = c.getOrInit(() -> {
            throw new AssertionError("d never initialises");
        });
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        assertTrue(w.poll(d).isPending());
        assertThrows(IllegalStateException.class, () -> c.set("z"), "an initialiser runs");
        d.cancel(); // a racer cancelled: no new initialiser
        init.result = Poll.ready("v");
        assertEquals("v", w.ready(a));
        assertEquals("v", w.ready(b));
        assertEquals(1, starts.get());
        assertEquals(Optional.of("v"), c.get());
    }

    @Test
    void whenTheInitialisingCallerIsCancelledTheNextWaiterRunsItsOwn() {
        OnceCell<String> c = new OnceCell<>();
        Init first = new Init();
        Init second = new Init();
        OnceCell.GetOrInit<String> a = c.getOrInit(() -> first);
        OnceCell.GetOrInit<String> b = c.getOrInit(() -> second);
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        int wakes = w.wakes();
        a.cancel();
        assertTrue(first.cancelled);
        assertEquals(wakes + 1, w.wakes(), "b is woken to take over");
        assertTrue(w.poll(b).isPending(), "b runs its own initialiser");
        second.result = Poll.ready("second");
        assertEquals("second", w.ready(b));
        assertEquals(Optional.of("second"), c.get());
    }

    @Test
    void aFailedInitialiserLetsTheNextWaiterTry() {
        OnceCell<String> c = new OnceCell<>();
        Init first = new Init();
        OnceCell.GetOrInit<String> a = c.getOrInit(() -> first);
        OnceCell.GetOrInit<String> b = c.getOrInit(() -> dev.weft.future.Futures.ready("b"));
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        IllegalStateException boom = new IllegalStateException("boom");
        first.result = Poll.failed(boom);
        assertSame(boom, ((Poll.Failed<String>) w.poll(a)).error());
        assertEquals(Optional.empty(), c.get());
        assertEquals("b", w.ready(b));
    }

    @Test
    void aThrowingSupplierOrANullValueFailsOnlyThatCaller() {
        OnceCell<String> c = new OnceCell<>();
        assertTrue(w.poll(c.getOrInit(() -> {
            throw new IllegalStateException("no");
        })) instanceof Poll.Failed<String>);
        assertTrue(w.poll(c.getOrInit(() -> dev.weft.future.Futures.ready(null))) instanceof Poll.Failed<String>);
        assertEquals("ok", w.ready(c.getOrInit(() -> dev.weft.future.Futures.ready("ok"))));
    }

    @Test
    void aWaiterCancelledAfterBeingHandedTheTurnPassesItOn() {
        OnceCell<String> c = new OnceCell<>();
        Init first = new Init();
        OnceCell.GetOrInit<String> a = c.getOrInit(() -> first);
        OnceCell.GetOrInit<String> b = c.getOrInit(() -> dev.weft.future.Futures.ready("b"));
        OnceCell.GetOrInit<String> d = c.getOrInit(() -> dev.weft.future.Futures.ready("d"));
        assertTrue(w.poll(a).isPending());
        assertTrue(w.poll(b).isPending());
        assertTrue(w.poll(d).isPending());
        first.result = Poll.failed(new IllegalStateException());
        assertTrue(w.poll(a) instanceof Poll.Failed<String>); // the turn goes to b
        b.cancel(); // before b polled it
        assertEquals("d", w.ready(d));
    }

    @Test
    void manyTasksOneInitialiserOnBothFlavors() throws Exception {
        try (Runtime rt = TestWaker.currentThread()) {
            assertEquals(1, race(rt));
        }
        try (Runtime rt = TestWaker.multiThread()) {
            assertEquals(1, race(rt));
        }
    }

    private static int race(Runtime rt) throws Exception {
        OnceCell<Integer> c = new OnceCell<>();
        AtomicInteger starts = new AtomicInteger();
        List<JoinHandle<Integer>> hs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            hs.add(rt.spawn(() -> c.getOrInit(() -> {
                starts.incrementAndGet();
                return dev.weft.Weft.yieldNow().map(x -> 42);
            }).await()));
        }
        for (JoinHandle<Integer> h : hs) {
            assertEquals(42, rt.blockOn(h));
        }
        return starts.get();
    }
}
