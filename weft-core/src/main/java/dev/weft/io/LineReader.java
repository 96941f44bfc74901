package dev.weft.io;

import dev.weft.future.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits an {@link AsyncBufRead} into UTF-8 lines: the state behind {@link AsyncBufRead#readLine},
 * {@link AsyncBufRead#lines} and {@link Framed#lines}. A line ends at {@code \n}; a {@code \r}
 * right before it is dropped too; a last line without {@code \n} is a line. The bytes of a line
 * are consumed from the reader as they arrive and kept here until the line is complete, so the
 * owner of this object owns any partial line.
 */
final class LineReader {
    private static final byte[] NO_BYTES = new byte[0];
    /** A line buffer larger than this is dropped after its line, not kept for the next. */
    private static final int RETAINED = 64 * 1024;

    private final AsyncBufRead src;
    private final int maxLength;
    private byte[] line = NO_BYTES;
    private int len;
    private boolean eof;

    /**
     * @param src the reader
     * @param maxLength the longest line accepted, in bytes without the terminator
     */
    LineReader(AsyncBufRead src, int maxLength) {
        this.src = src;
        this.maxLength = maxLength;
    }

    /**
     * @return the next line, {@link #END} at the end of the stream, or {@code null} if pending
     *         (this is internal: the public surfaces turn it into an Optional or a stream end)
     * @throws IOException a fault of the reader, a line over the maximum, or malformed UTF-8
     */
    String poll(Context cx) throws IOException {
        for (;;) {
            if (eof) {
                return len == 0 ? END : take(false);
            }
            int n = src.pollFillBuf(cx);
            if (n == Io.PENDING) {
                return null;
            }
            if (n == 0) {
                eof = true;
                continue;
            }
            ByteBuffer b = src.buffer();
            int start = b.position();
            int limit = b.limit();
            int nl = start;
            while (nl < limit && b.get(nl) != '\n') {
                nl++;
            }
            append(b, start, nl - start);
            if (nl < limit) {
                src.consume(nl - start + 1);
                return take(true);
            }
            src.consume(limit - start);
        }
    }

    private void append(ByteBuffer b, int from, int n) throws IOException {
        // one byte over the maximum is allowed for a '\r' that a '\n' may still drop
        if ((long) len + n > (long) maxLength + 1) {
            throw tooLong();
        }
        if (len + n > line.length) {
            line = Arrays.copyOf(line, Math.max(len + n, Math.max(80, (int) Math.min(Integer.MAX_VALUE - 8, line.length * 2L))));
        }
        b.get(from, line, len, n);
        len += n;
    }

    private String take(boolean newline) throws IOException {
        int n = len;
        if (newline && n > 0 && line[n - 1] == '\r') {
            n--;
        }
        if (n > maxLength) {
            throw tooLong();
        }
        len = 0;
        String s = Text.decode(line, 0, n, StandardCharsets.UTF_8);
        if (line.length > RETAINED) {
            line = NO_BYTES;
        }
        return s;
    }

    private IOException tooLong() {
        return new IOException("line longer than the maximum of " + maxLength + " bytes");
    }

    /** The marker {@link #poll} returns at the end of the stream (compared by identity). */
    static final String END = new String("<end of stream>");
}
