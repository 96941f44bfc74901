package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.time.Time;
import java.time.Duration;

/**
 * The seed's pitfall: a task that blocks the one thread of a current-thread runtime holds every
 * other task hostage. The timer task wants to finish after 50 ms but finishes after ~250 ms,
 * and the blocked-worker detector says which task did it. Prints the seed's three lines, after
 * the detector's line:
 * <pre>
 * detector: worker main blocked for 60ms by task blocking-task
 * timer task done
 * blocking task done
 * elapsed: 253ms
 * </pre>
 * (and the detector's WARNING, with the stack of the blocked thread, goes to the log). Then the
 * fix: the same program with the blocking call moved to {@code spawnBlocking}, where the timer
 * finishes after ~50 ms:
 * <pre>
 * -- the same with spawnBlocking:
 * timer task done after 51ms
 * blocking task done
 * elapsed: 201ms
 * </pre>
 *
 * <p>The mistake has to be made in a hand-written poll-based future: in a coroutine,
 * {@code Thread.sleep} parks only the coroutine and the runtime's thread stays free. The fix is
 * the async equivalent ({@code Time.sleep(...).await()}) or, for blocking work that has no
 * async equivalent, {@code spawnBlocking}.
 */
public final class BlockingPitfall {
    private BlockingPitfall() {
    }

    /** Rust's {@code std::thread::sleep} inside an async block: the poll blocks its thread. */
    static final class BlockingTask implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            try {
                Thread.sleep(200); // the mistake: blocks the runtime's thread, not just this task
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Poll.ready("blocking task done");
        }
    }

    /** Said before the detector's WARNING, which would otherwise read like a crash. */
    static final String EXPECTED = "detector: an expected WARNING follows, with the blocked worker's stack: "
            + "this demo blocks a worker on purpose";

    public static void main(String[] args) throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableAll()
                .blockedWorkerThreshold(Duration.ofMillis(50)) // default 100 ms
                .blockedWorkerHandler(b -> {
                    System.out.println("detector: worker " + b.threadName() + " blocked for "
                            + b.blockedFor().toMillis() + "ms by task " + b.taskName());
                    System.out.println(EXPECTED);
                    System.out.flush(); // before the WARNING, which goes to stderr
                    b.log(); // the default handler's WARNING, with the stack
                })
                .build()) {
            rt.blockOn(Async.async(() -> {
                long start = System.nanoTime();
                JoinHandle<String> blocker = Weft.spawn("blocking-task", new BlockingTask());
                JoinHandle<String> other = Weft.spawn("timer-task", () -> {
                    Time.sleep(Duration.ofMillis(50)).await(); // wants to finish in 50ms
                    return "timer task done";
                });
                System.out.println(other.await());
                System.out.println(blocker.await());
                System.out.println("elapsed: " + Examples.millisSince(start) + "ms");
                return null;
            }));
            System.out.println("-- the same with spawnBlocking:");
            rt.blockOn(Async.async(() -> {
                long start = System.nanoTime();
                JoinHandle<String> blocker = Weft.spawnBlocking(() -> {
                    Thread.sleep(200); // fine here: a blocking thread, not the runtime's
                    return "blocking task done";
                });
                JoinHandle<String> other = Weft.spawn("timer-task", () -> {
                    Time.sleep(Duration.ofMillis(50)).await();
                    return "timer task done after " + Examples.millisSince(start) + "ms";
                });
                System.out.println(other.await());
                System.out.println(blocker.await());
                System.out.println("elapsed: " + Examples.millisSince(start) + "ms");
                return null;
            }));
        }
    }
}
