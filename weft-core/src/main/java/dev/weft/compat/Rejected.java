package dev.weft.compat;

import java.util.concurrent.Flow;

/**
 * A subscription that was refused at {@code subscribe}: the subscriber gets {@code onSubscribe}
 * with this (inert) subscription, then {@code onError} (rule 1.9), on the subscribing thread.
 */
final class Rejected implements Flow.Subscription {
    static final Rejected INSTANCE = new Rejected();

    private Rejected() {
    }

    /**
     * Signals {@code onSubscribe} then {@code onError(error)}. {@code subscribe} must return
     * normally (rule 1.9), so an exception thrown by the subscriber (which breaks rule 2.13) goes
     * to the thread's uncaught-exception handler instead.
     */
    static void reject(Flow.Subscriber<?> subscriber, Throwable error) {
        try {
            subscriber.onSubscribe(INSTANCE);
            subscriber.onError(error);
        } catch (Throwable t) {
            Thread th = Thread.currentThread();
            th.getUncaughtExceptionHandler().uncaughtException(th, t);
        }
    }

    @Override
    public void request(long n) {
        // nothing will come: the subscriber was told with onError
    }

    @Override
    public void cancel() {
    }
}
