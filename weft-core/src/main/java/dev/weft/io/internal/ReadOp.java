package dev.weft.io.internal;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.AsyncRead;
import dev.weft.io.Io;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link AsyncRead#read}: one read. Cancel-safe, because bytes leave the reader only in the poll
 * that completes this future. Allocates nothing per poll; awaited in a coroutine, nothing at
 * all when a stream re-arms it ({@link StreamOp}) and the count repeats or is small.
 */
public final class ReadOp extends CountOp {
    private ReadOp() {
    }

    private ReadOp(AsyncRead src, ByteBuffer dst) {
        super(src, dst);
    }

    /**
     * @param src the reader
     * @param dst where the bytes go (checked by the caller)
     * @return a one-shot read
     */
    public static ReadOp of(AsyncRead src, ByteBuffer dst) {
        return new ReadOp(src, dst);
    }

    /** @return an idle op for a stream to keep and {@link #rearm} */
    public static ReadOp idle() {
        return new ReadOp();
    }

    /**
     * @param src the reader
     * @param dst where the bytes go (checked by the caller)
     * @return this op armed for the read, or a new one if this one is still in use
     */
    public ReadOp rearm(AsyncRead src, ByteBuffer dst) {
        return tryArm(src, dst) ? this : new ReadOp(src, dst);
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        return pollCounted(cx, "read future");
    }

    @Override
    int pollOnce(Object s, Context cx, ByteBuffer b) throws IOException {
        return ((AsyncRead) s).pollRead(cx, b);
    }

    /**
     * Reads without a future or a {@code Poll}: see {@link IoAwait}.
     *
     * @return the count, or {@link Io#EOF}
     * @throws IOException the read's fault
     */
    @Override
    public Integer await() throws IOException {
        ByteBuffer dst = buf;
        AsyncRead s = (AsyncRead) takeForAwait("read future");
        return box(IoAwait.read(s, dst));
    }
}
