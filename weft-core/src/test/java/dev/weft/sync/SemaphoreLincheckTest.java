package dev.weft.sync;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link Semaphore}'s non-waiting operations against a counter: tryAcquire
 * (the permit is kept), addPermits (a release), availablePermits and close, from three threads.
 *
 * <p>Waiting operations are deliberately absent: a permit handed to a waiter that then cancels
 * is briefly neither free nor held, which a try-only observer can see, so "acquire or cancel"
 * is not linearizable against tryAcquire (Tokio's semaphore has the same window). The waiting
 * and cancelling paths are checked for conservation by {@link SemaphoreStressTest}.
 */
@Tag("lincheck")
public class SemaphoreLincheckTest {
    private final Semaphore s = new Semaphore(1);

    @Operation
    public int tryAcquire(@Param(gen = IntGen.class, conf = "1:2") int n) {
        try {
            return s.tryAcquire(n).isPresent() ? 1 : 0;
        } catch (SemaphoreClosedException e) {
            return -1;
        }
    }

    @Operation
    public void addPermits(@Param(gen = IntGen.class, conf = "1:2") int n) {
        s.addPermits(n);
    }

    @Operation
    public int available() {
        return s.availablePermits();
    }

    @Operation
    public void close() {
        s.close();
    }

    /** The sequential specification. */
    public static final class Spec {
        private int permits = 1;
        private boolean closed;

        public int tryAcquire(int n) {
            if (closed) {
                return -1;
            }
            if (permits < n) {
                return 0;
            }
            permits -= n;
            return 1;
        }

        public void addPermits(int n) {
            permits += n;
        }

        public int available() {
            return permits;
        }

        public void close() {
            closed = true;
        }
    }

    @Test
    void modelChecking() {
        new ModelCheckingOptions()
                .sequentialSpecification(Spec.class)
                .threads(3)
                .actorsPerThread(2)
                .actorsBefore(1)
                .actorsAfter(1)
                .iterations(5)
                .invocationsPerIteration(60)
                .check(getClass());
    }
}
