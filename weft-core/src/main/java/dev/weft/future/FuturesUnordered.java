package dev.weft.future;

import dev.weft.future.internal.Args;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * A set of futures polled inside one task, yielding each output as it completes (Rust's
 * {@code futures::stream::FuturesUnordered}): {@link #push} futures in, read the outputs as a
 * {@link Stream}, in completion order.
 *
 * <p><b>Only woken members are polled.</b> Each member is polled with its own small waker; when
 * it fires, the member goes on the set's ready queue and the set's task is woken. A poll of the
 * set polls the members on the ready queue (each pushed member once at first), not all of them,
 * so a set of thousands of mostly idle futures costs per wake-up only the members that woke. A
 * poll polls at most {@link #len()} members before it yields (waking its task at once), so a
 * member that keeps waking itself cannot hold the task.
 *
 * <p><b>Items and the end.</b> {@link #pollNext} returns the output of a member that completed,
 * or {@link Stream#end()} when the set is empty, or pending when members are running and none
 * is ready. Unlike other streams, an empty set is not finished: {@link #push} more futures and
 * poll it again (as in Rust), so one set can serve a loop that refills it. A member that
 * completes with {@code null} is a bug for a stream and fails the set with a
 * {@link NullPointerException} (map a {@code Future<Void>} to a value first).
 *
 * <p><b>Failure is terminal.</b> A member that fails (or throws from {@code poll}) fails the
 * set: the failure is the next poll's result as it is, every other member is cancelled, and the
 * set is finished (polling or pushing again throws {@link IllegalStateException}). This differs
 * from Rust, where an error is just an item, and follows the {@link Stream} contract; to keep
 * going past failures, push futures that carry a failure in their value (an {@link Outcome}, say)
 * instead of failing.
 *
 * <p><b>Cancellation.</b> The set owns its members: {@link #cancel()} cancels every member
 * still running, exactly once each. Reading with {@link Stream#next()} is cancel-safe: an output
 * is taken from the set only by the poll that returns it.
 *
 * <p><b>Threads.</b> The set belongs to one task: {@code push}, {@code pollNext},
 * {@code cancel}, {@code len} and {@code isEmpty} must not race each other (the runtime orders
 * successive polls of a task). The members' wakers may fire from any thread, at any time.
 *
 * {@snippet class=dev.weft.snippets.StreamSnippets region=futures-unordered}
 *
 * @param <T> the type of the members' values
 */
public final class FuturesUnordered<T> implements Stream<T> {
    /*
     * Implementation notes.
     *
     * Slots. Each pushed future gets a Slot: its own Waker and Context, holding the future
     * (null once the member completed or was cancelled), its index in `live`, and a `queued`
     * flag. `live` holds the running slots (swap-remove by index, O(1)); only the owner touches
     * it and the slots' future/index fields.
     *
     * Ready queue. A synchronized ArrayDeque of slots to poll: wakers push from any thread, the
     * owner pops. A slot is on the queue at most once while `queued` is true: Slot.wake() CASes
     * it false -> true and only the winner enqueues, so a wake of an already queued member
     * allocates nothing. The owner sets `queued` false (volatile) before polling the member, so
     * a wake that comes during or after that poll queues it again: no wake-up is lost. Its state
     * change happened before its wake (the member's own pending contract); either the wake's CAS
     * comes after our store and queues the slot, or it came before, and then our poll, ordered
     * after our store, sees the change. A finished slot keeps `queued` true forever, so its
     * late wakes are no-ops; a stale entry (queued again while it was polled, then it
     * completed) has a null future and is skipped.
     *
     * Task waker. pollNext stores cx.waker() (volatile) before it drains the queue; Slot.wake()
     * enqueues (under the queue's lock) before it reads the task waker (volatile). So a wake
     * whose slot the drain missed reads the newest waker and wakes it.
     */

    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(Slot.class, "queued", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ArrayList<Slot<T>> live = new ArrayList<>();
    private final ArrayDeque<Slot<T>> ready = new ArrayDeque<>(); // guarded by itself
    // Written by the owner at each poll, read by Slot.wake() on any thread: see the notes.
    private volatile Waker task;
    private boolean finished; // failed or cancelled: no more polls or pushes

    /** Makes an empty set. */
    public FuturesUnordered() {
    }

    /**
     * Adds {@code future} to the set, which owns it from now on (it is cancelled with the set).
     * It is not polled here: the set's next poll polls it first, so push from the task that
     * polls the set, and poll the set after pushing. A member that is ready at once still waits
     * for that poll.
     *
     * @param future the future to run
     * @throws IllegalArgumentException if {@code future} is null
     * @throws IllegalStateException if the set failed or was cancelled
     */
    public void push(Future<? extends T> future) {
        Args.notNull(future, "future");
        if (finished) {
            throw new IllegalStateException("push on a FuturesUnordered that failed or was cancelled");
        }
        Slot<T> s = new Slot<>(this, future, live.size());
        live.add(s);
        synchronized (ready) {
            ready.add(s); // queued is true from the start: polled at the next poll
        }
    }

    /** {@return how many members are running (pushed and not yet completed)} */
    public int len() {
        return live.size();
    }

    /** {@return whether no member is running} */
    public boolean isEmpty() {
        return live.isEmpty();
    }

    /**
     * Polls the members that were woken (and those pushed since the last poll), in the order
     * they woke, until one completes.
     *
     * @param cx the task's context; woken when a member's waker fires
     * @return the output of the member that completed, its failure (terminal),
     *         {@link Stream#end()} when the set is empty, or pending
     * @throws IllegalStateException if the set failed or was cancelled
     */
    @Override
    public Poll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("FuturesUnordered polled after it failed or was cancelled");
        }
        task = cx.waker(); // volatile write before draining: see the notes
        int budget = live.size();
        if (budget == 0) {
            return Stream.end();
        }
        for (int polled = 0; ; polled++) {
            Slot<T> s;
            synchronized (ready) {
                if (polled == budget && !ready.isEmpty()) {
                    cx.waker().wake(); // yield: more members are ready, poll them next turn
                    return Poll.pending();
                }
                s = ready.poll();
            }
            if (s == null) {
                return Poll.pending();
            }
            Future<? extends T> f = s.future;
            if (f == null) {
                continue; // stale entry of a member that completed
            }
            QUEUED.setVolatile(s, false); // before the poll: a wake from now on queues it again
            Poll<? extends T> p;
            try {
                p = f.poll(s);
            } catch (RuntimeException | Error e) {
                p = Poll.failed(e);
            }
            switch (p) {
                case Poll.Pending<? extends T> pending -> { }
                case Poll.Ready<? extends T> r -> {
                    remove(s);
                    if (r.value() == null) {
                        return fail(new NullPointerException(
                                "FuturesUnordered: a member completed with null (items must not be null)"));
                    }
                    return Poll.ready(r.value());
                }
                case Poll.Failed<? extends T> failed -> {
                    remove(s);
                    return fail(failed.error());
                }
            }
        }
    }

    /** Takes a completed member out of {@code live}; its late wakes become no-ops. */
    private void remove(Slot<T> s) {
        QUEUED.setVolatile(s, true); // pairs with the CAS in Slot.wake(): later wakes do nothing
        s.future = null;
        Slot<T> last = live.removeLast();
        if (last != s) {
            live.set(s.index, last);
            last.index = s.index;
        }
    }

    private Poll<T> fail(Throwable error) {
        try {
            cancelMembers();
        } catch (RuntimeException | Error e) {
            error.addSuppressed(e);
        }
        return Poll.failed(error);
    }

    /**
     * Cancels every running member, exactly once each, and finishes the set. A member's
     * {@code cancel()} that throws does not keep the others from being cancelled; the first such
     * exception is rethrown at the end.
     */
    @Override
    public void cancel() {
        if (!finished) {
            cancelMembers();
        }
    }

    private void cancelMembers() {
        finished = true;
        task = null;
        synchronized (ready) {
            ready.clear();
        }
        Future<?>[] members = new Future<?>[live.size()];
        for (int i = 0; i < members.length; i++) {
            Slot<T> s = live.get(i);
            QUEUED.setVolatile(s, true); // later wakes of a cancelled member do nothing
            members[i] = s.future;
            s.future = null;
        }
        live.clear();
        Children.cancelAll(members);
    }

    @Override
    public String toString() {
        return "FuturesUnordered[len=" + live.size() + (finished ? ", finished]" : "]");
    }

    /** A member: its future, and the waker (and context) it is polled with. */
    private static final class Slot<T> implements Waker, Context {
        private final FuturesUnordered<T> set;
        Future<? extends T> future; // owner only; null once completed or cancelled
        int index;                  // owner only: position in live
        @SuppressWarnings("unused") // accessed through QUEUED
        private volatile boolean queued = true;

        Slot(FuturesUnordered<T> set, Future<? extends T> future, int index) {
            this.set = set;
            this.future = future;
            this.index = index;
        }

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public void wake() {
            // CAS: only one waker of a run enqueues; pairs with the owner's setVolatile(false)
            if (!QUEUED.compareAndSet(this, false, true)) {
                return;
            }
            synchronized (set.ready) {
                set.ready.add(this);
            }
            Waker w = set.task; // volatile read after the enqueue: see the notes
            if (w != null) {
                w.wake();
            }
        }
    }
}
