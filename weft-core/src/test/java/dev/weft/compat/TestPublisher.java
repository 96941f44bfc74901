package dev.weft.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * A publisher the test drives by hand: {@link #next}, {@link #complete} and {@link #error} signal
 * the subscriber on the calling thread. Records subscribes, requests and cancels. With
 * {@code deferOnSubscribe} it keeps the subscriber and signals onSubscribe only when told
 * ({@link #sendOnSubscribe}). Thread-safe for the counters; signals are the caller's to order.
 */
final class TestPublisher<T> implements Flow.Publisher<T> {
    private final boolean deferOnSubscribe;
    private final List<Long> requests = new ArrayList<>();
    private volatile Flow.Subscriber<? super T> subscriber;
    private int subscribes;
    private int cancels;
    /** Thrown from the next request(n), once, if set (a publisher breaking rule 3.16). */
    volatile RuntimeException throwOnRequest;

    TestPublisher(boolean deferOnSubscribe) {
        this.deferOnSubscribe = deferOnSubscribe;
    }

    TestPublisher() {
        this(false);
    }

    final Flow.Subscription subscription = new Flow.Subscription() {
        @Override
        public void request(long n) {
            synchronized (TestPublisher.this) {
                requests.add(n);
            }
            RuntimeException e = throwOnRequest;
            if (e != null) {
                throwOnRequest = null;
                throw e;
            }
        }

        @Override
        public void cancel() {
            synchronized (TestPublisher.this) {
                cancels++;
            }
        }
    };

    @Override
    public void subscribe(Flow.Subscriber<? super T> s) {
        synchronized (this) {
            subscribes++;
        }
        subscriber = s;
        if (!deferOnSubscribe) {
            s.onSubscribe(subscription);
        }
    }

    void sendOnSubscribe() {
        subscriber.onSubscribe(subscription);
    }

    Flow.Subscriber<? super T> subscriber() {
        return subscriber;
    }

    @SafeVarargs
    final void next(T... items) {
        for (T item : items) {
            subscriber.onNext(item);
        }
    }

    void complete() {
        subscriber.onComplete();
    }

    void error(Throwable e) {
        subscriber.onError(e);
    }

    synchronized int subscribes() {
        return subscribes;
    }

    synchronized List<Long> requests() {
        return List.copyOf(requests);
    }

    synchronized long requested() {
        return requests.stream().mapToLong(Long::longValue).sum();
    }

    synchronized int cancels() {
        return cancels;
    }
}
