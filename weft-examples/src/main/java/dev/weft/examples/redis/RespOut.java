package dev.weft.examples.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The replies a connection has not yet written, RESP2-encoded into one growable array, so a
 * pipeline's replies leave in one write. {@link #view()} is what to write; {@link #consumed}
 * drops what the socket took. A buffer grown by a large reply shrinks back once empty. Not
 * thread-safe: one per connection.
 */
final class RespOut {
    private static final int INITIAL = 16 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NIL = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[INITIAL];
    private int start; // first byte not yet written
    private int end;   // one past the last byte
    private ByteBuffer view = ByteBuffer.wrap(buf);

    /** {@return how many bytes wait to be written} */
    int pending() {
        return end - start;
    }

    /** {@return the pending bytes, as a buffer to write from (valid until the next append)} */
    ByteBuffer view() {
        return view.limit(end).position(start);
    }

    /** Drops the first {@code n} pending bytes: the socket took them. */
    void consumed(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > 4 * INITIAL) {
                buf = new byte[INITIAL];
                view = ByteBuffer.wrap(buf);
            }
        }
    }

    void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, end, bytes.length);
        end += bytes.length;
    }

    void simple(String s) {
        line('+', s);
    }

    void error(String message) {
        line('-', message);
    }

    void integer(long v) {
        line(':', Long.toString(v));
    }

    void arrayHeader(int n) {
        line('*', Integer.toString(n));
    }

    /** A bulk string, or the nil bulk for null. */
    void bulk(byte[] value) {
        if (value == null) {
            raw(NIL);
            return;
        }
        line('$', Integer.toString(value.length));
        raw(value);
        raw(CRLF);
    }

    void bulk(String value) {
        bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    private void line(char type, String s) {
        ensure(s.length() + 3);
        buf[end++] = (byte) type;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            buf[end++] = c == '\r' || c == '\n' ? (byte) ' ' : (byte) c; // a line stays one line
        }
        buf[end++] = '\r';
        buf[end++] = '\n';
    }

    private void ensure(int more) {
        if (buf.length - end >= more) {
            return;
        }
        if (start > 0) { // move the pending bytes to the front first
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
            if (buf.length - end >= more) {
                return;
            }
        }
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, end + more));
        view = ByteBuffer.wrap(buf);
    }

    /** {@return a message frame as a subscriber receives it, encoded once for all of them} */
    static byte[] message(byte[] channel, byte[] payload) {
        RespOut o = new RespOut();
        o.arrayHeader(3);
        o.bulk(MESSAGE);
        o.bulk(channel);
        o.bulk(payload);
        return Arrays.copyOf(o.buf, o.end);
    }

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
}
