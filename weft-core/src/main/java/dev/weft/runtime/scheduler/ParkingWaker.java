package dev.weft.runtime.scheduler;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * The waker of a future polled by blockOn on a non-worker thread. It counts the polling
 * thread in the runtime's active coroutines from a wake to the end of the next poll, so a
 * paused clock never jumps while blockOn's future has work to do.
 */
final class ParkingWaker implements Waker, Context {
    static final int RUNNING = 0;
    static final int NOTIFIED = 1;
    static final int PARKED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ParkingWaker.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Thread thread;
    /** The scheduler whose active count this waker keeps, or null (not counted). */
    private final TaskHost sched;
    volatile int state;

    ParkingWaker(Thread thread, TaskHost sched) {
        this.thread = thread;
        this.sched = sched;
    }

    /** After a pending poll: waits for a wake. @return false if interrupted */
    boolean park() {
        if (!STATE.compareAndSet(this, RUNNING, PARKED)) { // woken during the poll (NOTIFIED): poll again
            return true;
        }
        if (sched != null) {
            sched.coroutineParked();
        }
        while (state == PARKED) { // volatile read: pairs with wake()'s CAS
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted()) {
                if (STATE.compareAndSet(this, PARKED, RUNNING) && sched != null) {
                    sched.coroutineWoken();
                }
                return false;
            }
        }
        return true;
    }

    @Override
    public void wake() {
        for (;;) {
            int s = state;
            if (s == NOTIFIED) {
                return;
            }
            if (s == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, NOTIFIED)) {
                    return;
                }
            } else if (STATE.compareAndSet(this, PARKED, RUNNING)) {
                if (sched != null) {
                    sched.coroutineWoken(); // before the unpark: the runtime must not see it idle
                }
                LockSupport.unpark(thread);
                return;
            }
        }
    }

    @Override
    public Waker waker() {
        return this;
    }
}
