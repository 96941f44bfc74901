package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.sync.Notify;
import dev.weft.time.Sleep;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The peers' {@code timers} workload at full scale: from inside a task, spawn 1,000,000 tasks that
 * each sleep a pseudo-random 1..1000 ms (the peers' xorshift sequence) and bump a counter; the
 * last one notifies the spawner. Every task must complete, and the alive-task metric must return
 * to zero, on 1, 2 and 4 workers, with coroutine and with poll-based tasks.
 *
 * <p>This once hung: a spawner coroutine that was queued twice (the JDK re-submits a runnable
 * virtual thread whose stack was taken, as the blocked-worker detector does during a long spawn
 * loop) ran its second copy as a no-op that still marked it mounted on another worker, and the
 * real run pushed into that worker's queue as if it owned it. Bounded: a case that does not finish
 * in 120 s fails with the runtime's metrics and a task dump. {@code -Dweft.stress.repeat=N}
 * repeats each case.
 */
@Tag("stress")
class MillionTimersStressTest {
    static final int TASKS = 1_000_000;
    static final long BOUND_NANOS = Duration.ofSeconds(120).toNanos();

    @ParameterizedTest(name = "{0} workers, {1} tasks")
    @CsvSource({"4, poll", "1, coroutine", "2, coroutine", "4, coroutine", "1, poll", "2, poll"})
    void everyTimerTaskCompletes(int workers, String kind) throws Exception {
        int repeat = Integer.getInteger("weft.stress.repeat", 1);
        for (int r = 0; r < repeat; r++) {
            runOnce(workers, kind.equals("coroutine"));
        }
    }

    private static void runOnce(int workers, boolean coroutines) throws Exception {
        AtomicInteger done = new AtomicInteger();
        Notify allDone = new Notify();
        try (Runtime rt = Runtime.builder().multiThread().workerThreads(workers).enableAll()
                .registerMXBean(false).build()) {
            JoinHandle<Integer> spawner = rt.spawn("spawner", () -> {
                var notified = allDone.notified(); // registered before the first task can finish
                long x = 0x9E3779B97F4A7C15L;
                for (int i = 0; i < TASKS; i++) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    Duration d = Duration.ofMillis(1 + Long.remainderUnsigned(x, 1000));
                    if (coroutines) {
                        Weft.spawn(() -> {
                            Time.sleep(d).await();
                            if (done.incrementAndGet() == TASKS) {
                                allDone.notifyOne();
                            }
                            return null;
                        });
                    } else {
                        Weft.spawn(new SleepThenCount(Time.sleep(d), done, allDone));
                    }
                }
                notified.await();
                return done.get();
            });
            long deadline = System.nanoTime() + BOUND_NANOS;
            while (!spawner.isFinished()) {
                if (System.nanoTime() > deadline) {
                    fail(workers + " workers, " + (coroutines ? "coroutines" : "poll tasks") + ": "
                            + done.get() + " of " + TASKS + " finished after 120 s\n" + rt.metrics()
                            + "\n" + workerStacks() + truncated(rt.handle().dumpTasks().toString()));
                }
                Thread.sleep(10);
            }
            assertEquals(TASKS, rt.blockOn(spawner));
            long settle = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rt.metrics().aliveTasks() != 0 && System.nanoTime() < settle) {
                Thread.sleep(1); // the last task is still returning from its run after notifying
            }
            assertEquals(0, rt.metrics().aliveTasks(), "alive tasks after the run: " + rt.metrics());
        }
    }

    private static String truncated(String s) {
        return s.length() > 4_000 ? s.substring(0, 4_000) + "\n…" : s;
    }

    /** Where each worker thread is now: a hang shows here first. */
    private static String workerStacks() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("weft-worker")) {
                b.append(t.getName()).append(' ').append(t.getState()).append('\n');
                for (StackTraceElement e : stack) {
                    b.append("    at ").append(e).append('\n');
                }
            }
        });
        return b.toString();
    }

    /** A poll-based task: wait for its sleep, then count; the last one notifies. */
    static final class SleepThenCount implements Future<Void> {
        private final Sleep sleep;
        private final AtomicInteger done;
        private final Notify allDone;

        SleepThenCount(Sleep sleep, AtomicInteger done, Notify allDone) {
            this.sleep = sleep;
            this.done = done;
            this.allDone = allDone;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (sleep.poll(cx).isPending()) {
                return Poll.pending();
            }
            if (done.incrementAndGet() == TASKS) {
                allDone.notifyOne();
            }
            return Poll.ready(null);
        }
    }
}
