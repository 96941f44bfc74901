package dev.weft.signal;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Coop;

/**
 * A future that completes when its signal arrives: {@link Signals#ctrlC()},
 * {@link Signals#terminate()}. It listens from its first poll until it completes or is
 * cancelled; while it listens, the signal does not do what it did before (on the JVM: start
 * the shutdown and exit). See {@link Signals} for the precise rules.
 *
 * <p>Any thread and any executor may poll it: it needs no runtime. Like every future it
 * belongs to one task at a time.
 *
 * {@snippet :
 * Signals.ctrlC().await();
 * System.out.println("shutting down");
 * }
 */
public final class SignalFuture implements UncheckedFuture<Void> {
    private final SignalHub hub;
    private long start;
    private boolean listening;
    private boolean done;

    SignalFuture(SignalHub hub) {
        this.hub = hub;
    }

    /**
     * Completes if the signal arrived since the first poll; the first poll starts listening
     * (installing the handler if no other future listens) and is always pending.
     *
     * @param cx the task's context
     * @return ready, pending, or failed with {@link UnsupportedOperationException} if the
     *     handler cannot be installed
     */
    @Override
    public Poll<Void> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("signal future polled after it completed");
        }
        if (!listening) {
            try {
                start = hub.listen(this, cx.waker());
            } catch (UnsupportedOperationException e) {
                done = true;
                return Poll.failed(e);
            }
            listening = true;
            return Poll.pending();
        }
        if (!Coop.proceed(cx) || !hub.poll(this, start, cx.waker())) {
            return Poll.pending();
        }
        done = true;
        return Poll.ready(null);
    }

    /**
     * Waits for the signal.
     *
     * <p><b>Cancel safety:</b> safe: cancelling stops listening (restoring the previous
     * handler if no other future listens); a signal that arrives after is not counted for it.
     *
     * @return {@code null}
     * @throws UnsupportedOperationException if the handler cannot be installed
     */
    @Override
    public Void await() {
        return Await.await(this);
    }

    /** Stops listening; the last listener restores the handler it replaced. */
    @Override
    public void cancel() {
        if (listening && !done) {
            hub.leave(this);
        }
        done = true;
    }

    @Override
    public String toString() {
        return "SignalFuture[" + hub + (done ? ", done]" : listening ? ", listening]" : "]");
    }
}
