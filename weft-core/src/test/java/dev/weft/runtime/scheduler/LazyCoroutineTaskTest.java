package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Weft;
import dev.weft.future.internal.Suspender;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinError;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;

/**
 * A coroutine task spawned from its body holds only the body while it is queued: its first run
 * makes the coroutine. A million queued tasks then leave the collector 96 bytes each to copy
 * instead of 224. A finished task lets its coroutine go, so a handle kept after the join (or a
 * task promoted to the old generation) does not keep the coroutine's thread and stack alive.
 */
@Timeout(60)
class LazyCoroutineTaskTest {

    private static Runtime runtime(CoroutineMode mode, int workers) {
        assumeTrue(mode != CoroutineMode.CONTINUATION || CoroutineThreads.continuationsAvailable(),
                "jdk.internal.vm is not exported to Weft");
        assumeTrue(mode != CoroutineMode.WEFT_SCHEDULER || CoroutineThreads.onWeftWorkers(),
                "java.lang is not opened to Weft: coroutines run on the JDK's scheduler here");
        var b = Runtime.builder().enableAll().coroutineMode(mode);
        return (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).build();
    }

    /** Modes where a current-thread runtime runs its coroutines on its own thread, one at a time. */
    @ParameterizedTest
    @EnumSource(value = CoroutineMode.class, names = {"WEFT_SCHEDULER", "CONTINUATION"})
    void aQueuedCoroutineTaskHoldsItsBodyAndItsFirstRunMakesTheCoroutine(CoroutineMode mode) throws Exception {
        try (Runtime rt = runtime(mode, 0)) {
            rt.blockOn(rt.spawn(() -> {
                Callable<String> body = () -> "done";
                Task<String> task = (Task<String>) Weft.spawn(body);
                // current-thread: the spawner runs on, so the task is still queued
                assertTrue(task.isCoroutineTask());
                assertSame(body, task.coroutineForDump());
                assertNull(task.futureForDump());
                var dump = rt.handle().dumpTasks().task(task.id()).orElseThrow();
                assertTrue(dump.coroutine());
                assertEquals(body.getClass().getName(), dump.futureClass());
                assertEquals("done", task.await());
                assertNull(task.coroutineForDump(), "a finished task drops its coroutine");
                assertTrue(task.isCoroutineTask());
                return null;
            }));
        }
    }

    @ParameterizedTest
    @EnumSource(CoroutineMode.class)
    void aFinishedCoroutineIsNotKeptAliveByItsJoinHandle(CoroutineMode mode) throws Exception {
        for (int workers : new int[] {0, 2}) {
            try (Runtime rt = runtime(mode, workers)) {
                List<WeakReference<Object>> coroutines = new ArrayList<>();
                List<JoinHandle<Integer>> handles = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    int n = i;
                    handles.add(rt.spawn(() -> {
                        synchronized (coroutines) {
                            coroutines.add(new WeakReference<>(Suspender.installed()));
                        }
                        Weft.yieldNow().await(); // suspended once: it has a stack to keep
                        return n;
                    }));
                }
                for (int i = 0; i < handles.size(); i++) {
                    assertEquals(i, rt.blockOn(handles.get(i)));
                }
                synchronized (coroutines) {
                    assertEquals(20, coroutines.size());
                    for (WeakReference<Object> ref : coroutines) {
                        assertInstanceOf(Coroutine.class, ref.get());
                    }
                }
                // The handles stay reachable; their finished coroutines must not.
                for (int round = 0; round < 50 && !allCleared(coroutines); round++) {
                    System.gc();
                    Thread.sleep(10);
                }
                assertTrue(allCleared(coroutines), "a JoinHandle kept its finished coroutine alive ("
                        + mode + ", " + workers + " workers)");
                assertEquals(20, handles.size());
            }
        }
    }

    private static boolean allCleared(List<WeakReference<Object>> refs) {
        synchronized (refs) {
            return refs.stream().allMatch(r -> r.get() == null);
        }
    }

    /** A body that is told when its task drops it before it ran. */
    private static final class Body implements Callable<String>, Coroutine.DroppedBeforeStart {
        final AtomicInteger ran = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();

        @Override
        public String call() {
            ran.incrementAndGet();
            return "ran";
        }

        @Override
        public void droppedBeforeStart() {
            dropped.incrementAndGet();
        }
    }

    @ParameterizedTest
    @EnumSource(value = CoroutineMode.class, names = {"WEFT_SCHEDULER", "CONTINUATION"})
    void anAbortBeforeTheFirstRunDropsTheBodyWithoutMakingTheCoroutine(CoroutineMode mode) throws Exception {
        try (Runtime rt = runtime(mode, 0)) {
            rt.blockOn(rt.spawn(() -> {
                Body body = new Body();
                Task<String> task = (Task<String>) Weft.spawn(body);
                task.abort(); // still queued: the spawner has not yielded
                JoinError e = assertThrows(JoinError.class, task::await);
                assertTrue(e.isAborted());
                assertEquals(0, body.ran.get());
                assertEquals(1, body.dropped.get());
                assertNull(task.coroutineForDump(), "the dropped body is let go");
                assertFalse(task.isFinished() && task.futureForDump() != null);
                return null;
            }));
        }
    }
}
