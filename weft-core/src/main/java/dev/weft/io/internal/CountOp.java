package dev.weft.io.internal;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.Io;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A {@link StreamOp} that completes with a byte count: a read or a write. Its poll is one
 * {@code pollRead}/{@code pollWrite}, and it boxes its count once while the count repeats.
 */
public abstract sealed class CountOp extends StreamOp<Integer> permits ReadOp, WriteOp {
    /** The last count handed out boxed: reads or writes of full buffers box it once. */
    private Integer lastCount;

    CountOp() {
    }

    CountOp(Object stream, ByteBuffer buf) {
        super(stream, buf);
    }

    /**
     * One poll of a counting op (a read, a write): its count, pending, or its fault; the op is
     * idle once it answers.
     */
    final Poll<Integer> pollCounted(Context cx, String what) {
        Object s = armed(what);
        int n;
        try {
            n = pollOnce(s, cx, buf);
        } catch (IOException e) {
            setReleaseIdle();
            return Poll.failed(e);
        }
        if (n == Io.PENDING) {
            return Poll.pending();
        }
        Integer count = box(n);
        setReleaseIdle();
        return Poll.ready(count);
    }

    /** The operation: {@code pollRead} or {@code pollWrite} on {@code s}. */
    abstract int pollOnce(Object s, Context cx, ByteBuffer b) throws IOException;

    /** @return {@code n} boxed, the same object as last time when the count repeats */
    final Integer box(int n) {
        Integer b = lastCount;
        if (b == null || b != n) {
            b = n;
            lastCount = b;
        }
        return b;
    }
}
