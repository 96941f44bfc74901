package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.internal.Coop;
import dev.weft.io.internal.IoChecks;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One direction of a copy (Tokio's {@code CopyBuffer}): read into a buffer, write it all out,
 * repeat; at the end of the reader, flush the writer. A reader that is an {@link AsyncBufRead}
 * is copied from its own buffer, with no second one.
 *
 * <p>When the reader is pending and bytes were written since the last flush, the writer is
 * flushed, so data does not wait in a buffering writer while the source is quiet. Each round
 * asks the cooperative budget, so a reader and a writer that are always ready still let other
 * tasks run.
 */
final class CopyBuffer {
    static final int SIZE = 8 * 1024;

    private final ByteBuffer buf; // null when the reader is an AsyncBufRead
    private int pos; // buf[pos .. cap) is read and not yet written
    private int cap;
    private boolean readDone;
    private boolean needFlush;
    private long amount;

    CopyBuffer(AsyncRead reader) {
        this.buf = reader instanceof AsyncBufRead ? null : ByteBuffer.allocate(SIZE);
    }

    long amount() {
        return amount;
    }

    /** @return true when the reader ended and the writer was flushed; false if pending */
    boolean poll(Context cx, AsyncRead reader, AsyncWrite writer) throws IOException {
        return buf == null ? pollBuffered(cx, (AsyncBufRead) reader, writer) : pollCopy(cx, reader, writer);
    }

    private boolean pollCopy(Context cx, AsyncRead reader, AsyncWrite writer) throws IOException {
        for (;;) {
            if (!Coop.proceed(cx)) {
                return false; // budget spent: the task is already re-woken
            }
            if (pos == cap && !readDone) {
                buf.clear();
                int n = reader.pollRead(cx, buf);
                if (n == Io.PENDING) {
                    return flushWhileWaiting(cx, writer);
                }
                if (n == Io.EOF) {
                    readDone = true;
                } else {
                    pos = 0;
                    cap = IoChecks.checkRead(n, reader);
                }
            }
            while (pos < cap) {
                buf.limit(cap).position(pos);
                int n = writer.pollWrite(cx, buf);
                if (n == Io.PENDING) {
                    return false;
                }
                pos += IoChecks.checkWrite(n, writer);
                amount += n;
                needFlush = true;
            }
            if (readDone) {
                return finish(cx, writer);
            }
        }
    }

    private boolean pollBuffered(Context cx, AsyncBufRead reader, AsyncWrite writer) throws IOException {
        for (;;) {
            if (!Coop.proceed(cx)) {
                return false;
            }
            if (!readDone) {
                int n = reader.pollFillBuf(cx);
                if (n == Io.PENDING) {
                    return flushWhileWaiting(cx, writer);
                }
                if (n == 0) {
                    readDone = true;
                } else {
                    int w = writer.pollWrite(cx, reader.buffer());
                    if (w == Io.PENDING) {
                        return false;
                    }
                    reader.consume(IoChecks.checkWrite(w, writer));
                    amount += w;
                    needFlush = true;
                }
            }
            if (readDone) {
                return finish(cx, writer);
            }
        }
    }

    /** The reader is pending: flush what was written meanwhile. Always pending after. */
    private boolean flushWhileWaiting(Context cx, AsyncWrite writer) throws IOException {
        if (needFlush && writer.pollFlush(cx)) {
            needFlush = false;
        }
        return false;
    }

    private boolean finish(Context cx, AsyncWrite writer) throws IOException {
        if (!writer.pollFlush(cx)) {
            return false;
        }
        needFlush = false;
        return true;
    }
}
