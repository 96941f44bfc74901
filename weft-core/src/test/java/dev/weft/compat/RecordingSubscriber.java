package dev.weft.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A subscriber that records every signal and every breach of the rules it can see: a signal
 * while another is in progress (1.3), a signal before onSubscribe or after a terminal one (1.7,
 * 1.9), more items than requested (1.1). {@link #done} completes at onComplete or onError.
 * Thread-safe.
 */
final class RecordingSubscriber<T> implements Flow.Subscriber<T> {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final long requestAtSubscribe;
    private final List<T> items = new ArrayList<>();
    private final List<String> breaches = new ArrayList<>();
    private final AtomicInteger inSignal = new AtomicInteger();
    private volatile Flow.Subscription subscription;
    private Throwable error;
    private boolean completed;
    private long requested;
    /** Called in onNext after recording the item, with the subscription. */
    volatile BiConsumer<Flow.Subscription, T> onNextHook = (s, item) -> { };

    RecordingSubscriber(long requestAtSubscribe) {
        this.requestAtSubscribe = requestAtSubscribe;
    }

    private void enter(String signal) {
        if (inSignal.getAndIncrement() != 0) {
            breach(signal + " while another signal was in progress (1.3)");
        }
        synchronized (this) {
            if (completed || error != null) {
                breaches.add(signal + " after a terminal signal (1.7)");
            }
            if (subscription == null && !signal.equals("onSubscribe")) {
                breaches.add(signal + " before onSubscribe (1.9)");
            }
        }
    }

    private void leave() {
        inSignal.decrementAndGet();
    }

    private synchronized void breach(String what) {
        breaches.add(what);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        enter("onSubscribe");
        try {
            synchronized (this) {
                if (subscription != null) {
                    breaches.add("a second onSubscribe");
                }
            }
            subscription = s;
            if (requestAtSubscribe > 0) {
                request(requestAtSubscribe);
            }
        } finally {
            leave();
        }
    }

    @Override
    public void onNext(T item) {
        enter("onNext");
        try {
            synchronized (this) {
                items.add(item);
                if (requested != Long.MAX_VALUE && items.size() > requested) {
                    breaches.add("item " + items.size() + " beyond the demand of " + requested + " (1.1)");
                }
            }
            onNextHook.accept(subscription, item);
        } finally {
            leave();
        }
    }

    @Override
    public void onError(Throwable t) {
        enter("onError");
        synchronized (this) {
            error = t;
        }
        leave();
        done.complete(null);
    }

    @Override
    public void onComplete() {
        enter("onComplete");
        synchronized (this) {
            completed = true;
        }
        leave();
        done.complete(null);
    }

    /** Requests through the subscription, counting the demand (saturating). */
    void request(long n) {
        synchronized (this) {
            if (n > 0) {
                requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
            }
        }
        subscription.request(n);
    }

    void cancel() {
        subscription.cancel();
    }

    Flow.Subscription subscription() {
        return subscription;
    }

    synchronized List<T> items() {
        return List.copyOf(items);
    }

    synchronized Throwable error() {
        return error;
    }

    synchronized boolean completed() {
        return completed;
    }

    synchronized void assertNoBreach() {
        assertEquals(List.of(), breaches, "rule breaches seen by the subscriber");
    }
}
