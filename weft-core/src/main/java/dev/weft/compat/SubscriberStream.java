package dev.weft.compat;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.Waker;
import dev.weft.future.internal.Coop;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * {@link Flows#fromPublisher}: a {@link Flow.Subscriber} that is a {@link Stream} of what it
 * receives, with a bounded buffer and demand in batches.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Buffer.</b> A single-producer single-consumer ring. The producer is the publisher's
 *     {@code onNext} (serial by rule 1.3, so one producer at a time, each call happening-before
 *     the next); the consumer is the task polling the stream. The producer writes the slot, then
 *     publishes {@code tail} (volatile); the consumer reads {@code tail}, takes and clears the
 *     slot, then publishes {@code head} (volatile), which frees the slot for the producer.</li>
 * <li><b>Demand.</b> {@code capacity} is requested in {@code onSubscribe}; every {@code limit}
 *     items the consumer takes (three quarters of the capacity, Reactor's {@code limitRate}),
 *     it requests that many again. So requested-but-not-received plus buffered items never
 *     exceed {@code capacity}: a publisher that keeps rule 1.1 can never overflow the ring, and
 *     one that does not fails the stream with {@link IllegalStateException}.</li>
 * <li><b>Calls on the subscription are serial</b> (rule 2.7), although {@code onSubscribe}
 *     (publisher's thread), the consumer's top-ups and {@code cancel()} (the consumer's thread)
 *     may overlap: each one adds its request to {@code pendingRequest} or sets
 *     {@code cancelRequested}, then whoever moves {@code wip} from 0 makes the calls for all,
 *     looping while others arrived (the usual "drain" of Reactive Streams libraries).</li>
 * <li><b>No lost wake-up.</b> A pending poll writes {@code waker} (volatile), then re-reads
 *     {@code tail} and {@code terminal}; the producer writes {@code tail} or {@code terminal}
 *     (volatile), then reads {@code waker}. One side always sees the other, and the newest
 *     waker is the one woken.</li>
 * <li><b>Terminal signals</b> come after the last {@code onNext} (rule 1.3), so once the
 *     consumer sees {@code terminal} it drains what {@code tail} shows and then ends.</li>
 * </ul>
 *
 * @param <T> the type of the items
 */
final class SubscriberStream<T> implements Stream<T>, Flow.Subscriber<T> {
    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle TERMINAL;
    private static final VarHandle SUBSCRIPTION;
    private static final VarHandle WIP;
    private static final VarHandle PENDING_REQUEST;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(SubscriberStream.class, "tail", long.class);
            HEAD = l.findVarHandle(SubscriberStream.class, "head", long.class);
            TERMINAL = l.findVarHandle(SubscriberStream.class, "terminal", Object.class);
            SUBSCRIPTION = l.findVarHandle(SubscriberStream.class, "subscription", Flow.Subscription.class);
            WIP = l.findVarHandle(SubscriberStream.class, "wip", int.class);
            PENDING_REQUEST = l.findVarHandle(SubscriberStream.class, "pendingRequest", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final Object COMPLETED = new Object();

    private final Flow.Publisher<? extends T> publisher; // subscribed at the first poll; null if subscribed by hand
    private final int capacity;
    private final int limit;
    private final Object[] ring;
    private final int mask;

    // ---- producer side (the publisher's signals) --------------------------------------------
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;
    /** null while running, then {@link #COMPLETED} or the failure; set once, by CAS. */
    @SuppressWarnings("unused") // accessed through TERMINAL
    private volatile Object terminal;
    /** Set once the consumer cancelled: the producer drops what still arrives. */
    private volatile boolean cancelled;

    // ---- consumer side (the polling task) ----------------------------------------------------
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    private volatile Waker waker;
    private boolean started;           // subscribed (first poll)
    private boolean finished;          // returned the end or a failure, or was cancelled
    private int consumed;              // taken since the last top-up request

    // ---- calls on the subscription (serialised by wip) ---------------------------------------
    @SuppressWarnings("unused") // accessed through SUBSCRIPTION
    private volatile Flow.Subscription subscription;
    @SuppressWarnings("unused") // accessed through WIP
    private volatile int wip;
    @SuppressWarnings("unused") // accessed through PENDING_REQUEST
    private volatile long pendingRequest;
    private volatile boolean cancelRequested;
    private boolean cancelSent;        // touched only by the thread that holds wip

    SubscriberStream(Flow.Publisher<? extends T> publisher, int capacity) {
        this.publisher = publisher;
        this.capacity = capacity;
        this.limit = Math.max(1, capacity - (capacity >> 2));
        this.ring = new Object[Integer.highestOneBit(Math.max(1, capacity - 1)) << 1]; // a power of two >= capacity
        this.mask = ring.length - 1;
    }

    // ---- Flow.Subscriber: the publisher's threads, one signal at a time ----------------------

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "subscription must not be null (rule 2.13)");
        if (!SUBSCRIPTION.compareAndSet(this, null, s)) { // volatile CAS: the first subscription wins
            s.cancel(); // rule 2.5: a second subscription is cancelled
            return;
        }
        request(capacity); // also sends a cancel that was asked for before the subscription came
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "item must not be null (rule 2.13)");
        if (cancelled || TERMINAL.getVolatile(this) != null) { // volatile: pairs with cancel() and terminate()
            return; // rule 2.8: items may still come after cancel; they are dropped
        }
        long t = (long) TAIL.getOpaque(this); // opaque: only this (serial) producer writes tail
        if (t - (long) HEAD.getAcquire(this) >= capacity) { // acquire: pairs with the consumer's release of head
            terminate(new IllegalStateException("the publisher sent more items than requested (rule 1.1)"));
            cancelUpstream();
            return;
        }
        ring[(int) t & mask] = item; // plain: published by the volatile write of tail below
        TAIL.setVolatile(this, t + 1); // volatile write, then read waker: pairs with pollNext()
        wakeConsumer();
    }

    @Override
    public void onError(Throwable throwable) {
        Objects.requireNonNull(throwable, "throwable must not be null (rule 2.13)");
        terminate(throwable);
    }

    @Override
    public void onComplete() {
        terminate(COMPLETED);
    }

    /**
     * Records the end ({@link #COMPLETED}) or a failure, once: the publisher's terminal signal,
     * or a protocol failure found by this subscriber (on the producer's or the consumer's thread).
     */
    private void terminate(Object outcome) {
        if (TERMINAL.compareAndSet(this, null, outcome)) { // volatile CAS, then read waker: pairs with pollNext()
            wakeConsumer();
        }
    }

    private void wakeConsumer() {
        Waker w = waker; // volatile read after the volatile write of tail or terminal: see class notes
        if (w != null) {
            w.wake();
        }
    }

    // ---- Stream: the consumer ----------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked") // every slot holds a T (onNext)
    public Poll<T> pollNext(Context cx) {
        if (finished) {
            throw new IllegalStateException("stream polled after it ended, failed or was cancelled");
        }
        if (!started) {
            started = true;
            if (publisher != null) {
                try {
                    publisher.subscribe(this);
                } catch (RuntimeException e) { // subscribe must return normally (rule 1.9)
                    terminate(e);
                }
            }
        }
        for (int attempt = 0; ; attempt++) {
            long h = (long) HEAD.getOpaque(this); // opaque: only this consumer writes head
            // volatile: pairs with the producer's volatile write of tail (and its read of waker)
            if (h < (long) TAIL.getVolatile(this)) {
                if (!Coop.proceed(cx)) {
                    return Poll.pending(); // budget spent: the task is re-woken
                }
                int i = (int) h & mask;
                T item = (T) ring[i];
                ring[i] = null;
                HEAD.setRelease(this, h + 1); // release: the slot is free for the producer (its acquire)
                if (waker != null) { // volatile read: the poll is not pending, so nobody needs waking
                    waker = null;
                }
                if (++consumed == limit) {
                    consumed = 0;
                    request(limit);
                }
                return Poll.ready(item);
            }
            Object end = TERMINAL.getVolatile(this); // volatile: set after the last write of tail
            if (end != null) {
                if (h < (long) TAIL.getVolatile(this)) {
                    continue; // items came before the terminal signal: deliver them first
                }
                finished = true;
                waker = null;
                return end == COMPLETED ? Stream.end() : Poll.failed((Throwable) end);
            }
            if (attempt > 0) {
                return Poll.pending();
            }
            waker = cx.waker(); // volatile write, then re-read tail and terminal: pairs with the producer
        }
    }

    /**
     * Drops the stream: cancels the subscription (now, or as soon as it arrives), and forgets
     * buffered items. Called by the owner, serially with the polls.
     */
    @Override
    public void cancel() {
        finished = true;
        cancelled = true; // volatile: the producer drops items from now on
        waker = null;
        cancelUpstream();
        Arrays.fill(ring, null); // a racing onNext may still store one item; it dies with the stream
    }

    // ---- calls on the subscription, serialised ----------------------------------------------

    private void request(long n) {
        for (;;) {
            long p = (long) PENDING_REQUEST.getVolatile(this); // volatile: pairs with drain()'s getAndSet
            long next = p + n < 0 ? Long.MAX_VALUE : p + n;
            if (PENDING_REQUEST.compareAndSet(this, p, next)) {
                break;
            }
        }
        drainUpstream();
    }

    private void cancelUpstream() {
        cancelRequested = true; // volatile: read by the thread that holds wip
        drainUpstream();
    }

    /** Makes the pending calls on the subscription, one thread at a time (rule 2.7). */
    private void drainUpstream() {
        if ((int) WIP.getAndAdd(this, 1) != 0) { // volatile: the holder loops and sees our request
            return;
        }
        int missed = 1;
        for (;;) {
            // volatile: pairs with onSubscribe's CAS
            Flow.Subscription s = (Flow.Subscription) SUBSCRIPTION.getVolatile(this);
            if (s != null && !cancelSent) {
                try {
                    if (cancelRequested) {
                        cancelSent = true;
                        s.cancel();
                    } else {
                        long n = (long) PENDING_REQUEST.getAndSet(this, 0L); // volatile: takes every request so far
                        if (n > 0) {
                            s.request(n);
                        }
                    }
                } catch (RuntimeException e) { // rules 3.15, 3.16 broken by the publisher
                    cancelSent = true;
                    terminate(e);
                }
            }
            missed = (int) WIP.getAndAdd(this, -missed) - missed; // volatile: releases wip, sees newcomers
            if (missed == 0) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "SubscriberStream[capacity=" + capacity + ", buffered=" + ((long) TAIL.getVolatile(this)
                - (long) HEAD.getVolatile(this)) + (finished ? ", finished" : "") + "]";
    }
}
