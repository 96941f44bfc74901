package dev.weft.io.internal;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.AsyncWrite;
import dev.weft.io.Io;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncWrite#writeAll}: writes until the buffer is drained. On cancellation the buffer's
 * position says exactly which prefix was written. A stream may keep it and re-arm it
 * ({@link StreamOp}).
 */
public final class WriteAllOp extends StreamOp<Void> {
    private WriteAllOp() {
    }

    private WriteAllOp(AsyncWrite dst, ByteBuffer src) {
        super(dst, src);
    }

    /**
     * @param dst the writer
     * @param src the bytes (checked by the caller)
     * @return a one-shot writeAll
     */
    public static WriteAllOp of(AsyncWrite dst, ByteBuffer src) {
        return new WriteAllOp(dst, src);
    }

    /** @return an idle op for a stream to keep and {@link #rearm} */
    public static WriteAllOp idle() {
        return new WriteAllOp();
    }

    /**
     * @param dst the writer
     * @param src the bytes (checked by the caller)
     * @return this op armed for the writeAll, or a new one if this one is still in use
     */
    public WriteAllOp rearm(AsyncWrite dst, ByteBuffer src) {
        return tryArm(dst, src) ? this : new WriteAllOp(dst, src);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        AsyncWrite d = (AsyncWrite) armed("writeAll future");
        ByteBuffer src = buf;
        try {
            while (src.hasRemaining()) {
                int n = d.pollWrite(cx, src);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                IoChecks.checkWrite(n, d);
            }
        } catch (IOException e) {
            setReleaseIdle();
            return Poll.failed(e);
        }
        setReleaseIdle();
        return Poll.ready(null);
    }

    /**
     * Writes without a future or a {@code Poll}: see {@link IoAwait}.
     *
     * @return null
     * @throws IOException the write's fault
     */
    @Override
    public Void await() throws IOException {
        ByteBuffer src = buf;
        AsyncWrite d = (AsyncWrite) takeForAwait("writeAll future");
        if (src.hasRemaining()) {
            IoAwait.write(d, src, true);
        }
        return null;
    }
}
