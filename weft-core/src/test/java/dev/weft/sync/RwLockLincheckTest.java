package dev.weft.sync;

import java.util.Optional;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of {@link RwLock}'s non-waiting operations: two holders ("a" and "b", each a
 * nonparallel group, so its guard stays with one thread) try to read-lock or write-lock and keep
 * the guard until they release it; a write increments the value. The lock allows two readers,
 * so "readers full" is reachable. The specification is a reader count, a writer flag and the
 * value.
 *
 * <p>Waiting operations are absent for the reason given in {@link SemaphoreLincheckTest}; the
 * waiting and cancelling paths are checked by {@link RwLockTest}.
 */
@Tag("lincheck")
public class RwLockLincheckTest {
    private final RwLock<Integer> lock = new RwLock<>(0, 2);
    private final Holder a = new Holder();
    private final Holder b = new Holder();

    /** One holder's guard; touched only by its group's thread. */
    private final class Holder {
        RwLock.ReadGuard<Integer> read;
        RwLock.WriteGuard<Integer> write;

        /** @return the value read, -1 if refused, -2 if this holder holds a guard already */
        int tryRead() {
            if (read != null || write != null) {
                return -2;
            }
            Optional<RwLock.ReadGuard<Integer>> g = lock.tryRead();
            if (g.isEmpty()) {
                return -1;
            }
            read = g.get();
            return read.get();
        }

        /** @return the value before the increment, -1 if refused, -2 if holding already */
        int tryWrite() {
            if (read != null || write != null) {
                return -2;
            }
            Optional<RwLock.WriteGuard<Integer>> g = lock.tryWrite();
            if (g.isEmpty()) {
                return -1;
            }
            write = g.get();
            int v = write.get();
            write.set(v + 1);
            return v;
        }

        /** @return 0 if nothing was held, 1 for a read guard, 2 for the write guard */
        int release() {
            if (read != null) {
                read.close();
                read = null;
                return 1;
            }
            if (write != null) {
                write.close();
                write = null;
                return 2;
            }
            return 0;
        }
    }

    @Operation(nonParallelGroup = "a")
    public int tryReadA() {
        return a.tryRead();
    }

    @Operation(nonParallelGroup = "a")
    public int tryWriteA() {
        return a.tryWrite();
    }

    @Operation(nonParallelGroup = "a")
    public int releaseA() {
        return a.release();
    }

    @Operation(nonParallelGroup = "b")
    public int tryReadB() {
        return b.tryRead();
    }

    @Operation(nonParallelGroup = "b")
    public int tryWriteB() {
        return b.tryWrite();
    }

    @Operation(nonParallelGroup = "b")
    public int releaseB() {
        return b.release();
    }

    /** The sequential specification. */
    public static final class Spec {
        private int readers;
        private boolean writer;
        private int value;
        /** Per holder: 0 none, 1 read, 2 write. */
        private final int[] holds = new int[2];

        private int tryRead(int h) {
            if (holds[h] != 0) {
                return -2;
            }
            if (writer || readers == 2) {
                return -1;
            }
            readers++;
            holds[h] = 1;
            return value;
        }

        private int tryWrite(int h) {
            if (holds[h] != 0) {
                return -2;
            }
            if (writer || readers > 0) {
                return -1;
            }
            writer = true;
            holds[h] = 2;
            return value++;
        }

        private int release(int h) {
            int held = holds[h];
            if (held == 1) {
                readers--;
            } else if (held == 2) {
                writer = false;
            }
            holds[h] = 0;
            return held;
        }

        public int tryReadA() {
            return tryRead(0);
        }

        public int tryWriteA() {
            return tryWrite(0);
        }

        public int releaseA() {
            return release(0);
        }

        public int tryReadB() {
            return tryRead(1);
        }

        public int tryWriteB() {
            return tryWrite(1);
        }

        public int releaseB() {
            return release(1);
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
                .invocationsPerIteration(25)
                .check(getClass());
    }
}
