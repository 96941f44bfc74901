package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.io.internal.IoChecks;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@link Framed#lengthDelimited}: frames of a 4-byte big-endian unsigned length, then that many
 * bytes. The partial header and payload live in the stream, so a cancelled {@code next()} loses
 * nothing. A length over the maximum fails the stream before any payload is allocated.
 */
final class LengthDelimitedStream implements Stream<byte[]> {
    private AsyncRead src; // null once ended, failed or cancelled
    private final int maxFrameLength;
    private final ByteBuffer header = ByteBuffer.allocate(Framed.HEADER_LENGTH);
    private ByteBuffer payload; // the frame being read, after its header

    LengthDelimitedStream(AsyncRead src, int maxFrameLength) {
        this.src = src;
        this.maxFrameLength = maxFrameLength;
    }

    @Override
    public Poll<byte[]> pollNext(Context cx) {
        AsyncRead s = src;
        if (s == null) {
            throw new IllegalStateException("length-delimited stream polled after it ended, failed or was cancelled");
        }
        try {
            while (payload == null) {
                int n = s.pollRead(cx, header);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                if (n == Io.EOF) {
                    src = null;
                    if (header.position() == 0) {
                        return Stream.end();
                    }
                    throw new EOFException("end of stream inside a frame header (" + header.position()
                            + " of " + Framed.HEADER_LENGTH + " bytes)");
                }
                IoChecks.checkRead(n, s);
                if (!header.hasRemaining()) {
                    long length = Integer.toUnsignedLong(header.getInt(0));
                    if (length > maxFrameLength) {
                        throw new IOException("frame of " + length + " bytes is longer than maxFrameLength "
                                + maxFrameLength);
                    }
                    header.clear();
                    payload = ByteBuffer.allocate((int) length);
                }
            }
            while (payload.hasRemaining()) {
                int n = s.pollRead(cx, payload);
                if (n == Io.PENDING) {
                    return Poll.pending();
                }
                if (n == Io.EOF) {
                    throw new EOFException("end of stream inside a frame (" + payload.position() + " of "
                            + payload.capacity() + " bytes)");
                }
                IoChecks.checkRead(n, s);
            }
        } catch (IOException e) {
            src = null;
            payload = null;
            return Poll.failed(e);
        }
        byte[] frame = payload.array();
        payload = null;
        return Poll.ready(frame);
    }

    @Override
    public void cancel() {
        src = null;
        payload = null;
    }
}
