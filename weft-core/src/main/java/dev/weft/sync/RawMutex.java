package dev.weft.sync;

import dev.weft.future.Waker;
import dev.weft.future.internal.ShortLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The lock under {@link Mutex}: one word and a FIFO of waiters, with barging and a bound on it
 * (the shape of parking_lot's and Go's mutexes).
 *
 * <h2>Implementation notes</h2>
 *
 * <p><b>State.</b> {@code state} holds a generation above four bits, read and CASed without a
 * lock. The generation counts acquisitions: each one (barging, retry or hand-off) adds
 * {@code GEN} and gives its number to the guard, and an unlock must name the generation it
 * holds, so a second close of a guard — from the same thread or racing from another — finds a
 * newer generation or a free lock and does nothing, without any atomic on the guard (which
 * would keep the JIT from scalar-replacing it). 2<sup>60</sup> acquisitions do not wrap.
 * <ul>
 * <li>{@code LOCKED} — somebody holds the lock;</li>
 * <li>{@code WAITERS} — the queue is not empty (set and cleared only under the lock);</li>
 * <li>{@code WOKEN} — the head waiter was woken to retry and has not polled since; while it is
 *     set an unlock wakes nobody (one retrying waiter at a time is enough);</li>
 * <li>{@code HANDOFF} — the head waiter lost the race {@link #PASSES_BEFORE_HANDOFF} times: the
 *     next unlock hands the lock to it directly, and nobody may barge until then.</li>
 * </ul>
 * The queue and each queued {@link Waiter}'s {@code woken}, {@code passes} and waker are guarded
 * by {@code queueLock}; a waiter's {@code state} is written under it with a release store and read by
 * its future with an acquire load. That lock is a {@link ShortLock}, not a monitor: coroutines and
 * poll-based tasks on the workers both take it, and a coroutine that waits for a monitor unmounts
 * and may be handed it while queued, so a worker blocked on it would wait for a coroutine only
 * that worker can run (docs/design-notes.md). Sections are a few field updates, call no waker,
 * and never nest (the lock is not reentrant).
 *
 * <p><b>Barging.</b> Any locker that finds the lock free (and no {@code HANDOFF} pending) takes
 * it with one CAS, waiters or not; an unlock without waiters is one CAS. Under contention this
 * keeps a running task going through lock/unlock cycles without a task switch per cycle, which
 * strict FIFO hand-off forces (every unlock would wake a waiter that must be scheduled before
 * the lock moves again).
 *
 * <p><b>Liveness invariant:</b> {@code WAITERS && !LOCKED} implies {@code WOKEN}: whenever the
 * lock is free while tasks wait, one of them (the head) has been woken to take it. An unlock that
 * finds waiters and no {@code WOKEN} sets it and wakes the head; a woken waiter that finds the
 * lock taken clears {@code WOKEN} only by a CAS that also sees {@code LOCKED} (so the holder's
 * unlock will wake it again); a cancelled woken waiter passes the wake on if the lock is free;
 * a newcomer queues only by a CAS that sees {@code LOCKED}.
 *
 * <p><b>Bounded unfairness.</b> The head may lose to bargers; each loss counts, and at
 * {@link #PASSES_BEFORE_HANDOFF} the waiter sets {@code HANDOFF} (with a CAS that sees the lock
 * held), so the holder's unlock gives it the lock without releasing it. A waiter therefore waits
 * for at most its predecessors in the queue plus that many lost races each.
 *
 * <p><b>Happens-before.</b> Every transfer of the lock goes through a CAS on the word (release
 * then acquire) or, for a hand-off, through the lock (unlock a release store, lock a volatile
 * CAS) and the waiter's release/acquire state.
 */
final class RawMutex {
    /** Lost races after which the head waiter gets the lock handed over. */
    static final int PASSES_BEFORE_HANDOFF = 2;

    static final long LOCKED = 1;
    static final long WAITERS = 2;
    static final long WOKEN = 4;
    static final long HANDOFF = 8;
    private static final int GEN_SHIFT = 4;
    private static final long GEN = 1L << GEN_SHIFT;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(RawMutex.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private volatile long state;
    /** Guards the queue and the queued waiters' fields; see the notes. */
    private final ShortLock queueLock = new ShortLock();
    private final WaitQueue<Waiter> waiters = new WaitQueue<>();

    /** Runs {@code r} holding the queue's lock: lets a test hold it while others contend. */
    void runLocked(Runnable r) {
        queueLock.lock();
        try {
            r.run();
        } finally {
            queueLock.unlock();
        }
    }

    // ---- accessors by memory mode ----

    long getVolatileState() {
        return (long) STATE.getVolatile(this); // volatile: pairs with every casState on the word
    }

    private boolean casState(long expect, long update) {
        return STATE.compareAndSet(this, expect, update); // full fence: an unlock happens-before the lock CAS reading it
    }

    /** @return whether the word {@code s} lets a newcomer take the lock */
    static boolean free(long s) {
        return (s & (LOCKED | HANDOFF)) == 0;
    }

    /** @return {@code s} locked by a new acquisition */
    private static long acquired(long s) {
        return (s + GEN) | LOCKED;
    }

    static long generation(long s) {
        return s >>> GEN_SHIFT;
    }

    /**
     * One barging attempt.
     *
     * @return the generation of the new hold, or -1 if the lock is not free
     */
    long tryLock() {
        for (;;) {
            long s = getVolatileState();
            if (!free(s)) {
                return -1;
            }
            long next = acquired(s);
            if (casState(s, next)) {
                return generation(next);
            }
        }
    }

    boolean isLocked() {
        return (getVolatileState() & LOCKED) != 0;
    }

    /** Unlocks the hold {@code gen}; nothing if that hold has ended already. */
    void unlock(long gen) {
        for (;;) {
            long s = getVolatileState();
            if ((s & LOCKED) == 0 || generation(s) != gen) {
                return; // a second close of the same guard
            }
            boolean quiet = (s & WAITERS) == 0 || (s & (WOKEN | HANDOFF)) == WOKEN;
            if (!quiet) {
                break;
            }
            if (casState(s, s & ~LOCKED)) { // release: pairs with the next locker's CAS
                return;
            }
        }
        unlockSlow(gen);
    }

    /** Waiters and nobody woken: wake the head, or hand the lock to it. */
    private void unlockSlow(long gen) {
        Waker wake = null;
        queueLock.lock();
        try {
            for (;;) {
                long s = getVolatileState();
                Waiter head = waiters.peekFirst();
                if ((s & LOCKED) == 0 || generation(s) != gen) {
                    return; // a racing close of the same guard won
                }
                if (head == null || (s & (WOKEN | HANDOFF)) == WOKEN) {
                    if (casState(s, s & ~LOCKED)) {
                        break;
                    }
                } else if ((s & HANDOFF) != 0) {
                    long next = (s + GEN) & ~(HANDOFF | WOKEN); // a new hold: the head's
                    if (casState(s, waiters.size() == 1 ? next & ~WAITERS : next)) { // stays LOCKED
                        waiters.pollFirst();
                        head.woken = false;
                        head.gen = generation(next);
                        head.setReleaseState(Waiter.HANDED);
                        wake = takeWaker(head);
                        break;
                    }
                } else if (casState(s, (s & ~LOCKED) | WOKEN)) {
                    head.woken = true;
                    wake = head.waker; // it stays queued until it gets the lock
                    break;
                }
            }
        } finally {
            queueLock.unlock();
        }
        WaitQueue.wake(wake);
    }

    private static Waker takeWaker(Waiter w) {
        Waker k = w.waker;
        w.waker = null;
        return k;
    }

    /**
     * The slow path of a lock's first poll: takes the lock if it is free after all, or queues.
     *
     * @return the queued waiter, or a waiter not queued and already {@code HANDED} the lock
     */
    Waiter lockSlow(Waker waker) {
        queueLock.lock();
        try {
            for (;;) {
                long s = getVolatileState();
                if (free(s)) {
                    long next = acquired(s);
                    if (casState(s, next)) {
                        Waiter w = new Waiter();
                        w.gen = generation(next);
                        w.setReleaseState(Waiter.HANDED);
                        return w;
                    }
                } else if (casState(s, s | WAITERS)) { // saw it held: its unlock will wake somebody
                    Waiter w = new Waiter();
                    w.waker = waker;
                    waiters.addLast(w);
                    return w;
                }
            }
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * A later poll of a queued waiter: if it is the woken head and the lock is free, takes it;
     * if it was woken but the lock is taken, counts a lost race (claiming the hand-off at
     * {@link #PASSES_BEFORE_HANDOFF}); otherwise only stores the newest waker.
     *
     * @return whether it was taken (or handed over) and is now the caller's
     */
    boolean retry(Waiter w, Waker waker) {
        queueLock.lock();
        try {
            for (;;) {
                if (w.getAcquireState() == Waiter.HANDED) {
                    return true;
                }
                long s = getVolatileState();
                if (free(s) && w.woken) { // only the woken head: queued waiters keep their order
                    long next = acquired(s);
                    next &= ~WOKEN;
                    if (waiters.size() == 1) {
                        next &= ~WAITERS;
                    }
                    if (casState(s, next)) {
                        waiters.remove(w);
                        w.woken = false;
                        w.gen = generation(next);
                        w.setReleaseState(Waiter.HANDED);
                        return true;
                    }
                    continue;
                }
                w.waker = waker; // the newest waker is the one woken
                if (!w.woken) {
                    return false; // not our turn: the holder's unlock wakes the head
                }
                long next = s & ~WOKEN;
                boolean handoff = ++w.passes >= PASSES_BEFORE_HANDOFF && waiters.peekFirst() == w;
                if (handoff) {
                    next |= HANDOFF;
                }
                if (casState(s, next)) { // saw it held: its unlock wakes us again, or hands it over
                    w.woken = false;
                    return false;
                }
                w.passes--;
            }
        } finally {
            queueLock.unlock();
        }
    }

    /** Cancels a queued waiter; a wake it had goes on; a lock handed to it is unlocked. */
    void cancel(Waiter w) {
        Waker wake = null;
        boolean owned;
        queueLock.lock();
        try {
            owned = w.getAcquireState() == Waiter.HANDED;
            if (!owned) {
                boolean wasHead = waiters.peekFirst() == w;
                waiters.remove(w);
                w.setReleaseState(Waiter.CANCELLED);
                for (;;) {
                    long s = getVolatileState();
                    long next = s;
                    if (waiters.isEmpty()) {
                        next &= ~WAITERS;
                    }
                    if (wasHead) {
                        next &= ~HANDOFF; // its claim goes with it
                    }
                    Waiter head = waiters.peekFirst();
                    boolean passOn = w.woken && head != null && (s & LOCKED) == 0;
                    if (w.woken && !passOn) {
                        next &= ~WOKEN;
                    }
                    if (casState(s, next)) {
                        if (passOn) {
                            head.woken = true;
                            wake = head.waker;
                        }
                        break;
                    }
                }
                w.woken = false;
                w.waker = null;
            }
        } finally {
            queueLock.unlock();
        }
        if (owned) {
            unlock(w.gen);
        }
        WaitQueue.wake(wake);
    }

    /** A queued lock. */
    static final class Waiter extends WaitQueue.Node {
        static final int WAITING = 0;
        static final int HANDED = 1;
        static final int CANCELLED = 2;

        private static final VarHandle W_STATE;

        static {
            try {
                W_STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** Guarded by the mutex: woken by an unlock to retry, and not polled since. */
        boolean woken;
        /** Guarded by the mutex: races lost while woken. */
        int passes;
        /** The generation of the hold, once HANDED (written before the release store of HANDED). */
        long gen;
        @SuppressWarnings("unused") // through W_STATE
        private int state = WAITING;

        int getAcquireState() {
            return (int) W_STATE.getAcquire(this); // acquire: pairs with setReleaseState; HANDED brings gen
        }

        /** Under the mutex's queue lock. */
        void setReleaseState(int s) {
            W_STATE.setRelease(this, s); // release: publishes gen to getAcquireState, read without the lock
        }
    }
}
