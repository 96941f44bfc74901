package dev.weft.io.blocking;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.Io;
import dev.weft.runtime.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Test helpers for poll-based I/O: small futures that loop over {@code pollRead}/{@code pollWrite}
 * (the awaitable helpers of dev.weft.io live elsewhere), a waker tests can wait on, and a way to
 * make a few hand-driven polls on a runtime's thread.
 */
public final class PollIo {
    private PollIo() {
    }

    /** Polls an I/O step; an IOException becomes the failure. */
    @FunctionalInterface
    public interface IoStep<T> {
        Poll<T> poll(Context cx) throws IOException;
    }

    /** A future from a step that may throw IOException. */
    public static <T> Future<T> io(IoStep<T> step) {
        return cx -> {
            try {
                return step.poll(cx);
            } catch (IOException e) {
                return Poll.failed(e);
            }
        };
    }

    /** Reads {@code r} to its end, {@code chunk} bytes at a time. */
    public static Future<byte[]> readToEnd(AsyncRead r, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(chunk);
        return io(cx -> {
            for (;;) {
                buf.clear();
                int n = r.pollRead(cx, buf);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                if (n == Io.EOF) {
                    return Poll.ready(out.toByteArray());
                }
                out.write(buf.array(), 0, n);
            }
        });
    }

    public static Future<byte[]> readToEnd(AsyncRead r) {
        return readToEnd(r, 8192);
    }

    /** One read into a fresh buffer of {@code size} bytes: the bytes, or null at the end. */
    public static Future<byte[]> readOnce(AsyncRead r, int size) {
        ByteBuffer buf = ByteBuffer.allocate(size);
        return io(cx -> {
            int n = r.pollRead(cx, buf);
            if (n == Io.PENDING) {
                return Poll.pending();
            }
            if (n == Io.EOF) {
                return Poll.ready(null);
            }
            byte[] b = new byte[n];
            buf.flip().get(b);
            return Poll.ready(b);
        });
    }

    /** Writes all of {@code bytes}, then flushes. */
    public static Future<Void> writeAll(AsyncWrite w, byte[] bytes) {
        ByteBuffer src = ByteBuffer.wrap(bytes);
        return io(cx -> {
            while (src.hasRemaining()) {
                if (w.pollWrite(cx, src) == Io.PENDING) {
                    return Poll.pending();
                }
            }
            return w.pollFlush(cx) ? Poll.ready(null) : Poll.pending();
        });
    }

    /** Flushes. */
    public static Future<Void> flush(AsyncWrite w) {
        return io(cx -> w.pollFlush(cx) ? Poll.ready(null) : Poll.pending());
    }

    /** Shuts the write direction down. */
    public static Future<Void> shutdown(AsyncWrite w) {
        return io(cx -> w.pollShutdown(cx) ? Poll.ready(null) : Poll.pending());
    }

    /**
     * Runs {@code call} once on the runtime's thread (inside {@code blockOn}), so it may start
     * blocking operations, with the test's own context {@code cx}.
     */
    public static <T> T call(Runtime rt, Context cx, IoCall<T> call) throws Exception {
        return rt.blockOn(io(ignored -> Poll.ready(call.call(cx))));
    }

    /** A call that may throw IOException. */
    @FunctionalInterface
    public interface IoCall<T> {
        T call(Context cx) throws IOException;
    }

    /** A waker (and context) a test can wait on. Thread-safe. */
    public static final class Wakes implements Waker, Context {
        private final Semaphore wakes = new Semaphore(0);

        @Override
        public void wake() {
            wakes.release();
        }

        @Override
        public Waker waker() {
            return this;
        }

        /** Waits (10 s at most) for a wake since the last one taken. */
        public void awaitWake() throws InterruptedException {
            if (!wakes.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not woken within 10 s");
            }
            wakes.drainPermits();
        }

        /** @return whether woken since the last take, without waiting */
        public boolean takeWoken() {
            return wakes.drainPermits() > 0;
        }
    }
}
