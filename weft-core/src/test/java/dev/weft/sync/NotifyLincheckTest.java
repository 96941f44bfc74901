package dev.weft.sync;

import dev.weft.future.Poll;
import dev.weft.testkit.LincheckScenarios;
import dev.weft.testkit.TestWaker;
import java.util.ArrayDeque;
import java.util.List;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Notify} against {@link Spec}: {@code notifyOne} (storing one
 * permit when nobody waits), {@code notifyWaiters}, and two waiters "a" and "b" (each a
 * nonparallel group, so its future stays with one thread). A waiter creates a
 * {@code notified()} future without polling it ({@code create}), polls it ({@code await}: a
 * fresh one is created first if there is none; a pending one stays for the next call, queued),
 * and cancels a pending one ({@code cancel}), which passes on a {@code notifyOne} it had
 * received. The specification is a permit flag, a {@code notifyWaiters} epoch and a FIFO of
 * waiters. Bounded model checking, a few seconds.
 *
 * <p>Wake-ups are not observed: they are issued after the lock is released, so a waker can be
 * seen un-woken after the notification became visible; {@link NotifyTest} checks them.
 */
@Tag("lincheck")
public class NotifyLincheckTest {
    private final Notify notify = new Notify();
    private final TestWaker waker = new TestWaker();
    private final Notify.Notified[] waiting = new Notify.Notified[2];

    @Operation
    public void notifyOne() {
        notify.notifyOne();
    }

    @Operation
    public void notifyWaiters() {
        notify.notifyWaiters();
    }

    private boolean create(int w) {
        if (waiting[w] != null) {
            return false;
        }
        waiting[w] = notify.notified();
        return true;
    }

    /** @return whether the wait completed (a pending future is kept for the next call) */
    private boolean await(int w) {
        if (waiting[w] == null) {
            waiting[w] = notify.notified();
        }
        Poll<Void> p = waiting[w].poll(waker);
        if (p.isPending()) {
            return false;
        }
        waiting[w] = null;
        return true;
    }

    /** @return whether there was a future to cancel */
    private boolean cancel(int w) {
        if (waiting[w] == null) {
            return false;
        }
        waiting[w].cancel();
        waiting[w] = null;
        return true;
    }

    @Operation(nonParallelGroup = "a")
    public boolean createA() {
        return create(0);
    }

    @Operation(nonParallelGroup = "a")
    public boolean awaitA() {
        return await(0);
    }

    @Operation(nonParallelGroup = "a")
    public boolean cancelA() {
        return cancel(0);
    }

    @Operation(nonParallelGroup = "b")
    public boolean createB() {
        return create(1);
    }

    @Operation(nonParallelGroup = "b")
    public boolean awaitB() {
        return await(1);
    }

    @Operation(nonParallelGroup = "b")
    public boolean cancelB() {
        return cancel(1);
    }

    /** The sequential specification. */
    public static final class Spec {
        private static final int NONE = 0;
        private static final int CREATED = 1;
        private static final int WAITING = 2;
        private static final int NOTIFIED = 3;

        private boolean permit;
        private int epoch;
        private final ArrayDeque<Integer> queue = new ArrayDeque<>();
        private final int[] state = new int[2];
        private final int[] createdAt = new int[2];
        /** Whether a NOTIFIED waiter was picked by notifyOne (passed on if it cancels). */
        private final boolean[] pickedOne = new boolean[2];

        public void notifyOne() {
            Integer head = queue.poll();
            if (head == null) {
                permit = true;
            } else {
                state[head] = NOTIFIED;
                pickedOne[head] = true;
            }
        }

        public void notifyWaiters() {
            epoch++;
            Integer w;
            while ((w = queue.poll()) != null) {
                state[w] = NOTIFIED;
                pickedOne[w] = false;
            }
        }

        private boolean create(int w) {
            if (state[w] != NONE) {
                return false;
            }
            state[w] = CREATED;
            createdAt[w] = epoch;
            return true;
        }

        private boolean await(int w) {
            if (state[w] == NONE) {
                create(w);
            }
            if (state[w] == CREATED) {
                if (createdAt[w] == epoch && !permit) {
                    state[w] = WAITING;
                    queue.add(w);
                    return false;
                }
                if (createdAt[w] == epoch) {
                    permit = false;
                }
            } else if (state[w] == WAITING) {
                return false;
            }
            state[w] = NONE;
            return true;
        }

        private boolean cancel(int w) {
            if (state[w] == NONE) {
                return false;
            }
            if (state[w] == WAITING) {
                queue.remove(w);
            } else if (state[w] == NOTIFIED && pickedOne[w]) {
                notifyOne();
            }
            state[w] = NONE;
            return true;
        }

        public boolean createA() {
            return create(0);
        }

        public boolean awaitA() {
            return await(0);
        }

        public boolean cancelA() {
            return cancel(0);
        }

        public boolean createB() {
            return create(1);
        }

        public boolean awaitB() {
            return await(1);
        }

        public boolean cancelB() {
            return cancel(1);
        }
    }

    @Test
    void modelChecking() {
        LincheckScenarios.modelChecking()
                // a notifyOne received by a waiter that then cancels goes on (here: as the permit)
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "awaitA",
                        List.of("notifyOne", "cancelA"), "awaitB"))
                // ... or to the next waiter
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "awaitA awaitB",
                        List.of("notifyOne", "cancelA"), "awaitB cancelB"))
                // a notifyWaiters reaches a future created before it, even one not polled yet
                .addCustomScenario(LincheckScenarios.scenario(getClass(), "createA",
                        List.of("notifyWaiters", "awaitA"), "awaitA"))
                .sequentialSpecification(Spec.class)
                .check(getClass());
    }
}
