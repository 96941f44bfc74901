package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Tasks queued from outside a multi-thread runtime's workers start in the order they were
 * queued, as the tasks {@code #[tokio::main]}'s body spawns from the main thread do: the seeds'
 * bounded crawler depends on it (its tasks must take their semaphore's permits in spawn order).
 * The tasks are poll-based, so they run on the workers in every coroutine mode.
 */
class SpawnOrderTest {

    /** A task that records that it started. */
    static Future<Integer> starts(int index, List<Integer> started) {
        return cx -> {
            started.add(index);
            return Poll.ready(index);
        };
    }

    /** A task that holds its worker (spinning) from its start until {@code release} is set. */
    static Future<Integer> holds(int index, List<Integer> started, CountDownLatch running, AtomicBoolean release) {
        return cx -> {
            if (started != null) {
                started.add(index);
            }
            running.countDown();
            while (!release.get()) {
                Thread.onSpinWait();
            }
            return Poll.ready(index);
        };
    }

    /**
     * blockOn's coroutine ({@code Weft.run}'s body) runs on a worker, but what it spawns is
     * queued as from blockOn's thread. In that worker's LIFO slot the last task spawned ran
     * first: 4, 0, 1, 2, 3.
     */
    @Test
    void whatBlockOnsCoroutineSpawnsStartsInSpawnOrder() throws Exception {
        List<Integer> started = new CopyOnWriteArrayList<>();
        try (Runtime rt = Runtime.builder().workerThreads(1).build()) {
            rt.blockOn(Async.async(() -> {
                List<JoinHandle<Integer>> handles = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    handles.add(Weft.spawn(starts(i, started)));
                }
                for (JoinHandle<Integer> h : handles) {
                    h.await();
                }
                return null;
            }));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), started);
    }

    /**
     * Five tasks wait in the injection queue while both workers are held. Worker B is let go
     * first: it starts task 0, which holds it; then worker A is let go and starts the others. Had
     * B taken a batch (tasks 0 to 2, Tokio's {@code len / workers + 1}), A would have started
     * with task 3 while 1 and 2 waited behind task 0 on B.
     */
    @Test
    void aShortBurstQueuedFromOutsideStartsInQueueOrderAcrossWorkers() throws Exception {
        List<Integer> started = new CopyOnWriteArrayList<>();
        AtomicBoolean releaseA = new AtomicBoolean();
        AtomicBoolean releaseB = new AtomicBoolean();
        AtomicBoolean releaseFirst = new AtomicBoolean();
        CountDownLatch aRunning = new CountDownLatch(1);
        CountDownLatch bRunning = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        try (Runtime rt = Runtime.builder().workerThreads(2).disableBlockedWorkerDetector().build()) {
            JoinHandle<Integer> a = rt.spawn(holds(-1, null, aRunning, releaseA));
            aRunning.await(); // a worker (A) is held
            JoinHandle<Integer> b = rt.spawn(holds(-2, null, bRunning, releaseB));
            bRunning.await(); // the other one (B) too
            List<JoinHandle<Integer>> tasks = new ArrayList<>();
            tasks.add(rt.spawn(holds(0, started, firstRunning, releaseFirst)));
            for (int i = 1; i < 5; i++) {
                tasks.add(rt.spawn(starts(i, started)));
            }
            releaseB.set(true);
            firstRunning.await(); // B holds task 0
            releaseA.set(true);
            for (int i = 1; i < 5; i++) {
                assertEquals(i, rt.blockOn(tasks.get(i))); // on A, while B still holds task 0
            }
            releaseFirst.set(true);
            assertEquals(0, rt.blockOn(tasks.get(0)));
            assertEquals(-1, rt.blockOn(a));
            assertEquals(-2, rt.blockOn(b));
        }
        assertEquals(List.of(0, 1, 2, 3, 4), started);
    }
}
