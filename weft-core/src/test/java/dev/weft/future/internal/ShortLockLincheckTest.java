package dev.weft.future.internal;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutual exclusion and publication of {@link ShortLock}: a counter read and written in two
 * separate plain steps inside the lock (so a second holder at once would lose an update),
 * against a sequential counter. It fails when {@code lock} does not wait (a plain write instead
 * of the CAS).
 */
@Tag("lincheck")
public class ShortLockLincheckTest {
    private final ShortLock lock = new ShortLock();
    private int count; // guarded by lock

    @Operation
    public int increment() {
        lock.lock();
        try {
            int v = count;
            count = v + 1;
            return v;
        } finally {
            lock.unlock();
        }
    }

    @Operation
    public int read() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** The sequential specification. */
    public static final class Spec {
        private int count;

        public int increment() {
            return count++;
        }

        public int read() {
            return count;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(3)
                .iterations(8)
                .invocationsPerIteration(100)
                .check(getClass());
    }

    @Test
    void stress() {
        new StressOptions()
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(3)
                .iterations(5)
                .invocationsPerIteration(500)
                .check(getClass());
    }
}
