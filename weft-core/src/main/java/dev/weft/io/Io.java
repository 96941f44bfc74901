package dev.weft.io;

/**
 * The I/O toolbox: the result codes of the poll-based I/O methods, and (as they are added)
 * the free functions Tokio keeps in {@code tokio::io}: copy, duplex pipes, splitting.
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
}
