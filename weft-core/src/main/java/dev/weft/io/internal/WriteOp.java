package dev.weft.io.internal;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.AsyncWrite;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncWrite#write}: one write. Cancel-safe: bytes leave the buffer only in the poll that
 * completes this future. A stream may keep it and re-arm it ({@link StreamOp}).
 */
public final class WriteOp extends CountOp {
    private WriteOp() {
    }

    private WriteOp(AsyncWrite dst, ByteBuffer src) {
        super(dst, src);
    }

    /**
     * @param dst the writer
     * @param src the bytes (checked by the caller)
     * @return a one-shot write
     */
    public static WriteOp of(AsyncWrite dst, ByteBuffer src) {
        return new WriteOp(dst, src);
    }

    /** @return an idle op for a stream to keep and {@link #rearm} */
    public static WriteOp idle() {
        return new WriteOp();
    }

    /**
     * @param dst the writer
     * @param src the bytes (checked by the caller)
     * @return this op armed for the write, or a new one if this one is still in use
     */
    public WriteOp rearm(AsyncWrite dst, ByteBuffer src) {
        return tryArm(dst, src) ? this : new WriteOp(dst, src);
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        return pollCounted(cx, "write future");
    }

    @Override
    int pollOnce(Object s, Context cx, ByteBuffer b) throws IOException {
        return ((AsyncWrite) s).pollWrite(cx, b);
    }

    /**
     * Writes without a future or a {@code Poll}: see {@link IoAwait}.
     *
     * @return the count written
     * @throws IOException the write's fault
     */
    @Override
    public Integer await() throws IOException {
        ByteBuffer src = buf;
        AsyncWrite d = (AsyncWrite) takeForAwait("write future");
        return box(IoAwait.write(d, src, false));
    }
}
