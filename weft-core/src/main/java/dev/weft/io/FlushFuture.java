package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;

/** {@link AsyncWrite#flush} and {@link AsyncWrite#shutdown}: both can be started again after a cancel. */
final class FlushFuture implements IoFuture<Void> {
    private AsyncWrite dst; // null once completed or cancelled
    private final boolean shutdown;

    FlushFuture(AsyncWrite dst, boolean shutdown) {
        this.dst = dst;
        this.shutdown = shutdown;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        AsyncWrite d = dst;
        if (d == null) {
            throw new IllegalStateException((shutdown ? "shutdown" : "flush")
                    + " future polled after it completed or was cancelled");
        }
        boolean done;
        try {
            done = shutdown ? d.pollShutdown(cx) : d.pollFlush(cx);
        } catch (IOException e) {
            dst = null;
            return Poll.failed(e);
        }
        if (!done) {
            return Poll.pending();
        }
        dst = null;
        return Poll.ready(null);
    }

    @Override
    public void cancel() {
        dst = null;
    }
}
