package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.ShortLock;
import dev.weft.runtime.scheduler.Coroutine;
import dev.weft.runtime.internal.VoidBodies;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Counts tasks and waits until all of them have ended: Tokio's {@code TaskTracker}, the piece
 * of a graceful shutdown that says "every worker is done". Unlike a {@link JoinSet} it keeps no
 * handles and no outputs, so a long-lived server may spawn millions of tasks through one
 * tracker: a finished task leaves nothing behind.
 *
 * {@snippet class=dev.weft.snippets.TaskTrackerSnippets region=task-tracker}
 *
 * <p><b>Closed and empty.</b> {@link #drained()} completes once the tracker is both
 * {@linkplain #close() closed} and empty. Closing does not stop spawning: it only says "no more
 * tasks are expected", so that {@code drained()} may complete; {@link #reopen()} undoes it.
 *
 * <p><b>What counts.</b> A task counts from its spawn until its future returned (a value or a
 * failure) or was cancelled (an abort, a runtime shutdown), a coroutine task until its body
 * ended. {@link #track(Future)} counts any future from the call until it is ready or
 * cancelled; a tracked future that is never polled to the end and never cancelled counts
 * forever.
 *
 * <p><b>Threads and memory.</b> Every method may be called from any thread. Everything a task
 * did before it stopped counting happens-before {@code drained()} completes. The task's
 * {@link JoinHandle} completes right after its future stopped counting.
 */
public final class TaskTracker {

    /*
     * Implementation notes.
     *
     * State: one long, (epoch << 32) | (count << 1) | CLOSED, changed by atomic read-modify-writes
     * only, so a count change and a close never miss each other: exactly one of them moves the
     * word to CLOSED with a count of zero (a "moment"), and that one adds one to the epoch in the
     * same write and notifies. "Drained" is (state & LOW) == CLOSED. The count has 31 bits, as
     * len() has (more than Integer.MAX_VALUE tasks at once would carry into the epoch); the epoch
     * wraps, harmlessly (see below).
     *
     * Waiters: the futures of drained() that wait, in a set guarded by a ShortLock (a few field
     * updates per section; never a monitor, since a coroutine may share it with a worker). A
     * waiter registers under the lock and reads the state there, remembering its epoch. It is
     * ready at a later poll if it was notified or the state's epoch moved on: a moment happened
     * while it waited, even if its notifier has not reached the lock yet (so readiness is
     * decided by the state word alone, at one read).
     *
     * Lost wake-ups: a notifier changes the state and then takes the lock. If the waiter's
     * section came first, the notifier finds it in the set; if it came second, the lock orders the
     * notifier's state change before the waiter's read, which sees it (or a later state).
     *
     * Late notifiers: a notifier reaches the lock some time after its moment, when the tracker may
     * already count a new task. It completes only the waiters registered with an older epoch,
     * those whose wait saw the moment; a waiter that registered after the moment (its read saw the
     * moment's epoch, or a later one) waits for the next. (Without the epoch such a waiter was
     * completed while the tracker was never closed and empty during its wait, and while a
     * task still counted: TaskTrackerLincheckTest found it; its hand-written scenarios replay it.) The epoch wraps only
     * after 2^32 moments, all before one notifier reaches the lock.
     *
     * A notification completes every waiter registered before the moment, even if a new task is
     * counted right after (Tokio's wait() does the same): the moment of "closed and empty"
     * happened while they waited.
     */

    private static final long CLOSED = 1;
    private static final long ONE = 2;
    private static final long EPOCH = 1L << 32;
    private static final long LOW = EPOCH - 1; // the count and CLOSED
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskTracker.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;
    private final ShortLock lock = new ShortLock();
    private final LinkedHashSet<Drained> waiters = new LinkedHashSet<>(); // guarded by lock

    /** Makes an open, empty tracker. */
    public TaskTracker() {
    }

    // ---- accessors by memory mode -----------------------------------------------------------

    private long getVolatileState() {
        return (long) STATE.getVolatile(this); // volatile: a waiter's read after its locked registration (see notes)
    }

    private long getAndAddState(long delta) {
        return (long) STATE.getAndAdd(this, delta); // volatile RMW: pairs with the CASes of close and released
    }

    private boolean casState(long expected, long next) {
        // volatile CAS: orders a task's writes before drained() sees zero; pairs with close and the count's RMWs
        return STATE.compareAndSet(this, expected, next);
    }

    private static boolean drained(long s) {
        return (s & LOW) == CLOSED;
    }

    private static int epoch(long s) {
        return (int) (s >>> 32);
    }

    /** {@return next, one epoch on if it is a moment: closed and empty} */
    private static long withMoment(long next) {
        return drained(next) ? next + EPOCH : next;
    }

    // ---- spawning and tracking ----------------------------------------------------------------

    /**
     * Spawns {@code body} as a coroutine task on the current runtime, counted until its body ends.
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle (it may be awaited, aborted or dropped as any other)
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException outside a runtime, or if the runtime is shut down
     */
    public <T> JoinHandle<T> spawn(Callable<T> body) {
        Args.notNull(body, "body");
        return spawnOn(Handle.current(), body);
    }

    /**
     * Spawns {@code future} as a task on the current runtime, counted until it is ready or cancelled.
     *
     * @param future the task's future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalArgumentException if {@code future} is null
     * @throws IllegalStateException outside a runtime, or if the runtime is shut down
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        Args.notNull(future, "future");
        return spawnOn(Handle.current(), future);
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on the current
     * runtime; the handle's value is {@code null}.
     *
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if {@code body} is null
     * @throws IllegalStateException outside a runtime, or if the runtime is shut down
     */
    public JoinHandle<Void> spawn(CheckedRunnable body) {
        Args.notNull(body, "body");
        return spawnOn(Handle.current(), VoidBodies.of(body));
    }

    /**
     * Spawns {@code body} as a coroutine task on the runtime of {@code handle}, counted until its
     * body ends.
     *
     * @param handle where to run it
     * @param body the coroutine's code
     * @param <T> its result type
     * @return the task's handle
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawnOn(Handle handle, Callable<T> body) {
        Args.notNull(handle, "handle");
        TrackedBody<T> tracked = new TrackedBody<>(this, Args.notNull(body, "body"));
        try {
            return handle.spawn(tracked);
        } catch (RuntimeException | Error e) {
            tracked.release(); // nothing was spawned
            throw e;
        }
    }

    /**
     * Spawns {@code future} as a task on the runtime of {@code handle}, counted until it is ready
     * or cancelled.
     *
     * @param handle where to run it
     * @param future the task's future
     * @param <T> its output type
     * @return the task's handle
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public <T> JoinHandle<T> spawnOn(Handle handle, Future<T> future) {
        Args.notNull(handle, "handle");
        TrackedFuture<T> tracked = new TrackedFuture<>(this, Args.notNull(future, "future"));
        try {
            return handle.spawn(tracked);
        } catch (RuntimeException | Error e) {
            tracked.release(); // nothing was spawned
            throw e;
        }
    }

    /**
     * Spawns {@code body}, code that returns nothing, as a coroutine task on the runtime of
     * {@code handle}; the handle's value is {@code null}.
     *
     * @param handle where to run it
     * @param body the coroutine's code
     * @return the task's handle
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException if the runtime is shut down
     */
    public JoinHandle<Void> spawnOn(Handle handle, CheckedRunnable body) {
        Args.notNull(body, "body");
        return spawnOn(handle, VoidBodies.of(body));
    }

    /**
     * Wraps {@code future} so that it counts from now until it is ready (a value or a failure)
     * or cancelled. Await or spawn the wrapper instead of {@code future}. (A coroutine future of
     * {@code Async.async} wrapped here runs as a poll-based task if spawned; spawn its body with
     * {@link #spawn(Callable)} instead.)
     *
     * @param future the future to count
     * @param <T> its output type
     * @return the counting future, with {@code future}'s value, failure and cancel safety
     * @throws IllegalArgumentException if {@code future} is null
     */
    public <T> Future<T> track(Future<T> future) {
        return new TrackedFuture<>(this, Args.notNull(future, "future"));
    }

    // ---- closing and waiting ------------------------------------------------------------------

    /**
     * Closes the tracker: {@link #drained()} may now complete, once it is empty. Tasks may still
     * be spawned and tracked.
     *
     * @return true if this call closed it, false if it was closed already
     */
    public boolean close() {
        long prior;
        long next;
        do {
            prior = getVolatileState();
            if ((prior & CLOSED) != 0) {
                return false;
            }
            next = withMoment(prior | CLOSED);
        } while (!casState(prior, next));
        if (drained(next)) {
            notifyWaiters(epoch(next));
        }
        return true;
    }

    /**
     * Opens the tracker again, so {@link #drained()} waits for a new {@link #close()}. Waiters
     * already notified stay completed.
     *
     * @return true if this call opened it, false if it was open
     */
    public boolean reopen() {
        long prior = (long) STATE.getAndBitwiseAnd(this, ~CLOSED); // volatile RMW: pairs with close and the count's RMWs
        return (prior & CLOSED) != 0;
    }

    /** {@return whether the tracker is closed} */
    public boolean isClosed() {
        return (getVolatileState() & CLOSED) != 0;
    }

    /** {@return how many tasks and tracked futures count now} */
    public int len() {
        return (int) ((getVolatileState() & LOW) >>> 1);
    }

    /** {@return whether nothing counts now} */
    public boolean isEmpty() {
        return (getVolatileState() & LOW) >>> 1 == 0;
    }

    /**
     * Waits until the tracker is closed and empty (Tokio's {@code wait()}, named so because
     * {@code Object.wait()} is taken). Completes at the first poll if it already is; otherwise
     * when the last counted task ends after a close, or the close comes after the last task.
     * Any number of tasks may wait at once, each with its own future.
     *
     * <p><b>Cancel safety:</b> cancel-safe: cancelling the future only forgets its waker; the
     * tracker and its tasks are untouched, and a new {@code drained()} waits the same way.
     *
     * @return the future; completes with {@code null}
     */
    public Future<Void> drained() {
        return new Drained();
    }

    /** Completes the waiters that registered before the moment that began {@code epoch}. */
    private void notifyWaiters(int epoch) {
        List<Waker> wake;
        lock.lock();
        try {
            wake = new ArrayList<>(waiters.size());
            for (Iterator<Drained> it = waiters.iterator(); it.hasNext(); ) {
                Drained d = it.next();
                if (d.epoch != epoch) { // else it registered after this moment: see the notes
                    d.notified = true;
                    wake.add(d.waker);
                    d.waker = null;
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        for (Waker w : wake) {
            w.wake();
        }
    }

    /** One task or tracked future stopped counting. */
    void released() {
        long prior;
        long next;
        do {
            prior = getVolatileState();
            next = withMoment(prior - ONE); // the last one, and closed: a moment
        } while (!casState(prior, next));
        if (drained(next)) {
            notifyWaiters(epoch(next));
        }
    }

    void counted() {
        getAndAddState(ONE);
    }

    @Override
    public String toString() {
        long s = getVolatileState();
        return "TaskTracker[len=" + ((s & LOW) >>> 1) + ((s & CLOSED) != 0 ? ", closed]" : ", open]");
    }

    /** The future of {@link #drained()}. */
    private final class Drained implements Future<Void> {
        boolean notified; // guarded by lock (written by notifyWaiters)
        Waker waker; // guarded by lock
        boolean registered; // owner only, written under lock
        int epoch; // the state's epoch when it registered; written under lock
        boolean done; // owner only

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("TaskTracker.drained() future polled after it completed");
            }
            long s = getVolatileState();
            if (!drained(s) && !(registered && epoch(s) != epoch)) { // no moment since it registered
                boolean ready;
                lock.lock();
                try {
                    if (registered) {
                        ready = notified; // else its notifier is still on its way, or no moment came
                    } else {
                        s = getVolatileState(); // after registering: see the notes
                        ready = drained(s);
                        if (!ready) {
                            registered = true;
                            epoch = epoch(s);
                            waiters.add(this);
                        }
                    }
                    if (!ready) {
                        waker = cx.waker();
                        return Poll.pending();
                    }
                } finally {
                    lock.unlock();
                }
            }
            if (registered) {
                forget();
            }
            done = true;
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            done = true;
            forget();
        }

        private void forget() {
            lock.lock();
            try {
                waiters.remove(this);
                waker = null;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Counts once, from construction until {@link #release()}; later calls do nothing. */
    private abstract static class Tracked {
        private static final VarHandle RELEASED;

        static {
            try {
                RELEASED = MethodHandles.lookup().findVarHandle(Tracked.class, "released", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final TaskTracker tracker;
        @SuppressWarnings("unused") // accessed through RELEASED
        private volatile boolean released;

        Tracked(TaskTracker tracker) {
            this.tracker = tracker;
            tracker.counted();
        }

        final void release() {
            // volatile CAS: the body's end and a drop before start may race (see Coroutine); one wins
            if (RELEASED.compareAndSet(this, false, true)) {
                tracker.released();
            }
        }
    }

    /** A counted future: released when it is ready, fails, or is cancelled. */
    private static final class TrackedFuture<T> extends Tracked implements Future<T> {
        private final Future<T> future;

        TrackedFuture(TaskTracker tracker, Future<T> future) {
            super(tracker);
            this.future = future;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p;
            try {
                p = future.poll(cx);
            } catch (RuntimeException | Error e) {
                release();
                throw e;
            }
            if (p.isReady()) {
                release();
            }
            return p;
        }

        @Override
        public void cancel() {
            try {
                future.cancel();
            } finally {
                release();
            }
        }
    }

    /** A counted coroutine body: released when it ends, or when its task drops it unstarted. */
    private static final class TrackedBody<T> extends Tracked implements Callable<T>, Coroutine.DroppedBeforeStart {
        private final Callable<T> body;

        TrackedBody(TaskTracker tracker, Callable<T> body) {
            super(tracker);
            this.body = body;
        }

        @Override
        public T call() throws Exception {
            try {
                return body.call();
            } finally {
                release();
            }
        }

        @Override
        public void droppedBeforeStart() {
            release();
        }
    }
}
