package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Sneaky;
import java.util.concurrent.Callable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RuntimeTest {

    static Runtime newRuntime() {
        return Runtime.builder().currentThread().build();
    }

    @Test
    void blockOnReturnsTheValue() throws Exception {
        try (Runtime rt = newRuntime()) {
            Future<Integer> f = cx -> Poll.ready(42);
            assertEquals(42, (int) rt.blockOn(f));
        }
    }

    @Test
    void blockOnRethrowsACheckedFailureUnwrapped() {
        IOException boom = new IOException("boom");
        try (Runtime rt = newRuntime()) {
            IOException thrown = assertThrows(IOException.class, () -> rt.blockOn(cx -> Poll.failed(boom)));
            assertSame(boom, thrown);
        }
    }

    @Test
    void spawnedTaskRunsAndJoins() throws Exception {
        try (Runtime rt = newRuntime()) {
            JoinHandle<String> h = rt.spawn(cx -> Poll.ready("hi"));
            assertEquals("hi", rt.blockOn(h));
            assertTrue(h.isFinished());
            assertEquals(0, rt.handle().aliveTasks());
        }
    }

    @Test
    void joiningTwiceIsABug() throws Exception {
        try (Runtime rt = newRuntime()) {
            JoinHandle<String> h = rt.spawn(cx -> Poll.ready("hi"));
            rt.blockOn(h);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertTrue(e.getMessage().contains("polled after it completed"), e.getMessage());
        }
    }

    @Test
    void taskFailureReachesTheJoinerAsItIs() {
        IOException boom = new IOException("boom");
        try (Runtime rt = newRuntime()) {
            JoinHandle<Object> h = rt.spawn(cx -> Poll.failed(boom));
            assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(h)));
        }
    }

    @Test
    void uncheckedExceptionEscapingPollIsTheTaskFailure() {
        IllegalArgumentException boom = new IllegalArgumentException("bad");
        try (Runtime rt = newRuntime()) {
            JoinHandle<Object> h = rt.spawn(cx -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalArgumentException.class, () -> rt.blockOn(h)));
        }
    }

    @Test
    void taskIsPolledAgainWhenWokenFromAnotherThread() throws Exception {
        try (Runtime rt = newRuntime()) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> h = rt.spawn(s);
            Thread t = Thread.ofPlatform().start(() -> {
                while (s.polls.get() == 0) {
                    Thread.onSpinWait();
                }
                s.complete("late");
            });
            assertEquals("late", rt.blockOn(h));
            t.join();
        }
    }

    @Test
    void abortCancelsTheFutureOnceAndJoinFailsWithJoinError() {
        try (Runtime rt = newRuntime()) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> h = rt.spawn(s);
            h.abort();
            h.abort();
            JoinError e = assertThrows(JoinError.class, () -> rt.blockOn(h));
            assertTrue(e.isAborted());
            assertFalse(e.isShutdown());
            assertEquals(h.id(), e.taskId());
            assertEquals(1, s.cancels.get());
            assertEquals(0, s.polls.get(), "an aborted task that never ran is not polled");
        }
    }

    @Test
    void abortOfAFinishedTaskDoesNothing() throws Exception {
        try (Runtime rt = newRuntime()) {
            JoinHandle<Integer> h = rt.spawn(cx -> Poll.ready(1));
            rt.blockOn(Weft.yieldNow().then(v -> Weft.yieldNow()));
            assertTrue(h.isFinished());
            h.abort();
            assertEquals(1, (int) rt.blockOn(h));
        }
    }

    @Test
    void closeCancelsRemainingTasksAndRejectsNewOnes() {
        Runtime rt = newRuntime();
        Signal<String> s = new Signal<>();
        JoinHandle<String> h = rt.spawn(s);
        rt.close();
        assertEquals(1, s.cancels.get());
        assertTrue(h.isFinished());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.spawn(new Signal<String>()));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        rt.close(); // idempotent
    }

    @Test
    void droppingTheJoinFutureDetachesWithoutCancelling() throws Exception {
        try (Runtime rt = newRuntime()) {
            Signal<String> s = new Signal<>();
            JoinHandle<String> h = rt.spawn(s);
            rt.blockOn(Weft.yieldNow());
            h.cancel();
            s.complete("still ran");
            rt.blockOn(Weft.yieldNow().then(v -> Weft.yieldNow()));
            assertTrue(h.isFinished());
            assertEquals(0, s.cancels.get());
        }
    }

    @Test
    void yieldNowInterleavesTasks() throws Exception {
        List<String> log = new ArrayList<>();
        try (Runtime rt = newRuntime()) {
            JoinHandle<Void> a = rt.spawn(yieldingLogger("a", log));
            JoinHandle<Void> b = rt.spawn(yieldingLogger("b", log));
            rt.blockOn(a);
            rt.blockOn(b);
        }
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), log);
    }

    private static Future<Void> yieldingLogger(String name, List<String> log) {
        Future<Void> f = cx -> {
            log.add(name);
            return Poll.ready(null);
        };
        return f.then(v -> Weft.yieldNow()).then(v -> {
            log.add(name);
            return Weft.yieldNow();
        }).map(v -> {
            log.add(name);
            return null;
        });
    }

    @Test
    void handleCurrentOutsideARuntimeSaysHowToFixIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Handle::current);
        assertTrue(e.getMessage().contains("Weft.run"), e.getMessage());
        IllegalStateException e2 = assertThrows(IllegalStateException.class, () -> Weft.spawn(() -> 1));
        assertTrue(e2.getMessage().contains("no Weft runtime"), e2.getMessage());
    }

    @Test
    void handleCurrentInsideATaskIsTheRuntime() throws Exception {
        try (Runtime rt = newRuntime()) {
            Handle inside = rt.blockOn(cx -> Poll.ready(Handle.current()));
            assertEquals(rt.handle(), inside);
        }
    }

    @Test
    void awaitInsideAPollBasedTaskIsRefusedWithAClearMessage() {
        try (Runtime rt = newRuntime()) {
            JoinHandle<Object> h = rt.spawn(cx -> Poll.ready(Await.await(new Signal<>())));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(h));
            assertTrue(e.getMessage().contains("Async.async"), e.getMessage());
        }
    }

    @Test
    void blockOnInsideARuntimeIsRefused() {
        try (Runtime rt = newRuntime(); Runtime other = newRuntime()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(cx -> Poll.ready(unchecked(() -> other.blockOn(cx2 -> Poll.ready(1))))));
            assertTrue(e.getMessage().contains("inside a Weft runtime"), e.getMessage());
        }
    }

    @Test
    void aPlainThreadMayAwaitAJoinHandle() throws Exception {
        try (Runtime rt = newRuntime()) {
            Signal<String> gate = new Signal<>();
            JoinHandle<String> h = rt.spawn(cx -> Poll.ready("from task"));
            List<String> seen = new CopyOnWriteArrayList<>();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    seen.add(h.await());
                } catch (Exception e) {
                    seen.add("failed: " + e);
                }
                gate.complete("ok");
            });
            assertEquals("ok", rt.blockOn(gate));
            t.join();
            assertEquals(List.of("from task"), seen);
        }
    }

    @Test
    void unjoinedFailureGoesToTheHandlerAtClose() throws Exception {
        List<String> reported = new CopyOnWriteArrayList<>();
        IOException boom = new IOException("lost");
        Runtime rt = Runtime.builder().currentThread()
                .uncaughtFailureHandler((id, f) -> reported.add(id + ":" + f.getMessage())).build();
        JoinHandle<Object> failed = rt.spawn(cx -> Poll.failed(boom));
        JoinHandle<Object> joined = rt.spawn(cx -> Poll.failed(new IOException("seen")));
        assertThrows(IOException.class, () -> rt.blockOn(joined));
        rt.blockOn(Weft.yieldNow());
        assertTrue(failed.isFinished());
        rt.close();
        assertEquals(List.of(failed.id() + ":lost"), reported);
    }

    @Test
    void manyCrossThreadWakesAreNeverLost() throws Exception {
        int tasks = 2_000;
        try (Runtime rt = newRuntime()) {
            List<Signal<Integer>> signals = new ArrayList<>();
            List<JoinHandle<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                Signal<Integer> s = new Signal<>();
                signals.add(s);
                handles.add(rt.spawn(s));
            }
            AtomicInteger next = new AtomicInteger();
            Runnable completer = () -> {
                int i;
                while ((i = next.getAndIncrement()) < tasks) {
                    Signal<Integer> s = signals.get(i);
                    while (s.polls.get() == 0) {
                        Thread.onSpinWait();
                    }
                    s.complete(i);
                }
            };
            Thread t1 = Thread.ofPlatform().start(completer);
            Thread t2 = Thread.ofPlatform().start(completer);
            long sum = 0;
            for (JoinHandle<Integer> h : handles) {
                sum += rt.blockOn(h);
            }
            t1.join();
            t2.join();
            assertEquals((long) tasks * (tasks - 1) / 2, sum);
            assertEquals(0, rt.handle().aliveTasks());
        }
    }

    @Test
    void builderRejectsBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Runtime.builder().shutdownTimeout(java.time.Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("shutdownTimeout"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Runtime.builder().uncaughtFailureHandler(null));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().startPaused(true).build());
        assertTrue(s.getMessage().contains("enableTime"), s.getMessage());
        try (Runtime rt = newRuntime()) {
            IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> rt.spawn((Future<Object>) null));
            assertTrue(n.getMessage().contains("future"), n.getMessage());
        }
    }

    static <T> T unchecked(Callable<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw Sneaky.rethrow(e);
        }
    }
}
