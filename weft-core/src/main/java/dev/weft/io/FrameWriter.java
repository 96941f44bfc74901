package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.internal.Args;
import dev.weft.io.internal.IoChecks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * Writes frames to an {@link AsyncWrite} (Tokio's {@code FramedWrite}), made by
 * {@link Framed#lineWriter} and {@link Framed#lengthDelimitedWriter}. Frames are encoded into a
 * write buffer and leave it in large writes: {@link #feed} buffers a frame, writing out only
 * while more than 8 KiB wait (backpressure); {@link #send} feeds and then flushes;
 * {@link #flush()} writes everything out and flushes the writer; {@link #shutdown()} does that
 * and then shuts the writer down.
 *
 * <p>A bad frame (null, over the maximum length, a line with a {@code \n}) is refused with an
 * {@link IllegalArgumentException} when {@code feed} or {@code send} is called, before anything
 * is written. A {@code byte[]} frame is copied when it is accepted: do not change it before its
 * future completes.
 *
 * <p><b>Cancel safety:</b> a frame is accepted whole, by the poll that finds room for it in the
 * write buffer, so a cancellation never leaves part of a frame in the byte stream. A
 * {@code feed} or {@code send} cancelled before that poll wrote nothing of its frame; one
 * cancelled after it (a {@code send} waiting for its flush) left its frame in the buffer, and it
 * goes out with the next {@code feed}, {@code send}, {@code flush} or {@code shutdown}.
 * {@code flush} and {@code shutdown} can be started again.
 *
 * <p>Not thread-safe: used by one task at a time.
 *
 * {@snippet :
 * FrameWriter<byte[]> out = Framed.lengthDelimitedWriter(socket);
 * for (byte[] msg : batch) {
 *     out.feed(msg).await();      // buffered
 * }
 * out.flush().await();            // one write for the whole batch (if it fits)
 * }
 *
 * @param <T> the type of the frames
 */
public final class FrameWriter<T> {
    /** More buffered bytes than this make {@code feed} write out before it accepts a frame. */
    static final int BACKPRESSURE = 8 * 1024;
    /** A write buffer that grew beyond this for a large frame is dropped once empty. */
    private static final int RETAINED = 64 * 1024;

    private final AsyncWrite dst;
    private final Function<? super T, byte[]> encode; // checks a frame, gives its payload
    private final boolean lengthPrefixed; // else each frame ends with '\n'
    private byte[] out = new byte[BACKPRESSURE];
    private ByteBuffer view = ByteBuffer.wrap(out);
    private int start; // out[start .. end) is yet to be written
    private int end;

    FrameWriter(AsyncWrite dst, Function<? super T, byte[]> encode, boolean lengthPrefixed) {
        this.dst = dst;
        this.encode = encode;
        this.lengthPrefixed = lengthPrefixed;
    }

    /**
     * Buffers a frame, writing the buffer out first only while it holds more than 8 KiB. The
     * frame leaves with a later write out: a {@code send}, {@code flush} or {@code shutdown}.
     *
     * @param frame the frame
     * @return the future, done when the frame is buffered
     * @throws IllegalArgumentException if {@code frame} is null or not a valid frame
     */
    public IoFuture<Void> feed(T frame) {
        return new Op<>(this, encode.apply(Args.notNull(frame, "frame")), Op.FEED);
    }

    /**
     * Buffers a frame as {@link #feed} does, then writes everything buffered out and flushes.
     *
     * @param frame the frame
     * @return the future, done when the frame was written and flushed
     * @throws IllegalArgumentException if {@code frame} is null or not a valid frame
     */
    public IoFuture<Void> send(T frame) {
        return new Op<>(this, encode.apply(Args.notNull(frame, "frame")), Op.FLUSH);
    }

    /**
     * Writes every buffered frame out, then flushes the writer. Cancel-safe: what was not
     * written yet stays buffered.
     *
     * @return the future, done when everything fed so far was written and flushed
     */
    public IoFuture<Void> flush() {
        return new Op<>(this, null, Op.FLUSH);
    }

    /**
     * Writes every buffered frame out, then shuts the writer down (a half-close: the peer reads
     * the end of the stream after the last frame). Cancel-safe: it can be started again.
     *
     * @return the future, done when the writer is shut down
     */
    public IoFuture<Void> shutdown() {
        return new Op<>(this, null, Op.SHUTDOWN);
    }

    /** {@return how many encoded bytes wait in the write buffer} */
    public int buffered() {
        return end - start;
    }

    /** Writes out until fewer than {@code below} bytes wait; true when that is so. */
    private boolean pollWriteOut(Context cx, int below) throws IOException {
        while (end - start >= below) {
            view.limit(end).position(start);
            int n = dst.pollWrite(cx, view);
            if (n == Io.PENDING) {
                return false;
            }
            start += IoChecks.checkWrite(n, dst);
        }
        if (start == end) {
            start = 0;
            end = 0;
            if (out.length > RETAINED) {
                out = new byte[BACKPRESSURE];
                view = ByteBuffer.wrap(out);
            }
        }
        return true;
    }

    /** Encodes an accepted frame into the buffer, after what waits there. */
    private void append(byte[] payload) {
        int need = payload.length + Framed.HEADER_LENGTH;
        if (out.length - end < need) {
            int waiting = end - start;
            byte[] next = waiting + need <= out.length ? out
                    : new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * out.length, (long) waiting + need))];
            System.arraycopy(out, start, next, 0, waiting);
            if (next != out) {
                out = next;
                view = ByteBuffer.wrap(out);
            }
            start = 0;
            end = waiting;
        }
        if (lengthPrefixed) {
            view.clear();
            view.putInt(end, payload.length);
            end += Framed.HEADER_LENGTH;
        }
        System.arraycopy(payload, 0, out, end, payload.length);
        end += payload.length;
        if (!lengthPrefixed) {
            out[end++] = '\n';
        }
    }

    /** One feed, send, flush or shutdown. */
    private static final class Op<T> implements IoFuture<Void> {
        static final int FEED = 0;
        static final int FLUSH = 1;
        static final int SHUTDOWN = 2;

        private FrameWriter<T> w; // null once completed or cancelled
        private byte[] payload; // the frame until it is accepted, then null
        private final int kind;

        Op(FrameWriter<T> w, byte[] payload, int kind) {
            this.w = w;
            this.payload = payload;
            this.kind = kind;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            FrameWriter<T> fw = w;
            if (fw == null) {
                throw new IllegalStateException("frame writer future polled after it completed or was cancelled");
            }
            try {
                if (payload != null) {
                    if (!fw.pollWriteOut(cx, BACKPRESSURE)) {
                        return Poll.pending();
                    }
                    fw.append(payload);
                    payload = null;
                }
                if (kind != FEED) {
                    if (!fw.pollWriteOut(cx, 1)) {
                        return Poll.pending();
                    }
                    if (!(kind == SHUTDOWN ? fw.dst.pollShutdown(cx) : fw.dst.pollFlush(cx))) {
                        return Poll.pending();
                    }
                }
            } catch (IOException e) {
                w = null;
                return Poll.failed(e);
            }
            w = null;
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            w = null;
            payload = null;
        }
    }
}
