package dev.weft.future.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A non-reentrant lock for the runtime's short critical sections that coroutines and worker
 * threads share (the injection queue, the idle set, the owned-task list, the timer wheel, I/O
 * registrations). Nobody parks for it: a waiting thread spins, and a platform thread also yields
 * its CPU after a while. Critical sections must be short and must never block.
 *
 * <p>Implementation notes. Why not {@code synchronized} or a {@code ReentrantLock}: since JDK 24
 * a virtual thread that waits for either <em>unmounts</em>, and a coroutine is a virtual thread
 * whose carrier is a Weft worker. Three failures followed, all seen at scale (a million timer
 * tasks on 1–4 workers):
 * <ul>
 * <li><b>Monitors:</b> the JVM may take a monitor on behalf of an unmounted virtual thread that
 *     waited for it, and the thread must then be scheduled to run on; scheduling a coroutine goes
 *     through the injection queue's lock, so the JDK's unblocker thread waited for a lock held by
 *     the very coroutine it was trying to schedule: every worker stopped.</li>
 * <li><b>AQS:</b> workers queued behind a parked coroutine wait for it to take and release the
 *     lock, and it needs a free worker to run: with every worker queued, nothing runs.</li>
 * <li><b>Owner-only code:</b> a coroutine mounted on a worker runs that worker's owner-only
 *     scheduling code (its local queue, whose overflow moves half of it to the injection queue).
 *     Unmounting in the middle let the worker run its own queue operations concurrently, and the
 *     coroutine resumed on another worker and finished the operation there: a batch of 129
 *     tasks vanished.</li>
 * </ul>
 * A spinning virtual thread stays mounted, so none of these can happen. The cost is CPU burnt
 * while a holder is descheduled by the OS, bounded by the shortness of the sections.
 *
 * <p>Memory: {@link #lock} is a volatile CAS and {@link #unlock} a release store, so everything
 * written inside a section happens-before the next holder's section.
 */
public final class ShortLock {
    private static final VarHandle STATE;
    /** Spins before a platform thread starts yielding its CPU to the holder. */
    private static final int SPINS_BEFORE_YIELD = 64;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(ShortLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** 0: free, 1: held. */
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;

    /** A free lock. */
    public ShortLock() {
    }

    /** Takes the lock, spinning while another thread holds it. */
    public void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) { // volatile CAS: acquires the last holder's release
            lockSlow();
        }
    }

    private void lockSlow() {
        boolean platform = !Thread.currentThread().isVirtual();
        for (int spins = 0;; spins++) {
            // opaque read first: spin on a cached line instead of hammering it with CASes
            if ((int) STATE.getOpaque(this) == 0 && STATE.compareAndSet(this, 0, 1)) { // CAS acquires, as above
                return;
            }
            if (platform && spins >= SPINS_BEFORE_YIELD) {
                Thread.yield(); // let a descheduled holder run; a virtual thread must not (it would unmount)
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Releases the lock; only its holder may call this. */
    public void unlock() {
        STATE.setRelease(this, 0); // release: publishes the section to the next lock()'s CAS
    }

    @Override
    public String toString() {
        return (int) STATE.getOpaque(this) != 0 ? "ShortLock[held]" : "ShortLock[free]"; // a snapshot
    }
}
