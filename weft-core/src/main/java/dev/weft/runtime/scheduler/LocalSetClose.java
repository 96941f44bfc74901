package dev.weft.runtime.scheduler;

import dev.weft.future.Waker;
import dev.weft.runtime.internal.RuntimeContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Closing a {@link LocalSetScheduler} from outside its own poll, once its tasks were aborted: run
 * the cancellations and the unwinding of its coroutines until every task and coroutine ended,
 * bounded in time.
 *
 * <p>Who runs them. While a {@link LocalSetRun} is active on the set's thread (and the closing
 * thread is another one), that thread does, on its next polls: the closer only waits. Otherwise
 * the closing thread claims the set and runs them itself. A virtual thread cannot carry a
 * coroutine, so a virtual closer of a set with live coroutines does this on a helper platform
 * thread. What is left at the deadline is cancelled without running (if the set can be claimed).
 *
 * <p>While a run is active, its own future may be a coroutine of the set that outlives the
 * close; the close then waits only for the tasks.
 */
final class LocalSetClose {
    private final LocalSetScheduler set;
    private final long start = System.nanoTime();
    private final long timeoutNanos;

    LocalSetClose(LocalSetScheduler set, long timeoutNanos) {
        this.set = set;
        this.timeoutNanos = timeoutNanos;
    }

    /** @return whether everything ended in time */
    boolean run() {
        try {
            if (Thread.currentThread().isVirtual() && set.liveCoroutines() > 0) {
                return onHelperThread();
            }
            return drive();
        } finally {
            set.reportUnobserved(); // failures of local tasks nobody joined
        }
    }

    private long left() {
        return timeoutNanos - (System.nanoTime() - start);
    }

    private boolean onHelperThread() {
        AtomicBoolean clean = new AtomicBoolean();
        Thread helper = Thread.ofPlatform().daemon().name("weft-localset-close").start(() -> clean.set(drive()));
        try {
            // drive() returns by its deadline; the extra second covers the final cancellations
            long wait = Math.max(0, left()) + 1_000_000_000L;
            if (!helper.join(Duration.ofNanos(wait < 0 ? Long.MAX_VALUE : wait))) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return clean.get();
    }

    private boolean done() {
        // an active run's own future may be a coroutine of the set that outlives the close
        return set.aliveTasks() == 0 && (set.liveCoroutines() == 0 || set.activeRuns.get() > 0);
    }

    private boolean drive() {
        Thread me = Thread.currentThread();
        ParkWaker w = new ParkWaker(me);
        set.closeWaker = w; // volatile write, then check the state: pairs with wakeCloser()
        try {
            for (;;) {
                w.woken = false;
                if (done()) {
                    return true;
                }
                if ((set.activeRuns.get() == 0 || me == set.owner()) && set.tryClaim(me)) {
                    boolean more;
                    RuntimeContext prev = RuntimeContext.enter(set);
                    try {
                        more = set.tick(LocalSetScheduler.BATCH);
                    } finally {
                        RuntimeContext.enter(prev);
                        set.release();
                    }
                    Waker sw = set.setWaker;
                    if (sw != null) {
                        sw.wake(); // a run that found the set claimed by this close polls again
                    }
                    if (done()) {
                        return true;
                    }
                    if (more && left() > 0) {
                        continue;
                    }
                }
                long left = left();
                if (left <= 0) {
                    break;
                }
                if (!w.woken) { // volatile read: pairs with the write in wake()
                    LockSupport.parkNanos(this, left);
                }
            }
            if (set.tryClaim(me)) {
                try {
                    set.cancelRemaining();
                } finally {
                    set.release();
                }
            }
            return false;
        } finally {
            set.closeWaker = null;
        }
    }

    /** Unparks the closing thread. */
    private static final class ParkWaker implements Waker {
        private final Thread thread;
        volatile boolean woken;

        ParkWaker(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void wake() {
            woken = true; // volatile write, then unpark: the closer re-reads it before parking
            LockSupport.unpark(thread);
        }
    }
}
