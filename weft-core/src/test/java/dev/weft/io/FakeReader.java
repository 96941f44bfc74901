package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A scripted {@link AsyncRead}: each step is a chunk of bytes (given over as many reads as the
 * buffers need), {@link #PENDING} (answers pending once and keeps the waker), an
 * {@link IOException} (thrown once), or {@link #EOF}. An empty script reads EOF.
 */
final class FakeReader implements AsyncRead {
    static final Object PENDING = "PENDING";
    static final Object EOF = "EOF";

    private final ArrayDeque<Object> steps = new ArrayDeque<>();
    Waker waker;
    int polls;

    static FakeReader of(Object... steps) {
        FakeReader r = new FakeReader();
        for (Object s : steps) {
            r.add(s);
        }
        return r;
    }

    FakeReader add(Object step) {
        steps.add(step instanceof String s && step != PENDING && step != EOF ? s.getBytes(StandardCharsets.UTF_8) : step);
        return this;
    }

    @Override
    public int pollRead(Context cx, ByteBuffer dst) throws IOException {
        polls++;
        if (!dst.hasRemaining()) {
            return 0;
        }
        Object s = steps.peek();
        if (s == null || s == EOF) {
            return Io.EOF;
        }
        if (s == PENDING) {
            steps.poll();
            waker = cx.waker();
            return Io.PENDING;
        }
        if (s instanceof IOException e) {
            steps.poll();
            throw e;
        }
        byte[] chunk = (byte[]) s;
        int n = Math.min(chunk.length, dst.remaining());
        dst.put(chunk, 0, n);
        steps.poll();
        if (n < chunk.length) {
            steps.push(Arrays.copyOfRange(chunk, n, chunk.length));
        }
        return n;
    }
}
