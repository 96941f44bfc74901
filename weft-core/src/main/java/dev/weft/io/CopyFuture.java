package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import java.io.IOException;

/** {@link Io#copy}: one direction, flushed at the end, not shut down. */
final class CopyFuture implements IoFuture<Long> {
    private final AsyncRead reader;
    private final AsyncWrite writer;
    private CopyBuffer copy; // null once completed or cancelled

    CopyFuture(AsyncRead reader, AsyncWrite writer) {
        this.reader = reader;
        this.writer = writer;
        this.copy = new CopyBuffer(reader);
    }

    @Override
    public Poll<Long> poll(Context cx) {
        CopyBuffer c = copy;
        if (c == null) {
            throw new IllegalStateException("copy future polled after it completed or was cancelled");
        }
        try {
            if (!c.poll(cx, reader, writer)) {
                return Poll.pending();
            }
        } catch (IOException e) {
            copy = null;
            return Poll.failed(e);
        }
        copy = null;
        return Poll.ready(c.amount());
    }

    @Override
    public void cancel() {
        copy = null;
    }
}
