package dev.weft.process;

import dev.weft.future.Context;
import dev.weft.future.internal.Args;
import dev.weft.io.AsyncRead;
import dev.weft.io.blocking.BlockingStream;
import dev.weft.io.blocking.StreamChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The read end of a child's stdout or stderr pipe ({@link Child#stdout()},
 * {@link Child#stderr()}), Tokio's {@code ChildStdout} and {@code ChildStderr}.
 *
 * <p>The JDK has no selectable pipes, so a read that finds nothing buffered hands one blocking
 * read of up to {@code min(dst.remaining(), 2 MiB)} bytes to the runtime's blocking pool and is
 * pending until the child writes (or ends: then {@link dev.weft.io.Io#EOF}).
 *
 * <p><b>Cancel safety:</b> a caller that gives up loses nothing: bytes that arrive for an
 * abandoned read stay buffered for the next one. The blocking read itself cannot be called off:
 * it ends when the child writes or exits, and until then it keeps the pipe open even after
 * {@link #close()} (kill the child to end it at once). Used by one task at a time.
 *
 * {@snippet :
 * int n = child.stdout().pollRead(cx, buf);
 * if (n == Io.PENDING) return Poll.pending();
 * if (n == Io.EOF) return Poll.ready(collected);
 * }
 */
public final class ChildOutput implements AsyncRead, AutoCloseable {
    private final BlockingStream stream;
    private final String name;

    ChildOutput(InputStream in, String name) {
        this.stream = new BlockingStream(StreamChannel.reading(in, true));
        this.name = name;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        return stream.pollRead(cx, Args.notNull(dst, "dst"));
    }

    /**
     * Closes the pipe without waiting (when a blocking read in flight ends, if one is): later
     * reads fail with {@link java.nio.channels.ClosedChannelException}, and a child that goes on
     * writing gets a broken pipe. Idempotent.
     */
    @Override
    public void close() {
        stream.close();
    }

    @Override
    public String toString() {
        return "ChildOutput[" + name + (stream.isClosed() ? ", closed]" : "]");
    }
}
