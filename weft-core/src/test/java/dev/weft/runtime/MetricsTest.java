package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.Async;
import dev.weft.future.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final CoroutineMode EXPECTED_MODE =
            CoroutineMode.valueOf(System.getProperty("weft.expectedCoroutineMode", "WEFT_SCHEDULER"));

    /**
     * Waits (bounded) for a figure that the runtime publishes from another thread. The bound only
     * turns a hang into a failure, so it is generous: a loaded machine may take seconds.
     */
    static void eventually(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("never happened: " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    static Runtime currentThread() {
        return Runtime.builder().currentThread().enableTime().disableBlockedWorkerDetector().build();
    }

    static Runtime multiThread(int workers) {
        return Runtime.builder().multiThread().workerThreads(workers).enableTime().disableBlockedWorkerDetector()
                .build();
    }

    @Test
    void currentThreadCountsPollsOfEveryTaskAndAliveTasksReturnToZero() throws Exception {
        try (Runtime rt = currentThread()) {
            RuntimeMetrics before = rt.metrics();
            assertEquals(1, before.workerCount());
            assertEquals(0, before.totalPolls());
            assertEquals("", before.workers().get(0).threadName(), "nobody drives the runtime yet");
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int v = i;
                hs.add(rt.spawn(cx -> Poll.ready(v)));
            }
            RuntimeMetrics queued = rt.metrics();
            assertEquals(50, queued.aliveTasks());
            assertEquals(50, queued.globalQueueDepth(), "spawned from outside: waiting in the injection queue");
            int sum = 0;
            for (JoinHandle<Integer> h : hs) {
                sum += rt.blockOn(h);
            }
            assertEquals(49 * 50 / 2, sum);
            RuntimeMetrics after = rt.metrics();
            assertTrue(after.totalPolls() >= 50, after.toString());
            assertEquals(0, after.totalSteals());
            assertEquals(0, after.aliveTasks());
            assertEquals(0, after.globalQueueDepth());
            assertEquals(0, after.workers().get(0).localQueueDepth());
        }
    }

    @Test
    void currentThreadParksWhenIdleAndCountsBusyTime() throws Exception {
        try (Runtime rt = currentThread()) {
            Signal<String> s = new Signal<>();
            Thread completer = Thread.ofPlatform().start(() -> {
                eventually(() -> rt.metrics().totalParks() > 0, "the driver parks while nothing is runnable");
                s.complete("done");
            });
            JoinHandle<Integer> spin = rt.spawn(cx -> {
                long until = System.nanoTime() + 2_000_000;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait(); // some busy time before the driver idles
                }
                return Poll.ready(1);
            });
            assertEquals("done", rt.blockOn(Async.async(() -> {
                spin.await();
                return s.await();
            })));
            completer.join();
            RuntimeMetrics m = rt.metrics();
            RuntimeMetrics.Worker w = m.workers().get(0);
            assertTrue(w.parks() > 0, m.toString());
            assertTrue(w.busyTime().toNanos() >= 2_000_000, "busy time covers the spinning poll: " + m);
            assertEquals("", w.threadName(), "blockOn returned: no thread drives the runtime");
        }
    }

    /**
     * A task that a thread sees finished (its join ended, or {@code isFinished()} says so) is no
     * longer counted alive: the count is taken down before the completion is published. The
     * watcher spins on another thread than the worker that completes the task, so it looks in
     * the window between the two.
     */
    @Test
    void aTaskSeenFinishedIsNoLongerCountedAlive() throws Exception {
        try (Runtime rt = multiThread(1)) {
            for (int i = 0; i < 20_000; i++) {
                JoinHandle<Void> h = rt.spawn(cx -> Poll.ready(null));
                while (!h.isFinished()) {
                    Thread.onSpinWait();
                }
                int alive = rt.metrics().aliveTasks();
                assertEquals(0, alive, "alive tasks after the " + i + "th task was seen finished");
            }
        }
    }

    @Test
    void multiThreadCountsPollsParksAndBusyTimeAndEmptiesItsQueues() throws Exception {
        try (Runtime rt = multiThread(2)) {
            List<JoinHandle<Void>> hs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                hs.add(rt.spawn(cx -> {
                    long until = System.nanoTime() + 20_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    return Poll.ready(null);
                }));
            }
            for (JoinHandle<Void> h : hs) {
                rt.blockOn(h);
            }
            eventually(() -> rt.metrics().totalPolls() >= 100, "every task's poll is counted");
            eventually(() -> rt.metrics().workers().stream().mapToLong(w -> w.busyTime().toNanos()).sum() >= 2_000_000,
                    "busy time is published when the workers park after the burst");
            eventually(() -> rt.metrics().workers().stream().allMatch(w -> w.parks() > 0), "both workers park when idle");
            RuntimeMetrics m = rt.metrics();
            assertEquals(2, m.workerCount());
            assertTrue(m.workers().stream().allMatch(w -> w.threadName().startsWith("weft-worker-")), m.toString());
            assertEquals(0, m.aliveTasks());
            assertEquals(0, m.globalQueueDepth());
            assertTrue(m.workers().stream().allMatch(w -> w.localQueueDepth() == 0), m.toString());
        }
    }

    @Test
    void anIdleWorkerStealsFromAFloodedOne() throws Exception {
        try (Runtime rt = multiThread(2)) {
            AtomicInteger ran = new AtomicInteger();
            // The flooder spawns a burst onto its own worker's queue, then holds that worker until
            // one of the burst ran: only the other worker can have run it, by stealing.
            JoinHandle<Boolean> flooder = rt.spawn(cx -> {
                for (int i = 0; i < 64; i++) {
                    Handle.current().spawn(c -> {
                        ran.incrementAndGet();
                        return Poll.ready(null);
                    });
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (ran.get() == 0 && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
                return Poll.ready(ran.get() > 0);
            });
            assertTrue(rt.blockOn(flooder), "the other worker stole part of the burst");
            eventually(() -> ran.get() == 64, "the whole burst ran");
            eventually(() -> rt.metrics().aliveTasks() == 0, "alive tasks return to zero");
            RuntimeMetrics m = rt.metrics();
            long ops = m.workers().stream().mapToLong(RuntimeMetrics.Worker::stealOperations).sum();
            assertTrue(ops > 0, m.toString());
            assertTrue(m.totalSteals() >= ops, "each steal takes at least one task: " + m);
        }
    }

    @Test
    void coroutineModeAndLiveCoroutines() throws Exception {
        try (Runtime rt = currentThread()) {
            Signal<Integer> s = new Signal<>();
            JoinHandle<Integer> c = rt.spawn(() -> s.await());
            rt.blockOn(Async.async(() -> {
                // yield, not sleep: a continuation coroutine shares the runtime's one thread
                for (int i = 0; i < 100_000 && rt.metrics().liveCoroutines() != 2; i++) {
                    Weft.yieldNow().await();
                }
                MetricsTest.eventually(() -> rt.metrics().liveCoroutines() == 2, "the task's coroutine started");
                return null;
            }));
            eventually(() -> rt.metrics().liveCoroutines() == 1, "the waiting one is left; blockOn's own ended");
            RuntimeMetrics m = rt.metrics();
            assertEquals(EXPECTED_MODE, m.coroutineMode());
            assertEquals(1, m.aliveTasks());
            s.complete(7);
            assertEquals(7, rt.blockOn(c));
            eventually(() -> rt.metrics().liveCoroutines() == 0, "the coroutine ended");
        }
    }

    @Test
    void blockingFiguresAreZeroWithoutABlockingPool() {
        try (Runtime rt = currentThread()) {
            RuntimeMetrics m = rt.metrics();
            assertEquals(0, m.blockingThreads());
            assertEquals(0, m.idleBlockingThreads());
            assertEquals(0, m.blockingQueueDepth());
            assertEquals(0, m.blockingInFlight());
        }
    }

    @Test
    void toStringIsAReadableSummaryWithOneLinePerWorker() throws Exception {
        try (Runtime rt = multiThread(2)) {
            rt.blockOn(rt.spawn(cx -> Poll.ready(null)));
            String s = rt.metrics().toString();
            List<String> lines = s.lines().toList();
            assertEquals(6, lines.size(), s);
            assertTrue(lines.get(0).startsWith("Weft runtime (multi-thread, 2 workers, coroutines: "), s);
            assertTrue(lines.get(1).matches("  tasks: \\d+ alive, \\d+ in the global queue; coroutines: \\d+ live"), s);
            assertTrue(lines.get(2).startsWith("  blocking pool: 0 threads"), s);
            assertTrue(lines.get(3).matches("  I/O driver: \\d+ registrations, \\d+ ready events"), s);
            assertTrue(lines.get(4).matches("  worker 0 \\[weft-worker-0\\]: \\d+ polls, \\d+ stolen in \\d+ steals, "
                    + "\\d+ parks, \\d+ queued, busy \\d+ ms"), s);
            assertTrue(lines.get(5).startsWith("  worker 1 [weft-worker-1]: "), s);
        }
    }
}
