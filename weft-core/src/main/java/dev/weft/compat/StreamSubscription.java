package dev.weft.compat;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import dev.weft.future.internal.Sneaky;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Flow;

/**
 * One subscriber of a publisher made from a {@link Stream}: its {@link Flow.Subscription}, and
 * the task that drives the stream ({@link #task()}, a future spawned on the publisher's runtime;
 * a separate object because {@code Future.cancel()} and {@code Subscription.cancel()} mean
 * different things).
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Signals.</b> Every signal to the subscriber — {@code onSubscribe} first, then
 *     {@code onNext}, {@code onComplete}, {@code onError} — is made by the task's poll, and a
 *     task is polled by one thread at a time with each poll happening-before the next, so the
 *     signals are serial (rule 1.3) without a lock.</li>
 * <li><b>Demand.</b> {@code request(n)} (any thread, also from inside {@code onNext}) adds to
 *     {@code demand} with a CAS, capped at {@code Long.MAX_VALUE}, which means unbounded (rule
 *     3.17), and wakes the task only when demand was zero — the only time the task waits for it.
 *     It never calls the subscriber, so request and onNext cannot recurse (rule 3.3). Only the
 *     task decrements demand, once per {@code onNext}.</li>
 * <li><b>One item ahead.</b> The task polls the stream for the next item before there is demand
 *     for it, and holds at most that one item ({@code lookahead}). So the end or a failure of
 *     the stream reaches the subscriber without demand (rules 1.4, 1.5), and an item is ready
 *     the moment demand comes. No item is ever signalled beyond demand (rule 1.1).</li>
 * <li><b>No lost wake-up.</b> The poll writes {@code waker} (volatile) and then reads
 *     {@code demand} and {@code flags}; {@code request} and {@code cancel} write those (CAS)
 *     and then read {@code waker}. One side always sees the other.</li>
 * <li><b>Cancel and bad requests</b> set a flag and wake the task, which cancels the stream on
 *     its own thread (streams need not be thread-safe), signals {@code onError} for a bad
 *     request (rule 3.9), and drops the subscriber, the stream and the item it held (rule
 *     3.13).</li>
 * </ul>
 *
 * @param <T> the type of the items
 */
