package dev.weft.io;

import dev.weft.future.internal.Args;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The I/O toolbox: the result codes of the poll-based I/O methods, and the free functions
 * Tokio keeps in {@code tokio::io}: {@link #copy}, {@link #copyBidirectional}, {@link #split},
 * in-memory {@link #duplex} and {@link #simplex} pipes.
 *
 * <p>The poll-based methods of {@link AsyncRead}, {@link AsyncWrite} and {@link AsyncBufRead}
 * return a plain {@code int} instead of a {@code Poll<Integer>} so a steady stream of reads and
 * writes allocates nothing: a count of bytes, {@link #EOF}, or {@link #PENDING}.
 *
 * {@snippet :
 * int n = socket.pollRead(cx, buf);
 * if (n == Io.PENDING) return Poll.pending();   // the waker is registered
 * if (n == Io.EOF) return Poll.ready(total);
 * total += n;
 * }
 */
public final class Io {
    /** Not ready: the caller's waker will be woken when the operation can make progress. */
    public static final int PENDING = Integer.MIN_VALUE;

    /** The end of the stream: the peer closed its side, no more bytes will come. */
    public static final int EOF = -1;

    private Io() {
    }

    /**
     * What {@link #copyBidirectional} moved.
     *
     * @param aToB bytes read from {@code a} and written to {@code b}
     * @param bToA bytes read from {@code b} and written to {@code a}
     */
    public record Copied(long aToB, long bToA) {
    }

    /**
     * The two halves of a stream made by {@link #split}.
     *
     * @param reader reads from the stream
     * @param writer writes to it
     * @param <S> the type of the stream
     */
    public record Halves<S extends AsyncRead & AsyncWrite>(ReadHalf<S> reader, WriteHalf<S> writer) {
    }

    /**
     * Two connected in-memory streams made by {@link #duplex}: what one writes, the other reads.
     *
     * @param a one end
     * @param b the other end
     */
    public record DuplexPair(DuplexStream a, DuplexStream b) {
    }

    /**
     * The two ends of an in-memory one-way pipe made by {@link #simplex}.
     *
     * @param reader reads what the writer wrote
     * @param writer writes into the pipe
     */
    public record Simplex(PipeReader reader, PipeWriter writer) {
    }

    /**
     * Copies everything {@code reader} gives into {@code writer}, then flushes the writer, and
     * completes with the number of bytes copied (Tokio's {@code io::copy}). The writer is
     * <em>not</em> shut down at the end, so more can be written after (call
     * {@link AsyncWrite#shutdown()} to half-close it); {@link #copyBidirectional} does shut down.
     *
     * <p>Bytes go through an 8 KiB buffer, or straight from the reader's own buffer if it is an
     * {@link AsyncBufRead}. When the reader has nothing and bytes were written since the last
     * flush, the writer is flushed, so a {@link BufWriter} does not sit on data while the
     * source is quiet.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: bytes read from {@code reader} but not yet
     * written (at most the buffer) are lost with the future.
     *
     * {@snippet :
     * long n = Io.copy(socket, file).await();
     * }
     *
     * @param reader the source
     * @param writer the sink
     * @return the future of the count
     * @throws IllegalArgumentException if an argument is null
     */
    public static IoFuture<Long> copy(AsyncRead reader, AsyncWrite writer) {
        return new CopyFuture(Args.notNull(reader, "reader"), Args.notNull(writer, "writer"));
    }

    /**
     * Copies {@code a} to {@code b} and {@code b} to {@code a} at the same time (a proxy), and
     * completes when both directions ended. When one side's read reaches the end of its stream,
     * the other side's write direction is shut down (half-closed), as Tokio does; the other
     * direction goes on. A fault in either direction fails the future, and the other direction
     * is abandoned where it is.
     *
     * <p>Both streams are polled by the one task that polls this future; each must keep its
     * read waker and its write waker apart (every Weft stream does).
     *
     * <p><b>Cancel safety:</b> not cancel-safe: bytes in flight in either direction (at most one
     * buffer each) are lost.
     *
     * {@snippet :
     * Io.Copied c = Io.copyBidirectional(client, upstream).await();
     * log("proxied " + c.aToB() + " bytes up and " + c.bToA() + " down");
     * }
     *
     * @param a one stream
     * @param b the other stream
     * @param <A> the type of {@code a}
     * @param <B> the type of {@code b}
     * @return the future of both counts
     * @throws IllegalArgumentException if an argument is null
     */
    public static <A extends AsyncRead & AsyncWrite, B extends AsyncRead & AsyncWrite> IoFuture<Copied>
            copyBidirectional(A a, B b) {
        return new CopyBidirectionalFuture(Args.notNull(a, "a"), Args.notNull(b, "b"));
    }

    /**
     * Splits a stream into a read half and a write half that two tasks can use at once
     * (Tokio's {@code io::split}). Each poll of a half holds a lock shared by the two halves, so
     * the stream itself need not be thread-safe; polls are short, so the lock is held briefly.
     *
     * <p>The stream must keep its read waker and its write waker apart, so a pending read and a
     * pending write wait at once without one replacing the other's waker. Every Weft stream does
     * (sockets, {@link DuplexStream}, {@link BufReader}/{@link BufWriter} over them); a stream
     * that is already safe for one reader and one writer at once (sockets, {@link DuplexStream})
     * may also simply be shared between the two tasks, without the lock.
     *
     * {@snippet :
     * Io.Halves<MyStream> h = Io.split(stream);
     * Weft.spawn(() -> Io.copy(h.reader(), stdout).await());
     * h.writer().writeAll(request).await();
     * }
     *
     * @param stream the stream to split
     * @param <S> its type
     * @return the two halves
     * @throws IllegalArgumentException if {@code stream} is null
     */
    public static <S extends AsyncRead & AsyncWrite> Halves<S> split(S stream) {
        Args.notNull(stream, "stream");
        SplitLock lock = new SplitLock();
        return new Halves<>(new ReadHalf<>(stream, lock), new WriteHalf<>(stream, lock));
    }

    /**
     * Two connected in-memory streams (Tokio's {@code io::duplex}): bytes written to one are
     * read from the other, through a buffer of at most {@code maxBufSize} bytes in each
     * direction. See {@link DuplexStream} for backpressure, half-close and close.
     *
     * {@snippet :
     * Io.DuplexPair p = Io.duplex(64);
     * p.a().writeAll(ByteBuffer.wrap("ping".getBytes())).await();
     * ByteBuffer got = ByteBuffer.allocate(4);
     * p.b().readExact(got).await();
     * }
     *
     * @param maxBufSize the most bytes buffered in each direction, at least 1
     * @return the two ends
     * @throws IllegalArgumentException if {@code maxBufSize} is less than 1
     */
    public static DuplexPair duplex(int maxBufSize) {
        Pipe ab = new Pipe(Args.positive(maxBufSize, "maxBufSize"));
        Pipe ba = new Pipe(maxBufSize);
        return new DuplexPair(new DuplexStream(ba, ab), new DuplexStream(ab, ba));
    }

    /**
     * A one-way in-memory pipe (Tokio's {@code io::simplex}): what the writer writes, the reader
     * reads, through a buffer of at most {@code maxBufSize} bytes. Shutting the writer down
     * gives the reader the end of the stream; closing the reader makes writes fail.
     *
     * {@snippet :
     * Io.Simplex pipe = Io.simplex(1024);
     * Weft.spawn(() -> {
 *     Io.copy(source, pipe.writer()).await();
 *     return pipe.writer().shutdown().await();     // the reader's end of the stream
 * });
     * byte[] all = pipe.reader().readToEnd().await();
     * }
     *
     * @param maxBufSize the most bytes buffered, at least 1
     * @return the two ends
     * @throws IllegalArgumentException if {@code maxBufSize} is less than 1
     */
    public static Simplex simplex(int maxBufSize) {
        Pipe p = new Pipe(Args.positive(maxBufSize, "maxBufSize"));
        return new Simplex(new PipeReader(p), new PipeWriter(p));
    }

    // ---- the process's standard streams ----------------------------------------------------

    /**
     * The process's standard input ({@link System#in}, read when this is called) as an
     * {@link AsyncRead}: Tokio's {@code io::stdin()}. The JDK cannot poll stdin, so each read
     * that finds nothing buffered runs one blocking read on the runtime's blocking pool (as
     * {@code spawnBlocking} does) and is pending until it returns; workers never block. Wrap it
     * in a {@link BufReader} for lines:
     *
     * {@snippet class=dev.weft.snippets.IoSnippets region=stdin-lines}
     *
     * <p><b>Cancel safety:</b> a read of the returned reader is cancel-safe: bytes that the
     * blocking read receives after its read future was cancelled (a {@code select} loser, a
     * timeout) stay in the reader's buffer and the next read returns them, unlike Tokio's
     * {@code Stdin}. Keep one reader for the whole program: each call returns a new reader with
     * its own buffer, and bytes buffered in a reader that is dropped are lost with it. The
     * blocking read itself cannot be called off; it ends when input comes or stdin ends, and
     * a runtime shutting down does not wait for it.
     *
     * <p>Used by one task at a time; must be polled on a runtime (its blocking pool).
     *
     * @return a reader of standard input; closing is not needed and stdin stays open
     */
    public static AsyncRead stdin() {
        return new StdinReader(System.in, "stdin");
    }

    /**
     * The process's standard output ({@link System#out}, taken when this is called) as an
     * {@link AsyncWrite}: Tokio's {@code io::stdout()}. A write copies the bytes (up to 2 MiB)
     * and hands them to one blocking write on the runtime's blocking pool, which writes and
     * flushes them; it completes once they are handed off.
     *
     * <p><b>Order:</b> the writes of one writer reach stdout in the order they were made, one
     * blocking write at a time, each whole (never interleaved with another write of the same
     * writer). Writers of separate calls, and {@code System.out.println} from other code, are
     * not ordered with each other: keep one writer. {@link AsyncWrite#flush()} waits until
     * every handed-off byte is written and reports a write's fault (an {@code IOException}
     * when {@code System.out} reports an error); call it before the program ends, or the last
     * write may still be in flight. {@link AsyncWrite#shutdown()} flushes and leaves stdout
     * open.
     *
     * {@snippet class=dev.weft.snippets.IoSnippets region=stdout}
     *
     * <p><b>Cancel safety:</b> a write that completed has handed its bytes off: they are
     * written even if the caller goes away. A cancelled write or flush loses nothing.
     *
     * @return a writer of standard output
     */
    public static AsyncWrite stdout() {
        return new StdWriter(System.out, "stdout");
    }

    /**
     * The process's standard error ({@link System#err}, taken when this is called) as an
     * {@link AsyncWrite}: Tokio's {@code io::stderr()}. Same rules as {@link #stdout()}.
     *
     * @return a writer of standard error
     */
    public static AsyncWrite stderr() {
        return new StdWriter(System.err, "stderr");
    }
}
