package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.io.internal.IoChecks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * {@link AsyncRead#readToEnd} and {@link AsyncRead#readToString}: reads into an array that
 * doubles when full, and at the end gives an exact-size copy, or its decoding. Not cancel-safe:
 * what was read is in this future and goes with it.
 *
 * @param <T> {@code byte[]} without a charset, {@code String} with one
 */
final class ReadToEndFuture<T> implements IoFuture<T> {
    private static final int FIRST_CAPACITY = 512;
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private AsyncRead src; // null once completed or cancelled
    private final Charset charset; // null: the result is the bytes
    private static final byte[] NO_BYTES = new byte[0];

    private byte[] bytes = NO_BYTES; // allocated at the first poll
    private ByteBuffer view; // over bytes, from the end of the data to the end of the array

    private ReadToEndFuture(AsyncRead src, Charset charset) {
        this.src = src;
        this.charset = charset;
    }

    static ReadToEndFuture<byte[]> bytes(AsyncRead src) {
        return new ReadToEndFuture<>(src, null);
    }

    static ReadToEndFuture<String> string(AsyncRead src, Charset charset) {
        return new ReadToEndFuture<>(src, charset);
    }

    @Override
    public Poll<T> poll(Context cx) {
        AsyncRead s = src;
        if (s == null) {
            throw new IllegalStateException("readToEnd future polled after it completed or was cancelled");
        }
        try {
            for (;;) {
                if (view == null || !view.hasRemaining()) {
                    grow();
                }
                int n = s.pollRead(cx, view);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                if (n == Io.EOF) {
                    src = null;
                    return Poll.ready(result());
                }
                IoChecks.checkRead(n, s);
            }
        } catch (IOException e) {
            src = null;
            bytes = null;
            view = null;
            return Poll.failed(e);
        }
    }

    private void grow() throws IOException {
        int len = bytes.length;
        if (len >= MAX_CAPACITY) {
            throw new IOException("readToEnd: the stream is longer than the largest array (" + MAX_CAPACITY + " bytes)");
        }
        int cap = len == 0 ? FIRST_CAPACITY : (int) Math.min((long) len * 2, MAX_CAPACITY);
        bytes = Arrays.copyOf(bytes, cap);
        view = ByteBuffer.wrap(bytes, len, cap - len);
    }

    @SuppressWarnings("unchecked") // T is byte[] exactly when charset is null (see the factories)
    private T result() throws IOException {
        int len = view == null ? 0 : view.position();
        Object r = charset == null ? Arrays.copyOf(bytes, len) : Text.decode(bytes, 0, len, charset);
        bytes = null;
        view = null;
        return (T) r;
    }

    @Override
    public void cancel() {
        src = null;
        bytes = null;
        view = null;
    }
}
