package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * A scripted {@link AsyncWrite} that records what it took. Each write first consults the
 * script: {@link #PENDING} (answer pending once, keep the waker), an {@link IOException} (thrown
 * once), or an Integer (take at most that many bytes this time); with no step it takes up to
 * {@link #maxPerWrite}. Flushes and shutdowns have their own scripts of PENDING steps.
 */
final class FakeWriter implements AsyncWrite {
    static final Object PENDING = "PENDING";

    final ByteArrayOutputStream written = new ByteArrayOutputStream();
    final ArrayDeque<Object> writeSteps = new ArrayDeque<>();
    final ArrayDeque<Object> flushSteps = new ArrayDeque<>();
    final ArrayDeque<Object> shutdownSteps = new ArrayDeque<>();
    int maxPerWrite = Integer.MAX_VALUE;
    int writes; // pollWrite calls that took bytes
    int flushes; // completed flushes
    int flushedUpTo; // bytes written at the last completed flush
    boolean shutDown;
    Waker waker;

    @Override
    public int pollWrite(Context cx, ByteBuffer src) throws IOException {
        if (shutDown) {
            throw new IOException("FakeWriter: write after shutdown");
        }
        if (!src.hasRemaining()) {
            return 0;
        }
        int max = maxPerWrite;
        Object s = writeSteps.poll();
        if (s == PENDING) {
            waker = cx.waker();
            return Io.PENDING;
        }
        if (s instanceof IOException e) {
            throw e;
        }
        if (s instanceof Integer limit) {
            max = limit;
        }
        int n = Math.min(max, src.remaining());
        byte[] b = new byte[n];
        src.get(b);
        written.write(b, 0, n);
        writes++;
        return n;
    }

    @Override
    public boolean pollFlush(Context cx) throws IOException {
        if (!step(flushSteps, cx)) {
            return false;
        }
        flushes++;
        flushedUpTo = written.size();
        return true;
    }

    @Override
    public boolean pollShutdown(Context cx) throws IOException {
        if (!step(shutdownSteps, cx)) {
            return false;
        }
        shutDown = true;
        return true;
    }

    private boolean step(ArrayDeque<Object> steps, Context cx) throws IOException {
        Object s = steps.poll();
        if (s == PENDING) {
            waker = cx.waker();
            return false;
        }
        if (s instanceof IOException e) {
            throw e;
        }
        return true;
    }

    String text() {
        return written.toString(StandardCharsets.UTF_8);
    }
}
