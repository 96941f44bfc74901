package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CoroutineTest {

    static Runtime newRuntime() {
        return Runtime.builder().currentThread().build();
    }

    /** A future completed by the test; counts cancels. */
    static final class Gate<T> implements Future<T> {
        volatile Poll<T> result;
        volatile Waker waker;
        final AtomicInteger cancels = new AtomicInteger();
        final CountDownLatch polled = new CountDownLatch(1);

        @Override
        public Poll<T> poll(Context cx) {
            waker = cx.waker();
            polled.countDown();
            Poll<T> r = result;
            return r != null ? r : Poll.pending();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
        }

        void open(T v) {
            result = Poll.ready(v);
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }
    }

    @Test
    void modeIsTheOneThisSuiteRunsIn() throws Exception {
        String expected = System.getProperty("weft.expectedCoroutineMode");
        CoroutineMode mode = Weft.run(() -> Handle.current().coroutineMode());
        if (expected != null) {
            assertEquals(CoroutineMode.valueOf(expected), mode);
        }
    }

    @Test
    void runReturnsTheBodysValue() throws Exception {
        assertEquals("hello", Weft.run(() -> "hello"));
    }

    @Test
    void asyncIsLazy() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Future<Integer> f = Async.async(ran::incrementAndGet);
        Thread.sleep(5);
        assertEquals(0, ran.get(), "nothing runs before the first poll");
        try (Runtime rt = newRuntime()) {
            assertEquals(1, (int) rt.blockOn(f));
        }
    }

    @Test
    void bodyFailureReachesTheAwaiterAsItIs() {
        IOException boom = new IOException("boom");
        IOException seen = assertThrows(IOException.class, () -> Weft.run(() -> {
            JoinHandle<Object> h = Weft.spawn(() -> {
                throw boom;
            });
            return h.await();
        }));
        assertSame(boom, seen);
        assertTrue(seen.getStackTrace().length > 0);
        assertTrue(seen.getStackTrace()[0].getClassName().contains("CoroutineTest"), "original stack kept");
    }

    @Test
    void awaitSuspendsUntilWokenFromAnotherThread() throws Exception {
        Gate<String> gate = new Gate<>();
        Thread opener = Thread.ofPlatform().start(() -> {
            try {
                gate.polled.await();
            } catch (InterruptedException e) {
                return;
            }
            gate.open("opened");
        });
        assertEquals("opened!", Weft.run(() -> gate.await() + "!"));
        opener.join();
    }

    @Test
    void coroutinesOfACurrentThreadRuntimeRunOnItsThread() throws Exception {
        Method carrierOf = Thread.class.getDeclaredMethod("currentCarrierThread");
        boolean weftMode;
        try {
            carrierOf.setAccessible(true);
            weftMode = Handle.class != null && Async.async(() -> 1) != null
                    && Weft.run(() -> Handle.current().coroutineMode()) == CoroutineMode.WEFT_SCHEDULER;
        } catch (RuntimeException notOpened) {
            weftMode = false;
        }
        Thread me = Thread.currentThread();
        List<Thread> carriers = new CopyOnWriteArrayList<>();
        try (Runtime rt = newRuntime()) {
            rt.blockOn(Async.async(() -> {
                List<JoinHandle<Void>> hs = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    hs.add(Weft.spawn(() -> {
                        for (int j = 0; j < 3; j++) {
                            if (carrierOf.canAccess(null)) {
                                carriers.add((Thread) carrierOf.invoke(null));
                            }
                            Weft.yieldNow().await();
                        }
                        return null;
                    }));
                }
                for (JoinHandle<Void> h : hs) {
                    h.await();
                }
                return null;
            }));
        }
        if (weftMode) {
            assertEquals(24, carriers.size());
            for (Thread c : carriers) {
                assertSame(me, c, "every coroutine runs on the thread inside blockOn");
            }
        } else {
            for (Thread c : carriers) {
                assertNotSame(me, c, "without the flag, coroutines run on the JDK's carriers");
            }
        }
    }

    /**
     * The sleeper stays in {@code Thread.sleep} until quick has run (at most 10 s), so the order
     * shows that quick ran meanwhile whatever the machine's load; a fixed 60 ms sleep was not
     * always long enough for quick's coroutine to start, yield and run on a loaded machine. A
     * current-thread runtime, so that quick has no other worker to run on.
     */
    @Test
    void aBlockingJdkCallParksOnlyItsCoroutine() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(), dev.weft.testkit.Modes.NO_BLOCKING_PROMISE);
        List<String> order = new CopyOnWriteArrayList<>();
        try (Runtime rt = newRuntime()) { // one thread: a sleeper that held it would stall quick
            rt.blockOn(Async.async(() -> {
                JoinHandle<Void> sleeper = Weft.spawn(() -> {
                    long giveUp = System.nanoTime() + 10_000_000_000L;
                    do {
                        Thread.sleep(10);
                    } while (!order.contains("quick") && System.nanoTime() - giveUp < 0);
                    order.add("sleeper");
                    return null;
                });
                JoinHandle<Void> quick = Weft.spawn(() -> {
                    Weft.yieldNow().await();
                    order.add("quick");
                    return null;
                });
                quick.await();
                sleeper.await();
                return null;
            }));
        }
        assertEquals(List.of("quick", "sleeper"), order);
    }

    @Test
    void abortThrowsCancelledAtThePendingAwaitAndRunsFinally() throws Exception {
        Gate<String> gate = new Gate<>();
        AtomicReference<Throwable> caught = new AtomicReference<>();
        AtomicInteger finallyRan = new AtomicInteger();
        Weft.run(() -> {
            JoinHandle<String> h = Weft.spawn(() -> {
                try {
                    return gate.await();
                } catch (CancelledException e) {
                    caught.set(e);
                    throw e;
                } finally {
                    finallyRan.incrementAndGet();
                }
            });
            while (gate.waker == null) {
                Weft.yieldNow().await();
            }
            h.abort();
            JoinError e = assertThrows(JoinError.class, h::await);
            assertTrue(e.isAborted());
            return null;
        });
        assertTrue(caught.get() instanceof CancelledException);
        assertEquals(1, finallyRan.get());
        assertEquals(1, gate.cancels.get(), "the awaited future is cancelled exactly once");
    }

    @Test
    void abortInterruptsABlockingJdkCall() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(), dev.weft.testkit.Modes.NO_BLOCKING_PROMISE);
        AtomicReference<Throwable> caught = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        long t0 = System.nanoTime();
        Weft.run(() -> {
            JoinHandle<Void> h = Weft.spawn(() -> {
                started.countDown();
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    caught.set(e);
                    throw e; // ended by the interrupt: the join says aborted
                }
                return null;
            });
            while (started.getCount() > 0) {
                Weft.yieldNow().await();
            }
            h.abort();
            assertThrows(JoinError.class, h::await);
            return null;
        });
        assertTrue(caught.get() instanceof InterruptedException);
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
    }

    /**
     * A body that handles the interrupt of its blocking call and returns normally finished by
     * itself: the join gives its value (only a cancelled await, or the interrupt let out, make
     * the join a JoinError). Its next await would still throw.
     */
    @Test
    void aCoroutineThatHandlesTheInterruptAndReturnsKeepsItsValue() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(), dev.weft.testkit.Modes.NO_BLOCKING_PROMISE);
        CountDownLatch started = new CountDownLatch(1);
        String joined = Weft.run(() -> {
            JoinHandle<String> h = Weft.spawn(() -> {
                started.countDown();
                try {
                    Thread.sleep(30_000);
                    return "slept";
                } catch (InterruptedException e) {
                    return "handled";
                }
            });
            while (started.getCount() > 0) {
                Weft.yieldNow().await();
            }
            h.abort();
            return h.await();
        });
        assertEquals("handled", joined);
    }

    @Test
    void swallowingCancellationDoesNotUncancel() throws Exception {
        Gate<String> first = new Gate<>();
        Gate<String> second = new Gate<>();
        AtomicInteger secondAwaitFailed = new AtomicInteger();
        Weft.run(() -> {
            JoinHandle<String> h = Weft.spawn(() -> {
                try {
                    first.await();
                } catch (CancelledException swallowed) {
                    // keep going regardless
                }
                try {
                    return second.await();
                } catch (CancelledException again) {
                    secondAwaitFailed.incrementAndGet();
                    throw again;
                }
            });
            while (first.waker == null) {
                Weft.yieldNow().await();
            }
            h.abort();
            assertThrows(JoinError.class, h::await);
            return null;
        });
        assertEquals(1, secondAwaitFailed.get());
    }

    @Test
    void closeCancelsCoroutinesAndTheirFinallyBlocksRun() throws Exception {
        AtomicInteger finallyRan = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        Gate<String> never = new Gate<>();
        Runtime rt = newRuntime();
        rt.blockOn(Async.async(() -> {
            for (int i = 0; i < 5; i++) {
                Weft.spawn(() -> {
                    try {
                        started.incrementAndGet();
                        return never.await();
                    } finally {
                        finallyRan.incrementAndGet();
                    }
                });
            }
            while (started.get() < 5) { // a coroutine cancelled before it starts never runs at all
                Weft.yieldNow().await();
            }
            return null;
        }));
        rt.close();
        assertEquals(5, finallyRan.get());
        assertEquals(0, rt.handle().aliveTasks());
    }

    @Test
    void cancellingAnUnstartedCoroutineNeverRunsIt() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Future<Integer> f = Async.async(ran::incrementAndGet);
        f.cancel();
        Thread.sleep(5);
        assertEquals(0, ran.get());
    }

    @Test
    void awaitOnAPlainThreadParksUntilReady() throws Exception {
        assertEquals(7, (int) Async.async(() -> 7).await());
        Gate<Integer> gate = new Gate<>();
        Thread.ofPlatform().start(() -> {
            try {
                gate.polled.await();
            } catch (InterruptedException e) {
                return;
            }
            gate.open(9);
        });
        assertEquals(9, (int) gate.await());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Async.async(null));
        assertTrue(e.getMessage().contains("body"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Weft.run(null));
    }

    @Test
    void pollingAFinishedCoroutineIsABug() throws Exception {
        Future<Integer> f = Async.async(() -> 1);
        try (Runtime rt = newRuntime()) {
            assertEquals(1, (int) rt.blockOn(f));
            assertThrows(IllegalStateException.class, () -> rt.blockOn(f));
        }
    }

    @Test
    void manyCoroutinesPingPongWithoutLosingWakeups() throws Exception {
        int rounds = 20_000;
        int total = Weft.run(() -> {
            AtomicInteger count = new AtomicInteger();
            List<JoinHandle<Void>> hs = new java.util.ArrayList<>();
            for (int c = 0; c < 4; c++) {
                hs.add(Weft.spawn(() -> {
                    for (int i = 0; i < rounds / 4; i++) {
                        Weft.yieldNow().await();
                        count.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (JoinHandle<Void> h : hs) {
                h.await();
            }
            return count.get();
        });
        assertEquals(rounds, total);
    }
}