final class StreamSubscription<T> implements Flow.Subscription {
    /** Items signalled per poll before the task yields to the others (cooperative fairness). */
    static final int ITEMS_PER_POLL = 128;
    private static final int CANCELLED = 1;
    private static final int BAD_REQUEST = 2;
    private static final VarHandle DEMAND;
    private static final VarHandle FLAGS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DEMAND = l.findVarHandle(StreamSubscription.class, "demand", long.class);
            FLAGS = l.findVarHandle(StreamSubscription.class, "flags", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ---- shared with the threads that call request/cancel -----------------------------------
    @SuppressWarnings("unused") // accessed through DEMAND
    private volatile long demand;
    @SuppressWarnings("unused") // accessed through FLAGS
    private volatile int flags;
    /** The first non-positive request, for the onError message; written before BAD_REQUEST is set. */
    private volatile long badRequest;
    /** The driving task's waker; null before the first poll and after the end. */
    private volatile Waker waker;

    // ---- the task's own (polled by one thread at a time) ------------------------------------
    private Flow.Subscriber<? super T> subscriber; // null once terminated
    private Stream<? extends T> stream;            // null once ended, failed or cancelled
    private T lookahead;                           // the item polled ahead of demand, or null
    private boolean subscribed;

    StreamSubscription(Flow.Subscriber<? super T> subscriber, Stream<? extends T> stream) {
        this.subscriber = subscriber;
        this.stream = stream;
    }

    /** @return the future to spawn: it signals the subscriber and drives the stream */
    Future<Void> task() {
        return new Future<>() {
            @Override
            public Poll<Void> poll(Context cx) {
                return drive(cx);
            }

            @Override
            public void cancel() {
                taskCancelled();
            }
        };
    }

    // ---- Flow.Subscription: any thread -------------------------------------------------------

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = n; // volatile write before the flag: the task reads it after the flag
            raise(BAD_REQUEST);
            return;
        }
        if (((int) FLAGS.getVolatile(this) & CANCELLED) != 0) { // volatile: pairs with raise(); same-thread cancel() is seen
            return; // rule 3.6: after cancel, request is a no-op (a task mid-poll must not find new demand)
        }
        for (;;) {
            long d = (long) DEMAND.getVolatile(this); // volatile: pairs with the task's decrement
            long next = d + n < 0 ? Long.MAX_VALUE : d + n; // overflow: unbounded (rule 3.17)
            if (DEMAND.compareAndSet(this, d, next)) { // volatile CAS, then read waker: pairs with poll()
                if (d == 0) {
                    wakeTask();
                }
                return;
            }
        }
    }

    @Override
    public void cancel() {
        raise(CANCELLED);
    }

    private void raise(int flag) {
        int before = (int) FLAGS.getAndBitwiseOr(this, flag); // volatile, then read waker: pairs with poll()
        if ((before & flag) == 0) {
            wakeTask();
        }
    }

    private void wakeTask() {
        Waker w = waker; // volatile read after the write to demand or flags: see class notes
        if (w != null) {
            w.wake();
        }
    }

    // ---- the task ----------------------------------------------------------------------------

    private Poll<Void> drive(Context cx) {
        waker = cx.waker(); // volatile write, then read demand and flags: pairs with request/cancel
        if (!subscribed) {
            subscribed = true;
            try {
                subscriber.onSubscribe(this);
            } catch (Throwable t) { // rule 2.13 broken: consider the subscription cancelled, report
                return abandon(t);
            }
        }
        for (int sent = 0; sent < ITEMS_PER_POLL; sent++) {
            int f = (int) FLAGS.getVolatile(this); // volatile: pairs with raise()
            if ((f & CANCELLED) != 0) {
                return abandon(null);
            }
            if ((f & BAD_REQUEST) != 0) {
                cancelStream();
                return terminate(new IllegalArgumentException(
                        "rule 3.9: request(n) needs n > 0, got " + badRequest));
            }
            if (lookahead == null) {
                Poll<? extends T> p = pollStream(cx);
                switch (p) {
                    case Poll.Pending<? extends T> pending -> {
                        return Poll.pending(); // the stream wakes the task
                    }
                    case Poll.Failed<? extends T> failed -> {
                        stream = null;
                        return terminate(failed.error());
                    }
                    case Poll.Ready<? extends T> r when Stream.isEnd(r) -> {
                        stream = null;
                        return terminate(null);
                    }
                    case Poll.Ready<? extends T> r -> lookahead = r.value();
                }
            }
            if ((long) DEMAND.getVolatile(this) == 0) { // volatile: read after the waker was written
                return Poll.pending(); // request() wakes the task when demand comes
            }
            decrementDemand();
            T item = lookahead;
            lookahead = null;
            try {
                subscriber.onNext(item);
            } catch (Throwable t) { // rule 2.13 broken: consider the subscription cancelled, report
                return abandon(t);
            }
        }
        cx.waker().wake(); // yield: let the runtime's other tasks run, then go on
        return Poll.pending();
    }

    private Poll<? extends T> pollStream(Context cx) {
        Poll<? extends T> p;
        try {
            p = stream.pollNext(cx);
        } catch (RuntimeException | Error e) {
            return Poll.failed(e); // an exception escaping pollNext is the stream's failure
        }
        if (p == null) {
            return Poll.failed(new NullPointerException("the stream's pollNext returned null"));
        }
        if (p instanceof Poll.Ready<? extends T> r && !Stream.isEnd(r) && r.value() == null) {
            return Poll.failed(new NullPointerException("the stream produced a null item (rule 2.13)"));
        }
        return p;
    }

    private void decrementDemand() {
        for (;;) {
            long d = (long) DEMAND.getVolatile(this); // volatile: pairs with request()'s CAS
            if (d == Long.MAX_VALUE || DEMAND.compareAndSet(this, d, d - 1)) { // MAX: unbounded, never spent
                return;
            }
        }
    }

    private void cancelStream() {
        Stream<? extends T> st = stream;
        stream = null;
        if (st != null) {
            st.cancel();
        }
    }

    /** Ends with onComplete ({@code error == null}) or onError, and drops every reference. */
    private Poll<Void> terminate(Throwable error) {
        Flow.Subscriber<? super T> s = subscriber;
        release();
        try {
            if (error == null) {
                s.onComplete();
            } else {
                s.onError(error);
            }
        } catch (Throwable t) { // rule 2.13 broken by the subscriber: report it as the task's failure
            return Poll.failed(t);
        }
        return Poll.ready(null);
    }

    /**
     * Stops without a signal: the subscriber cancelled, or broke rule 2.13 by throwing
     * ({@code thrown}, then reported as the task's failure, so the runtime's uncaught-failure
     * handler sees it).
     */
    private Poll<Void> abandon(Throwable thrown) {
        cancelStream();
        release();
        return thrown == null ? Poll.ready(null) : Poll.failed(thrown);
    }

    private void release() {
        subscriber = null;
        lookahead = null;
        waker = null; // volatile: a late request() finds no task to wake
    }

    /**
     * The task was cancelled before the stream ended: its runtime shut down. The stream is
     * cancelled and the subscriber told with {@code onError} (a publisher that stops must say so).
     */
    private void taskCancelled() {
        cancelStream();
        int flags = (int) FLAGS.getVolatile(this); // volatile: pairs with raise()
        if (subscriber != null && (flags & CANCELLED) == 0) { // a subscriber that cancelled hears nothing more
            if (!subscribed) { // cancelled before its first poll: onSubscribe still comes first (rule 1.9)
                subscribed = true;
                subscriber.onSubscribe(this);
            }
            Poll<Void> p = terminate(new CancelledException("the Weft runtime driving this publisher shut down"));
            if (p instanceof Poll.Failed<Void> f) {
                throw Sneaky.rethrow(f.error()); // the runtime reports an exception from cancel()
            }
        }
        release();
    }
}
