package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The runtime's bridges to the JDK: {@link JoinHandle#toCompletableFuture()},
 * {@link Handle#executor()}, and {@code Future.toCompletableFuture(handle.executor())}. Time-based
 * cases run on a paused clock, so an hour-long sleep is instant and exact.
 */
class JdkInteropTest {

    static Runtime paused() {
        return Runtime.builder().currentThread().enableTime().startPaused(true).build();
    }

    /** Drives the runtime until every task is idle: a paused clock only moves then. */
    static void settle(Runtime rt) throws Exception {
        rt.blockOn(Futures.lazy(() -> Time.sleep(Duration.ofMillis(1))));
    }

    // ---- JoinHandle.toCompletableFuture() ---------------------------------------------------

    @Test
    void theTasksValueCompletesTheCompletableFuture() throws Exception {
        try (Runtime rt = paused()) {
            CompletableFuture<String> cf = rt.spawn(() -> {
                Weft.sleep(Duration.ofSeconds(5)).await();
                return "slept";
            }).toCompletableFuture();
            assertFalse(cf.isDone());
            assertEquals("slept", rt.blockOn(Futures.from(cf)));
        }
    }

    @Test
    void theTasksFailureIsGivenAsItIs() throws Exception {
        IOException boom = new IOException("boom");
        try (Runtime rt = paused()) {
            CompletableFuture<Object> cf = rt.spawn(() -> {
                throw boom;
            }).toCompletableFuture();
            settle(rt);
            assertSame(boom, assertThrows(ExecutionException.class, cf::get).getCause());
        }
    }

    @Test
    void cancellingTheCompletableFutureAbortsTheTask() throws Exception {
        CompletableFuture<String> cleanedUp = new CompletableFuture<>();
        try (Runtime rt = paused()) {
            JoinHandle<String> h = rt.spawn(() -> {
                try {
                    Weft.sleep(Duration.ofHours(1)).await();
                    return "never";
                } finally {
                    cleanedUp.complete("finally ran");
                }
            });
            CompletableFuture<String> cf = h.toCompletableFuture();
            settle(rt);
            assertTrue(cf.cancel(true));
            assertEquals("finally ran", rt.blockOn(Futures.from(cleanedUp)));
            // The task completes once its coroutine has unwound, a moment after the finally ran;
            // a current-thread runtime runs it only while something drives it.
            for (long end = System.nanoTime() + 10_000_000_000L; !h.isFinished() && System.nanoTime() < end; ) {
                settle(rt);
            }
            assertTrue(h.isFinished());
            assertTrue(cf.isCancelled());
            assertEquals(0, rt.handle().aliveTasks());
        }
    }

    @Test
    void completingTheCompletableFutureFromOutsideAbortsTheTask() throws Exception {
        try (Runtime rt = paused()) {
            JoinHandle<String> h = rt.spawn(() -> {
                Weft.sleep(Duration.ofHours(1)).await();
                return "never";
            });
            CompletableFuture<String> cf = h.toCompletableFuture();
            settle(rt);
            assertTrue(cf.completeExceptionally(new IOException("gave up")));
            settle(rt);
            assertTrue(h.isFinished(), "the task was aborted");
            assertInstanceOf(IOException.class, assertThrows(ExecutionException.class, cf::get).getCause());
        }
    }

    @Test
    void abortingTheTaskCancelsTheCompletableFutureWithTheJoinError() throws Exception {
        try (Runtime rt = paused()) {
            JoinHandle<String> h = rt.spawn(() -> {
                Weft.sleep(Duration.ofHours(1)).await();
                return "never";
            });
            CompletableFuture<String> cf = h.toCompletableFuture();
            settle(rt);
            h.abort();
            settle(rt);
            assertTrue(cf.isCancelled());
            // get() throws a CancellationException of its own (JDK 23+), caused by the JoinError
            JoinError e = assertInstanceOf(JoinError.class, assertThrows(CancellationException.class, cf::get).getCause());
            assertTrue(e.isAborted());
            assertEquals(h.id(), e.taskId());
            assertSame(e, cf.handle((v, x) -> x).join(), "dependent actions see the JoinError itself");
        }
    }

    @Test
    void runtimeShutdownCancelsTheCompletableFuture() throws Exception {
        CompletableFuture<String> cf;
        try (Runtime rt = paused()) {
            cf = rt.spawn(() -> {
                Weft.sleep(Duration.ofHours(1)).await();
                return "never";
            }).toCompletableFuture();
            settle(rt);
        }
        assertTrue(cf.isCancelled());
        // close() aborts the tasks still alive: the CompletableFuture carries their JoinError
        assertInstanceOf(JoinError.class, assertThrows(CancellationException.class, cf::join).getCause());
    }

    @Test
    void aTaskCompletedOnAnotherThreadCompletesTheCompletableFutureThere() throws Exception {
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build()) {
            for (int i = 0; i < 200; i++) {
                int v = i;
                AtomicReference<Thread> ranOn = new AtomicReference<>();
                CompletableFuture<Integer> cf = rt.spawnBlocking(() -> {
                    ranOn.set(Thread.currentThread());
                    return v;
                }).toCompletableFuture();
                AtomicReference<Thread> completedOn = new AtomicReference<>();
                CompletableFuture<Integer> seen = cf.whenComplete((x, e) -> completedOn.set(Thread.currentThread()));
                assertEquals(v, (int) seen.get(10, TimeUnit.SECONDS));
                Thread caller = Thread.currentThread();
                assertTrue(completedOn.get() == ranOn.get() || completedOn.get() == caller,
                        "completed by the task's thread, or by this one if it was already done");
            }
        }
    }

    @Test
    void aFinishedTaskCompletesTheCompletableFutureAtOnce() throws Exception {
        try (Runtime rt = paused()) {
            JoinHandle<Integer> h = rt.spawn(Futures.ready(7));
            settle(rt);
            assertEquals(7, h.toCompletableFuture().getNow(-1));
        }
    }

    // ---- Handle.executor() ------------------------------------------------------------------

    @Test
    void theExecutorRunsEachRunnableAsATaskOfTheRuntime() throws Exception {
        try (Runtime rt = paused()) {
            Executor ex = rt.handle().executor();
            List<Handle> seen = new CopyOnWriteArrayList<>();
            ex.execute(() -> seen.add(Handle.current()));
            ex.execute(() -> seen.add(Handle.current()));
            assertEquals(List.of(), seen, "a current-thread runtime runs them while driven");
            settle(rt);
            assertEquals(List.of(rt.handle(), rt.handle()), seen);
            assertEquals(ex, rt.handle().executor());
        }
    }

    @Test
    void theExecutorWorksWithCompletableFutureAsync() throws Exception {
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build()) {
            CompletableFuture<Handle> cf = CompletableFuture.supplyAsync(Handle::current, rt.handle().executor());
            assertEquals(rt.handle(), cf.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void theExecutorRejectsNullByNameAndRunnablesAfterShutdown() {
        Runtime rt = paused();
        Executor ex = rt.handle().executor();
        NullPointerException npe = assertThrows(NullPointerException.class, () -> ex.execute(null));
        assertTrue(npe.getMessage().startsWith("command "), npe.getMessage());
        rt.close();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> ex.execute(() -> { }));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
    }

    @Test
    void aRunnablesExceptionGoesToTheUncaughtFailureHandler() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IllegalStateException boom = new IllegalStateException("runnable failed");
        Runtime rt = Runtime.builder().currentThread().enableTime().startPaused(true)
                .uncaughtFailureHandler((id, f) -> reported.add(f)).build();
        rt.handle().executor().execute(() -> {
            throw boom;
        });
        settle(rt);
        rt.close();
        assertEquals(List.of(boom), reported);
    }

    // ---- Future.toCompletableFuture(handle.executor()) --------------------------------------

    @Test
    void aFutureRunOnTheRuntimesExecutorCanUseItsTimers() throws Exception {
        try (Runtime rt = paused()) {
            Future<String> f = Async.async(() -> {
                Weft.sleep(Duration.ofMinutes(3)).await();
                return "after three minutes";
            });
            CompletableFuture<String> cf = f.toCompletableFuture(rt.handle().executor());
            assertEquals("after three minutes", rt.blockOn(Futures.from(cf)));
        }
    }

    @Test
    void cancellingItCancelsTheFutureOnTheRuntime() throws Exception {
        CompletableFuture<String> cleanedUp = new CompletableFuture<>();
        try (Runtime rt = paused()) {
            Future<String> f = Async.async(() -> {
                try {
                    Weft.sleep(Duration.ofHours(1)).await();
                    return "never";
                } catch (CancelledException e) {
                    cleanedUp.complete("cancelled on " + (Handle.current().equals(rt.handle()) ? "its runtime" : "?"));
                    throw e;
                }
            });
            CompletableFuture<String> cf = f.toCompletableFuture(rt.handle().executor());
            settle(rt);
            cf.cancel(false);
            assertEquals("cancelled on its runtime", rt.blockOn(Futures.from(cleanedUp)));
        }
    }

    @Test
    void aPollFutureCompletedFromAnotherThreadWakesThroughTheExecutor() throws Exception {
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(2).build()) {
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Integer> source = new CompletableFuture<>();
                CompletableFuture<Integer> cf = Futures.from(source).map(x -> x + 1)
                        .toCompletableFuture(rt.handle().executor());
                int v = i;
                Thread.ofPlatform().start(() -> source.complete(v));
                assertEquals(v + 1, (int) cf.get(10, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aRuntimeShutDownFailsTheCompletableFutureAtTheNextWake() throws Exception {
        Runtime rt = paused();
        CompletableFuture<Integer> source = new CompletableFuture<>();
        int[] cancels = {0};
        Future<Integer> f = new Future<>() {
            private final Future<Integer> inner = Futures.from(source);

            @Override
            public Poll<Integer> poll(dev.weft.future.Context cx) {
                return inner.poll(cx);
            }

            @Override
            public void cancel() {
                cancels[0]++;
                inner.cancel();
            }
        };
        CompletableFuture<Integer> cf = f.toCompletableFuture(rt.handle().executor());
        settle(rt);
        rt.close();
        source.complete(1); // wakes: the runtime refuses the poll
        assertInstanceOf(RejectedExecutionException.class, assertThrows(ExecutionException.class, cf::get).getCause());
        assertEquals(1, cancels[0]);
    }
}
