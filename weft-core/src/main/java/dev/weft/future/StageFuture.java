package dev.weft.future;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * {@link Futures#from}: a {@link CompletionStage} seen as a Weft future.
 *
 * <p>Implementation notes. The stage's callback is registered at the first poll and may run
 * on any thread (or at once, inside {@code whenComplete}, if the stage is already complete).
 * It writes {@code result}, then reads {@code waker}; a pending poll writes {@code waker}, then
 * re-reads {@code result}. Both pairs are volatile, so at least one side sees the other: either
 * the callback wakes the newest waker or the poll finds the result (no lost wake-up). The other
 * fields belong to the polling task (polled by one thread at a time).
 *
 * @param <T> the value type
 */
final class StageFuture<T> implements Future<T>, BiConsumer<T, Throwable> {
    private final CompletionStage<T> stage;
    private volatile Poll<T> result;   // written once by the callback
    private volatile Waker waker;      // the newest poller's waker, null once done
    private boolean subscribed;
    private boolean finished;          // returned a result or was cancelled

    StageFuture(CompletionStage<T> stage) {
        this.stage = stage;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("Futures.from(stage) polled after it completed or was cancelled");
        }
        if (!subscribed) {
            subscribed = true;
            stage.whenComplete(this); // may call accept() right here if the stage is complete
        }
        Poll<T> r = result; // volatile read: pairs with the write in accept()
        if (r == null) {
            waker = cx.waker(); // volatile write, then re-read result: pairs with accept()
            r = result;
            if (r == null) {
                return Poll.pending();
            }
        }
        finished = true;
        waker = null;
        return r;
    }

    /** The stage's callback: stores the outcome, then wakes the newest poller. Any thread. */
    @Override
    public void accept(T value, Throwable error) {
        result = error == null ? Poll.ready(value) : Poll.failed(unwrap(error)); // volatile write, then read waker
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    /**
     * Cancels the stage where it can ({@code toCompletableFuture().cancel(false)}); a stage that
     * cannot be turned into a {@code CompletableFuture} is left running, and its outcome ignored.
     */
    @Override
    public void cancel() {
        finished = true;
        waker = null;
        CompletableFuture<T> cf;
        try {
            cf = stage.toCompletableFuture();
        } catch (UnsupportedOperationException e) {
            return; // a stage that refuses conversion cannot be cancelled: leave it
        }
        cf.cancel(false);
    }

    /** A dependent stage reports its source's failure wrapped in CompletionException: unwrap it. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
