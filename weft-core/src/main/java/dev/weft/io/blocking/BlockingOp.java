package dev.weft.io.blocking;

import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.Callable;

/**
 * One operation of a {@link BlockingStream}: its kind, the buffer a read or write borrows, the
 * join handle while it is in flight, and (for other operations) its outcome once it ended.
 * Touched only by the stream's owner.
 *
 * @param <T> the operation's result
 */
final class BlockingOp<T> {
    static final int READ = 0;
    static final int WRITE = 1;
    static final int OTHER = 2;

    final int kind;
    final ByteBuffer buf;
    final Callable<T> body;
    boolean started;
    JoinHandle<Poll<T>> handle; // while in flight
    Poll<T> outcome; // an OTHER operation's result, once it ended

    BlockingOp(int kind, ByteBuffer buf, Callable<T> body) {
        this.kind = kind;
        this.buf = buf;
        this.body = body;
    }
}
