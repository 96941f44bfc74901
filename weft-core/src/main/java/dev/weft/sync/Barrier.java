package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;

/**
 * Lets {@code n} tasks wait until all of them have arrived: Tokio's {@code Barrier}. When the
 * {@code n}-th task arrives, all {@code n} waits complete, exactly one of them with
 * {@link BarrierWaitResult#isLeader()} true, and the barrier starts over for the next
 * generation of {@code n}.
 *
 * <p><b>Cancel safety (differs from Tokio):</b> a wait cancelled before its generation completes
 * withdraws its arrival, so the generation needs one more task; Tokio counts a cancelled wait as
 * arrived. Once the generation has completed, cancelling a wait that was released but not yet
 * polled changes nothing: the others were released already.
 *
 * <p><b>Memory effects:</b> everything a task did before arriving happens-before every wait of the
 * same generation completing.
 *
 * <p><b>Threads:</b> any thread may wait; a plain thread may use {@code arriveAndWait().await()}.
 *
 * <h2>Implementation notes</h2>
 * A count of arrivals and a FIFO {@link WaitQueue} of the waits of the current generation,
 * guarded by {@code lock}. The arrival that brings the count to {@code n} empties the queue,
 * marks every wait released, resets the count and completes at once as the leader. The lock is a
 * {@link ShortLock}, not a monitor: coroutines and poll-based tasks on the workers both take it,
 * and a coroutine that waits for a monitor unmounts and may be handed it while queued, so a
 * worker blocked on it could wait forever (docs/design-notes.md). Its sections are a few field
 * updates; wakers are called after it.
 *
 * {@snippet :
 * Barrier ready = new Barrier(3);
 * for (int i = 0; i < 3; i++) {
 *     Weft.spawn(() -> {
 *         load();
 *         ready.arriveAndWait().await();   // nobody goes on until all three loaded
 *         serve();
 *         return null;
 *     });
 * }
 * }
 */
public final class Barrier {
    /** Guards the queue, the counts and the queued waits' state; see the notes. */
    private final ShortLock lock = new ShortLock();
    private final WaitQueue<Wait> waiters = new WaitQueue<>();
    private final int parties;
    /** Guarded by {@code lock}: arrivals of the current generation. */
    private int arrived;
    /** Guarded by {@code lock}: completed generations. */
    private long generation;

    /**
     * Makes a barrier that releases its waiters each time {@code n} of them have arrived.
     *
     * @param n how many tasks each generation waits for
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public Barrier(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        this.parties = n;
    }

    /**
     * Arrives at the barrier (when first polled) and waits for the rest of the generation.
     *
     * <p><b>Cancel safety:</b> safe in the sense of losing nothing: a wait cancelled before its
     * generation completes withdraws its arrival (unlike Tokio, where it stays counted).
     * <b>Fairness:</b> all waits of a generation complete together; the leader is the last to
     * arrive. <b>Memory effects:</b> see the class comment. <b>Threads:</b> any thread; await it
     * from a coroutine or a plain thread.
     *
     * @return a lazy future; it arrives when first polled
     */
    public Wait arriveAndWait() {
        return new Wait(this);
    }

    /** {@return how many tasks each generation waits for} */
    public int parties() {
        return parties;
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "Barrier[arrived=" + arrived + "/" + parties + ", generation=" + generation + "]";
        } finally {
            lock.unlock();
        }
    }

    /**
     * One task's wait at the barrier; see {@link Barrier#arriveAndWait()}. It is the queue entry
     * itself, and arrives when first polled.
     *
     * {@snippet :
     * BarrierWaitResult r = barrier.arriveAndWait().await();
     * }
     */
    public static final class Wait extends WaitQueue.Node implements UncheckedFuture<BarrierWaitResult> {
        static final int INIT = 0;
        static final int WAITING = 1;
        static final int RELEASED = 2;
        static final int DONE = 3;
        static final int CANCELLED = 4;
        /** This arrival completed the generation (the leader); it is out of the queue. */
        static final int LED = 5;

        private final Barrier barrier;
        /**
         * Guarded by {@code barrier.lock} while INIT or WAITING; once RELEASED or LED the
         * future is out of the queue and only its owner moves it on.
         */
        int state = INIT;

        Wait(Barrier barrier) {
            this.barrier = barrier;
        }

        @Override
        public Poll<BarrierWaitResult> poll(Context cx) {
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            barrier.lock.lock();
            try {
                switch (state) {
                    case INIT -> {
                        if (++barrier.arrived < barrier.parties) {
                            waker = cx.waker();
                            barrier.waiters.addLast(this);
                            state = WAITING;
                            return Poll.pending();
                        }
                        barrier.arrived = 0;
                        barrier.generation++;
                        Wait w;
                        while ((w = barrier.waiters.pollFirst()) != null) {
                            w.state = RELEASED;
                            wake.take(w);
                        }
                        state = LED;
                    }
                    case WAITING -> {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                    case RELEASED, LED -> { }
                    default -> throw new IllegalStateException("barrier wait polled after it completed or was cancelled");
                }
            } finally {
                barrier.lock.unlock();
            }
            wake.wakeAll();
            // Released, and out of the queue: only this future's owner touches the state now.
            if (!Coop.proceed(cx)) {
                return Poll.pending(); // budget spent: re-woken; the arrival made stays made
            }
            BarrierWaitResult result = state == LED ? BarrierWaitResult.LEADER : BarrierWaitResult.FOLLOWER;
            state = DONE;
            return Poll.ready(result);
        }

        /** Withdraws the arrival if the generation has not completed yet. */
        @Override
        public void cancel() {
            barrier.lock.lock();
            try {
                if (state == WAITING) {
                    barrier.waiters.remove(this);
                    barrier.arrived--;
                }
                if (state != DONE) {
                    state = CANCELLED;
                }
                waker = null;
            } finally {
                barrier.lock.unlock();
            }
        }

        /**
         * Arrives and waits, from a coroutine or a plain thread. <b>Cancel safety:</b> see
         * {@link Barrier#arriveAndWait()}.
         *
         * @return whether this task was the generation's leader
         */
        @Override
        public BarrierWaitResult await() {
            return Await.await(this);
        }
    }
}
