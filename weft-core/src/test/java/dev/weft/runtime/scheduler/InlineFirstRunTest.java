package dev.weft.runtime.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.CoroutineMode;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.Notify;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A virtual-thread coroutine task runs its body's first run inside its task's first poll, on the
 * worker's own thread, as the continuation engine does: a body that ends without waiting
 * completes its task in that one run. Before, the poll only queued the started thread, which
 * then ran, ended and woke the task for a third run (and a million spawned coroutines sat
 * queued as a million started threads).
 */
@Timeout(60)
class InlineFirstRunTest {

    private static Runtime runtime(int workers) {
        var b = Runtime.builder().enableAll().startPaused(true).coroutineMode(CoroutineMode.WEFT_SCHEDULER);
        return (workers == 0 ? b.currentThread() : b.multiThread().workerThreads(workers)).build();
    }

    @Test
    void aTrivialCoroutineTaskCompletesInItsTasksFirstPoll() throws Exception {
        assumeTrue(CoroutineThreads.onWeftWorkers(), "coroutines run on the JDK's scheduler here");
        int n = 1_000;
        for (int workers : new int[] {0, 1, 2}) {
            try (Runtime rt = runtime(workers)) {
                long polls = rt.blockOn(Async.async(() -> {
                    long before = rt.metrics().totalPolls();
                    AtomicInteger ran = new AtomicInteger();
                    Notify last = new Notify();
                    var allRan = last.notified();
                    for (int i = 0; i < n; i++) {
                        Weft.spawn(() -> {
                            if (ran.incrementAndGet() == n) {
                                last.notifyOne();
                            }
                            return null;
                        });
                    }
                    allRan.await(); // once: each join would add a run of this spawner on a worker
                    return rt.metrics().totalPolls() - before;
                }));
                // one run per task, plus a few of the spawner's own; queued threads took 3 per task
                assertTrue(polls < n + 50, polls + " scheduler runs for " + n + " trivial coroutine tasks, "
                        + workers + " workers");
            }
        }
    }

    @Test
    void aCoroutineThatAwaitsRunsToItsFirstAwaitInsideTheFirstPollAndResumesLater() throws Exception {
        assumeTrue(CoroutineThreads.onWeftWorkers(), "coroutines run on the JDK's scheduler here");
        for (int workers : new int[] {0, 2}) {
            try (Runtime rt = runtime(workers)) {
                List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
                String r = rt.blockOn(Async.async(() -> {
                    JoinHandle<String> h = Weft.spawn(() -> {
                        log.add("started on " + (Thread.currentThread().isVirtual() ? "a virtual thread" : "a platform thread"));
                        Time.sleep(Duration.ofMillis(5)).await();
                        log.add("woke");
                        return "done";
                    });
                    return h.await();
                }));
                assertEquals("done", r);
                assertEquals(List.of("started on a virtual thread", "woke"), log);
            }
        }
    }
}
