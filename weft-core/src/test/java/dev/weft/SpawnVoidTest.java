package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.future.Futures;
import dev.weft.future.Outcome;
import dev.weft.future.Poll;
import dev.weft.runtime.CheckedRunnable;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.JoinSet;
import dev.weft.runtime.LocalSet;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Oneshot;
import dev.weft.testkit.Modes;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spawning code that returns nothing ({@link CheckedRunnable}): which overload each form of
 * argument picks (the assignments are checked by the compiler), values, failures, cancellation,
 * bad arguments, and the message outside a runtime.
 */
@Timeout(30)
class SpawnVoidTest {
    private static final AtomicInteger RAN = new AtomicInteger();

    private static Runtime paused() {
        return Runtime.builder().currentThread().enableAll().startPaused(true).build();
    }

    private static <T> T inRuntime(Callable<T> body) throws Exception {
        try (Runtime rt = paused()) {
            return rt.blockOn(Async.async(body));
        }
    }

    static void work() {
        RAN.incrementAndGet();
    }

    static int answer() {
        return 42;
    }

    void instanceWork() {
        RAN.incrementAndGet();
    }

    @Test
    void aBlockLambdaWithoutAValueIsSpawnedAndMayAwait() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        Object v = inRuntime(() -> {
            JoinHandle<Void> h = Weft.spawn(() -> {
                Weft.sleep(Duration.ofMillis(10)).await();
                log.add("slept");
            });
            return h.await();
        });
        assertNull(v);
        assertEquals(List.of("slept"), log);
    }

    @Test
    void eachFormOfArgumentPicksTheExpectedOverload() throws Exception {
        RAN.set(0);
        List<Object> values = inRuntime(() -> {
            List<Object> out = new ArrayList<>();
            JoinHandle<Void> statement = Weft.spawn(() -> { RAN.incrementAndGet(); });
            JoinHandle<Void> statementExpr = Weft.spawn(() -> System.out.print(""));
            JoinHandle<Integer> value = Weft.spawn(() -> 42);                      // Callable wins
            List<String> side = new CopyOnWriteArrayList<>();
            JoinHandle<Boolean> valueStatement = Weft.spawn(() -> side.add("x"));  // a value: Callable, as submit
            JoinHandle<String> block = Weft.spawn(() -> { return "block"; });
            JoinHandle<Object> throwing = Weft.spawn(() -> { throw new IOException("boom"); });
            JoinHandle<Void> staticRef = Weft.spawn(SpawnVoidTest::work);
            JoinHandle<Integer> valueRef = Weft.spawn(SpawnVoidTest::answer);      // Callable wins
            JoinHandle<Void> boundRef = Weft.spawn(this::instanceWork);
            JoinHandle<Integer> future = Weft.spawn(Futures.ready(7));
            JoinHandle<Integer> pollLambda = Weft.spawn(cx -> Poll.ready(8));
            JoinHandle<Void> named = Weft.spawn("quiet", () -> { RAN.incrementAndGet(); });
            JoinHandle<Integer> namedValue = Weft.spawn("loud", () -> 9);
            out.add(statement.await());
            out.add(statementExpr.await());
            out.add(value.await());
            out.add(valueStatement.await());
            out.add(block.await());
            out.add(assertThrows(IOException.class, throwing::await).getMessage());
            out.add(staticRef.await());
            out.add(valueRef.await());
            out.add(boundRef.await());
            out.add(future.await());
            out.add(pollLambda.await());
            out.add(named.name() + "=" + named.await());
            out.add(namedValue.await());
            return out;
        });
        assertEquals(java.util.Arrays.asList(null, null, 42, true, "block", "boom", null, 42, null, 7, 8,
                "quiet=null", 9), values);
        assertEquals(4, RAN.get());
    }

    @Test
    void runtimeAndHandleOverloads() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        try (Runtime rt = paused()) {
            JoinHandle<Void> a = rt.spawn(() -> { ran.incrementAndGet(); });
            JoinHandle<Void> b = rt.spawn("b", () -> { ran.incrementAndGet(); });
            JoinHandle<Void> c = rt.handle().spawn(() -> { ran.incrementAndGet(); });
            JoinHandle<Void> d = rt.handle().spawn("d", () -> { ran.incrementAndGet(); });
            JoinHandle<Void> e = rt.spawnBlocking(() -> { ran.incrementAndGet(); });
            JoinHandle<Void> f = rt.handle().spawnBlocking(() -> { ran.incrementAndGet(); });
            JoinHandle<Integer> g = rt.spawnBlocking(() -> 1);
            assertNull(rt.blockOn(Futures.join(a, b, c, d, e, f)).get(5));
            assertEquals(1, rt.blockOn(g));
            assertEquals("b", b.name());
            assertEquals("d", d.name());
            assertNull(rt.blockOn(Async.async(() -> Weft.spawnBlocking(() -> { ran.incrementAndGet(); }).await())));
        }
        assertEquals(7, ran.get());
    }

    @Test
    void aFailureIsRethrownAsItIs() throws Exception {
        IOException boom = new IOException("boom");
        try (Runtime rt = paused()) {
            JoinHandle<Void> h = rt.spawn(() -> {
                Time.sleep(Duration.ofMillis(1)).await();
                if (boom != null) {
                    throw boom;
                }
            });
            assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(h)));
            JoinHandle<Void> b = rt.spawnBlocking(() -> { throw boom; });
            assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(b)));
        }
    }

    @Test
    void abortCancelsTheBodyAndItsFinallyRuns() throws Exception {
        AtomicBoolean cleaned = new AtomicBoolean();
        try (Runtime rt = paused()) {
            Oneshot.Channel<String> started = Oneshot.channel();
            JoinHandle<Void> h = rt.spawn(() -> {
                started.sender().send("started");
                try {
                    Time.sleep(Duration.ofDays(1)).await();
                } finally {
                    cleaned.set(true);
                }
            });
            assertEquals("started", rt.blockOn(started.receiver()));
            h.abort();
            JoinError e = assertThrows(JoinError.class, () -> rt.blockOn(h));
            assertTrue(e.isAborted(), e.toString());
        }
        assertTrue(cleaned.get());
    }

    @Test
    void aJoinSetOfVoidTasks() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        List<Object> joined = inRuntime(() -> {
            try (JoinSet<Void> set = new JoinSet<>()) {
                for (int i = 1; i <= 3; i++) {
                    int ms = i;
                    set.spawn(() -> {
                        Time.sleep(Duration.ofMillis(ms)).await();
                        ran.incrementAndGet();
                    });
                }
                set.spawnOn(dev.weft.runtime.Handle.current(), () -> { ran.incrementAndGet(); });
                List<Object> out = new ArrayList<>();
                Optional<Outcome<Void>> o;
                while ((o = set.joinNextOutcome().await()).isPresent()) {
                    out.add(o.get().get());
                }
                set.spawn(() -> { ran.incrementAndGet(); });
                out.add(set.joinAll().await().size());
                return out;
            }
        });
        assertEquals(java.util.Arrays.asList(null, null, null, null, 1), joined);
        assertEquals(5, ran.get());
    }

    @Test
    void spawnLocalWithoutAValue() throws Exception {
        assumeTrue(Modes.current() == CoroutineMode.WEFT_SCHEDULER, "LocalSet runs coroutines only on Weft's scheduler");
        AtomicInteger ran = new AtomicInteger();
        try (Runtime rt = paused(); LocalSet set = new LocalSet()) {
            Object v = set.blockOn(rt, Async.async(() -> {
                JoinHandle<Void> a = Weft.spawnLocal(() -> { ran.incrementAndGet(); });
                JoinHandle<Void> b = set.spawnLocal(() -> {
                    Weft.sleep(Duration.ofMillis(5)).await();
                    ran.incrementAndGet();
                });
                a.await();
                return b.await();
            }));
            assertNull(v);
        }
        assertEquals(2, ran.get());
    }

    @Test
    void nullArgumentsAreNamed() throws Exception {
        assertEquals("body", messageOf(() -> Weft.spawn((CheckedRunnable) null)));
        assertEquals("body", messageOf(() -> Weft.spawn("n", (CheckedRunnable) null)));
        assertEquals("name", messageOf(() -> Weft.spawn(null, () -> { })));
        assertEquals("body", messageOf(() -> Weft.spawnBlocking((CheckedRunnable) null)));
        assertEquals("body", messageOf(() -> Weft.spawnLocal((CheckedRunnable) null)));
        try (Runtime rt = paused(); JoinSet<Void> set = new JoinSet<>()) {
            assertEquals("body", messageOf(() -> rt.spawn((CheckedRunnable) null)));
            assertEquals("body", messageOf(() -> rt.spawn("n", (CheckedRunnable) null)));
            assertEquals("name", messageOf(() -> rt.spawn(null, () -> { })));
            assertEquals("body", messageOf(() -> rt.spawnBlocking((CheckedRunnable) null)));
            assertEquals("body", messageOf(() -> rt.handle().spawn((CheckedRunnable) null)));
            assertEquals("body", messageOf(() -> set.spawn((CheckedRunnable) null)));
            assertEquals("body", messageOf(() -> set.spawnOn(rt.handle(), (CheckedRunnable) null)));
            assertEquals("handle", messageOf(() -> set.spawnOn(null, () -> { })));
            assertEquals("body", messageOf(() -> new LocalSet().spawnLocal((CheckedRunnable) null)));
        }
    }

    /** The first word of the IllegalArgumentException's message: the argument's name. */
    private static String messageOf(org.junit.jupiter.api.function.Executable call) {
        String m = assertThrows(IllegalArgumentException.class, call).getMessage();
        return m.split("[ :]", 2)[0];
    }

    @Test
    void outsideARuntimeTheMessageNamesTheUsersCall() {
        assertNamed("Weft.spawn(...)", () -> Weft.spawn(() -> { }));
        assertNamed("Weft.spawn(...)", () -> Weft.spawn(() -> 1));
        assertNamed("Weft.spawn(...)", () -> Weft.spawn("n", () -> 1));
        assertNamed("Weft.spawn(...)", () -> Weft.spawn(Futures.ready(1)));
        assertNamed("Weft.spawnBlocking(...)", () -> Weft.spawnBlocking(() -> { }));
        assertNamed("Weft.spawnLocal(...)", () -> Weft.spawnLocal(() -> { }));
        assertNamed("Weft.spawnLocal(...)", () -> Weft.spawnLocal(Futures.ready(1)));
        assertNamed("Weft.sleep(...)", () -> Weft.sleep(Duration.ofMillis(1)));
        assertNamed("Weft.timeout(...)", () -> Weft.timeout(Duration.ofMillis(1), Futures.ready(1)));
        assertNamed("Time.sleep(...)", () -> Time.sleep(Duration.ofMillis(1)));
        assertNamed("Time.timeout(...)", () -> Time.timeout(Duration.ofMillis(1), Futures.ready(1)));
        assertNamed("LocalSet.current()", LocalSet::current);
    }

    private static void assertNamed(String call, org.junit.jupiter.api.function.Executable e) {
        String m = assertThrows(IllegalStateException.class, e).getMessage();
        assertTrue(m.contains(call), m);
        assertTrue(!m.contains("Handle.current()") && !m.contains("the time driver"), m);
    }
}
