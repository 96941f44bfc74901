package dev.weft.sync;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Mutex}: one thread (the "holder" group) locks and unlocks across
 * operations, keeping its guard (it waits for the lock with {@code blockingLock}, so it takes the
 * waiting path and the hand-off on unlock); another (the "incrementer") tries to lock, and if it gets it,
 * increments the value and unlocks at once. The specification is a flag and a counter. (A
 * second incrementer, or an {@code isLocked} observer, would make the specification
 * nondeterministic: each may catch the other's momentary hold.)
 *
 * <p>Waiting operations are not here, for the reason given in {@link SemaphoreLincheckTest};
 * {@link SemaphoreStressTest} exercises the hand-off to waiters and their cancellation.
 */
@Tag("lincheck")
public class MutexLincheckTest {
    private final Mutex<Integer> m = new Mutex<>(0);
    private Mutex.Guard<Integer> held;

    /** Waits for the lock (parking the thread) unless it holds it already. */
    @Operation(nonParallelGroup = "holder")
    public boolean lock() {
        if (held != null) {
            return false;
        }
        held = m.blockingLock();
        return true;
    }

    @Operation(nonParallelGroup = "holder")
    public int unlock() {
        if (held == null) {
            return -1;
        }
        int v = held.get();
        held.close();
        held = null;
        return v;
    }

    /** @return the value before the increment, or -1 if the holder has the lock */
    @Operation(nonParallelGroup = "incrementer")
    public int tryIncrement() {
        var g = m.tryLock();
        if (g.isEmpty()) {
            return -1;
        }
        try (var guard = g.get()) {
            int v = guard.get();
            guard.set(v + 1);
            return v;
        }
    }

    /** The sequential specification. */
    public static final class Spec {
        private boolean locked;
        private boolean heldByHolder;
        private int value;

        public boolean lock() {
            if (heldByHolder) {
                return false;
            }
            locked = true;
            heldByHolder = true;
            return true;
        }

        public int unlock() {
            if (!heldByHolder) {
                return -1;
            }
            heldByHolder = false;
            locked = false;
            return value;
        }

        public int tryIncrement() {
            return locked ? -1 : value++;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .sequentialSpecification(Spec.class)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(1)
                .actorsAfter(1)
                .iterations(4)
                .invocationsPerIteration(30)
                .check(getClass());
    }
}
