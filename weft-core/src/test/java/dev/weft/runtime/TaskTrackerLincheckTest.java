package dev.weft.runtime;

import static dev.weft.testkit.LincheckScenarios.scenario;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.testkit.LincheckScenarios;
import dev.weft.testkit.TestWaker;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link TaskTracker} against {@link Spec}: a counter, a closed flag, and
 * "{@code drained()} completes iff the tracker is closed and empty at its first poll, or was
 * closed and empty at some moment after a poll returned pending". Counted work is two owners
 * "a" and "b" (each a nonparallel group) of {@link TaskTracker#track(Future) tracked} futures
 * controlled by hand: {@code track} counts one more, {@code end} completes the oldest (a value,
 * or a thrown failure) and polls it to the end, {@code cancel} cancels it. {@code close},
 * {@code reopen}, {@code len} and {@code isClosed} run from any thread. Two waiters "w" and "v"
 * poll a {@code drained()} future ({@code await}: a fresh one is made if there is none; a
 * pending one stays for the next call) and cancel a pending one. Bounded model checking, a
 * few seconds.
 *
 * <p>Wake-ups are issued after the lock is released, so a waiter may see its notification by
 * re-polling before its waker is woken: the operations observe readiness through re-polls
 * only, and {@link #everyNotifiedWaiterWasWoken()} checks the wake-ups once every thread is
 * done. The named races: a count change against a close (exactly one notifies), and a
 * waiter's registration against a notifier (no lost wake-up).
 */
@Tag("lincheck")
public class TaskTrackerLincheckTest {
    private final TaskTracker tracker = new TaskTracker();
    @SuppressWarnings("unchecked")
    private final ArrayDeque<Hand>[] hands = new ArrayDeque[] {new ArrayDeque<Hand>(), new ArrayDeque<Hand>()};
    private final TestWaker[] wakers = {new TestWaker(), new TestWaker()};
    @SuppressWarnings("unchecked")
    private final Future<Void>[] waiting = new Future[2];

    /** A future completed by hand: pending until {@code outcome} is set, then a value or a throw. */
    private static final class Hand implements Future<Integer> {
        final Future<Integer> tracked;
        int outcome; // 0 pending, 1 a value, 2 a thrown failure (owner only)

        Hand(TaskTracker tracker) {
            tracked = tracker.track(this);
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            return switch (outcome) {
                case 0 -> Poll.pending();
                case 1 -> Poll.ready(1);
                default -> throw new IllegalStateException("the tracked work failed");
            };
        }
    }

    private void track(int o) {
        hands[o].add(new Hand(tracker));
    }

    /** @return whether there was tracked work to end */
    private boolean end(int o, boolean fail) {
        Hand h = hands[o].poll();
        if (h == null) {
            return false;
        }
        h.outcome = fail ? 2 : 1;
        try {
            if (h.tracked.poll(wakers[o]).isPending()) {
                throw new IllegalStateException("a completed tracked future is pending");
            }
        } catch (IllegalStateException e) {
            if (!fail) {
                throw e;
            }
        }
        return true;
    }

    /** @return whether there was tracked work to cancel */
    private boolean cancel(int o) {
        Hand h = hands[o].poll();
        if (h == null) {
            return false;
        }
        h.tracked.cancel();
        return true;
    }

    /** @return whether the wait completed (a pending future is kept for the next call) */
    private boolean await(int w) {
        if (waiting[w] == null) {
            waiting[w] = tracker.drained();
            wakers[w].takeWoken();
        }
        if (waiting[w].poll(wakers[w]).isPending()) {
            return false;
        }
        waiting[w] = null;
        return true;
    }

    /** @return whether there was a future to cancel */
    private boolean cancelWait(int w) {
        if (waiting[w] == null) {
            return false;
        }
        waiting[w].cancel();
        waiting[w] = null;
        return true;
    }

    @Operation
    public boolean close() {
        return tracker.close();
    }

    @Operation
    public boolean reopen() {
        return tracker.reopen();
    }

    @Operation
    public int len() {
        return tracker.len();
    }

    @Operation
    public boolean isClosed() {
        return tracker.isClosed();
    }

    @Operation(nonParallelGroup = "a")
    public void trackA() {
        track(0);
    }

    @Operation(nonParallelGroup = "a")
    public boolean endA(boolean fail) {
        return end(0, fail);
    }

    @Operation(nonParallelGroup = "a")
    public boolean cancelA() {
        return cancel(0);
    }

    @Operation(nonParallelGroup = "b")
    public void trackB() {
        track(1);
    }

    @Operation(nonParallelGroup = "b")
    public boolean endB(boolean fail) {
        return end(1, fail);
    }

    @Operation(nonParallelGroup = "b")
    public boolean cancelB() {
        return cancel(1);
    }

    @Operation(nonParallelGroup = "w")
    public boolean awaitW() {
        return await(0);
    }

    @Operation(nonParallelGroup = "w")
    public boolean cancelW() {
        return cancelWait(0);
    }

    @Operation(nonParallelGroup = "v")
    public boolean awaitV() {
        return await(1);
    }

    @Operation(nonParallelGroup = "v")
    public boolean cancelV() {
        return cancelWait(1);
    }

    /** A waiter whose pending future is ready now, every thread done, was woken. */
    @Validate
    public void everyNotifiedWaiterWasWoken() {
        for (int w = 0; w < waiting.length; w++) {
            if (waiting[w] != null && waiting[w].poll(wakers[w]).isReady() && wakers[w].wakes() == 0
                    && !(tracker.isClosed() && tracker.isEmpty())) {
                throw new IllegalStateException("waiter " + w + " was notified but not woken");
            }
        }
    }

    /** The sequential specification. */
    public static final class Spec {
        private static final int NONE = 0;
        private static final int WAITING = 1;
        private static final int NOTIFIED = 2;

        private int count;
        private boolean closed;
        private final int[] owned = new int[2];
        private final int[] waiter = new int[2];

        /** Closed and empty: every waiting waiter is notified. */
        private void moment() {
            if (closed && count == 0) {
                for (int w = 0; w < waiter.length; w++) {
                    if (waiter[w] == WAITING) {
                        waiter[w] = NOTIFIED;
                    }
                }
            }
        }

        private void track(int o) {
            owned[o]++;
            count++;
        }

        private boolean release(int o) {
            if (owned[o] == 0) {
                return false;
            }
            owned[o]--;
            count--;
            moment();
            return true;
        }

        private boolean await(int w) {
            if (waiter[w] == NONE) {
                if (closed && count == 0) {
                    return true;
                }
                waiter[w] = WAITING;
                return false;
            }
            if (waiter[w] == WAITING) {
                return false;
            }
            waiter[w] = NONE;
            return true;
        }

        private boolean cancelWait(int w) {
            if (waiter[w] == NONE) {
                return false;
            }
            waiter[w] = NONE;
            return true;
        }

        public boolean close() {
            boolean was = closed;
            closed = true;
            moment();
            return !was;
        }

        public boolean reopen() {
            boolean was = closed;
            closed = false;
            return was;
        }

        public int len() {
            return count;
        }

        public boolean isClosed() {
            return closed;
        }

        public void trackA() {
            track(0);
        }

        public boolean endA(boolean fail) {
            return release(0);
        }

        public boolean cancelA() {
            return release(0);
        }

        public void trackB() {
            track(1);
        }

        public boolean endB(boolean fail) {
            return release(1);
        }

        public boolean cancelB() {
            return release(1);
        }

        public boolean awaitW() {
            return await(0);
        }

        public boolean cancelW() {
            return cancelWait(0);
        }

        public boolean awaitV() {
            return await(1);
        }

        public boolean cancelV() {
            return cancelWait(1);
        }
    }

    @Test
    void modelChecking() {
        LincheckScenarios.modelChecking()
                // the last release races the close: exactly one of them notifies the waiter
                .addCustomScenario(scenario(getClass(), "trackA awaitW",
                        List.of("endA:false", "close"), "awaitW len"))
                // a waiter registers while the close and the last cancel race
                .addCustomScenario(scenario(getClass(), "trackA",
                        List.of("cancelA", "close", "awaitW awaitW"), "awaitW"))
                // a waiter that registers after the closed-and-empty moment ended waits for the next
                .addCustomScenario(scenario(getClass(), "",
                        List.of("close", "trackB awaitW"), "awaitW cancelB awaitW"))
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }
}
