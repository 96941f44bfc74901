package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.IoFuture;
import dev.weft.io.internal.IoChecks;
import dev.weft.io.internal.ReadOp;
import dev.weft.io.internal.WriteAllOp;
import dev.weft.io.internal.WriteOp;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a TCP and a Unix stream have in common: reads, writes, half-close and close on the
 * reactor, through {@link SocketIo}. Public methods here are part of both streams' API.
 */
abstract class SocketStream implements AsyncRead, AsyncWrite, AutoCloseable {
    final SocketIo io;
    // The stream's futures of read, write and writeAll, re-armed by each call once the previous
    // one is over, so a read-write loop allocates nothing (StreamOp's notes).
    private final ReadOp reads = ReadOp.idle();
    private final WriteOp writes = WriteOp.idle();
    private final WriteAllOp writeAlls = WriteAllOp.idle();

    SocketStream(SocketIo io) {
        this.io = io;
    }

    /**
     * Reads once, as {@link AsyncRead#read} says. The stream re-arms the same future for its next
     * {@code read} once this one completed or was cancelled, so a loop of reads allocates
     * nothing: do not keep the future after it completed (a second poll or await of it then
     * reads again, for the later call, instead of failing). Two reads in flight at once each get
     * their own future.
     *
     * @param dst where the bytes go, from its position to its limit
     * @return the future of the count, or {@link dev.weft.io.Io#EOF}
     * @throws IllegalArgumentException if {@code dst} is null or read-only
     */
    @Override
    public final IoFuture<Integer> read(ByteBuffer dst) {
        return reads.rearm(this, IoChecks.writable(dst, "dst"));
    }

    /**
     * Writes once, as {@link AsyncWrite#write} says; the future is re-armed by the next
     * {@code write} once it is over, as {@link #read}'s is.
     *
     * @param src the bytes to write, from its position to its limit
     * @return the future of the count
     * @throws IllegalArgumentException if {@code src} is null
     */
    @Override
    public final IoFuture<Integer> write(ByteBuffer src) {
        return writes.rearm(this, Args.notNull(src, "src"));
    }

    /**
     * Writes all of {@code src}, as {@link AsyncWrite#writeAll} says; the future is re-armed by
     * the next {@code writeAll} once it is over, as {@link #read}'s is.
     *
     * @param src the bytes to write
     * @return the future, done when {@code src} has nothing remaining
     * @throws IllegalArgumentException if {@code src} is null
     */
    @Override
    public final IoFuture<Void> writeAll(ByteBuffer src) {
        return writeAlls.rearm(this, Args.notNull(src, "src"));
    }

    @Override
    public final int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return io.pollRead(cx, dst);
    }

    @Override
    public final int pollWrite(Context cx, ByteBuffer src) throws IOException {
        return io.pollWrite(cx, src);
    }

    /** Half-closes: the peer reads the end of the stream; reading goes on. Done at once. */
    @Override
    public final boolean pollShutdown(Context cx) throws IOException {
        io.shutdownOutput();
        return true;
    }

    /**
     * Half-closes the connection: the peer reads the end of the stream, this side may still
     * read.
     *
     * @throws IOException if the stream is closed
     */
    public final void shutdownOutput() throws IOException {
        io.shutdownOutput();
    }

    /** {@return whether {@link #close()} was called (or the runtime's I/O driver shut down)} */
    public final boolean isClosed() {
        return io.reg.isClosed();
    }

    /** Closes the connection; waiting operations fail. Idempotent. */
    @Override
    public final void close() {
        io.close();
    }
}
