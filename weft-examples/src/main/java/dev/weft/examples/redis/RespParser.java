package dev.weft.examples.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the requests of one client: RESP2 arrays of bulk strings ({@code *2\r\n$3\r\nGET\r\n
 * $1\r\nk\r\n}), which every client library sends, and inline commands ({@code PING\r\n}), which
 * {@code telnet} and {@code redis-benchmark}'s {@code PING_INLINE} send.
 *
 * <p><b>Implementation notes.</b> Parsing is incremental: {@link #next} consumes every complete
 * element of the buffer, keeping the arguments of a partial request here, so a request that
 * arrives in many reads is scanned once, and the caller's buffer only ever holds one partial
 * element. Nothing is allocated from a header: a bulk length is checked against
 * {@code maxBulk}, and its bytes are copied out only once they have all arrived, so a
 * {@code $1073741824} header costs nothing but an error. The limits and the messages are
 * Redis's ({@code networking.c}: {@code proto-max-bulk-len}, 64 KiB for a header or inline line).
 * Not thread-safe: one per connection.
 */
final class RespParser {
    /** Longest header line or inline request, as Redis's {@code PROTO_INLINE_MAX_SIZE}. */
    static final int MAX_LINE = 64 * 1024;

    private final int maxBulk;
    private final int maxArgs;
    private final long maxRequest;

    // the request being parsed: null between requests
    private List<byte[]> args;
    private int argsLeft;
    private long requestBytes;

    RespParser(int maxBulk, int maxArgs, long maxRequest) {
        this.maxBulk = maxBulk;
        this.maxArgs = maxArgs;
        this.maxRequest = maxRequest;
    }

    /** A request that cannot be parsed: the client gets {@code -ERR <message>} and is closed. */
    static final class ProtocolError extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolError(String message) {
            super("Protocol error: " + message, null, false, false);
        }
    }

    /** {@return whether part of a request has been consumed but not completed} */
    boolean inRequest() {
        return args != null;
    }

    /**
     * Takes the next complete request from {@code buf} (read mode), advancing its position over
     * what was consumed: the request's bytes, or the complete elements of a partial one.
     *
     * @return the request's arguments (empty for an empty request, which is skipped), or null if
     *     the buffer ends inside a request
     * @throws ProtocolError if the bytes are not a request
     */
    List<byte[]> next(ByteBuffer buf) throws ProtocolError {
        if (args == null) {
            if (!buf.hasRemaining()) {
                return null;
            }
            if (buf.get(buf.position()) != '*') {
                return inline(buf);
            }
            int lineEnd = lineEnd(buf, "too big mbulk count string");
            if (lineEnd < 0) {
                return null;
            }
            long n = parseLong(buf, buf.position() + 1, lineEnd);
            buf.position(lineEnd + 2);
            if (n == Long.MIN_VALUE || n > maxArgs) {
                throw new ProtocolError("invalid multibulk length");
            }
            if (n <= 0) {
                return List.of();
            }
            args = new ArrayList<>((int) Math.min(n, 16));
            argsLeft = (int) n;
            requestBytes = 0;
        }
        while (argsLeft > 0) {
            if (!buf.hasRemaining()) {
                return null;
            }
            byte b = buf.get(buf.position());
            if (b != '$') {
                throw new ProtocolError("expected '$', got '" + (char) (b & 0xff) + "'");
            }
            int lineEnd = lineEnd(buf, "too big bulk count string");
            if (lineEnd < 0) {
                return null;
            }
            long len = parseLong(buf, buf.position() + 1, lineEnd);
            if (len < 0 || len > maxBulk) {
                throw new ProtocolError("invalid bulk length");
            }
            if (requestBytes + len > maxRequest) {
                throw new ProtocolError("request larger than " + maxRequest + " bytes");
            }
            int start = lineEnd + 2;
            if (buf.limit() - start < len + 2) {
                return null; // the header is read again with its bytes: they must be contiguous
            }
            byte[] arg = new byte[(int) len];
            buf.get(start, arg);
            buf.position(start + (int) len + 2); // the CRLF after the bytes is skipped, as Redis does
            args.add(arg);
            requestBytes += len;
            argsLeft--;
        }
        List<byte[]> done = args;
        args = null;
        return done;
    }

    private static List<byte[]> inline(ByteBuffer buf) throws ProtocolError {
        int p = buf.position();
        int nl = -1;
        for (int i = p; i < buf.limit(); i++) {
            if (buf.get(i) == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            if (buf.remaining() > MAX_LINE) {
                throw new ProtocolError("too big inline request");
            }
            return null;
        }
        int end = nl > p && buf.get(nl - 1) == '\r' ? nl - 1 : nl;
        byte[] line = new byte[end - p];
        buf.get(p, line);
        buf.position(nl + 1);
        List<byte[]> words = new ArrayList<>();
        for (String w : new String(line, StandardCharsets.ISO_8859_1).trim().split("[ \t]+")) {
            if (!w.isEmpty()) {
                words.add(w.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return words;
    }

    /** {@return the index of the CR of the line at the position, or -1 if it has not arrived} */
    private static int lineEnd(ByteBuffer buf, String tooBig) throws ProtocolError {
        int p = buf.position();
        int limit = Math.min(buf.limit() - 1, p + MAX_LINE);
        for (int i = p; i < limit; i++) {
            if (buf.get(i) == '\r' && buf.get(i + 1) == '\n') {
                return i;
            }
        }
        if (buf.remaining() > MAX_LINE) {
            throw new ProtocolError(tooBig);
        }
        return -1;
    }

    /** {@return the decimal number in {@code [from, to)}, or Long.MIN_VALUE if it is not one} */
    private static long parseLong(ByteBuffer buf, int from, int to) {
        boolean negative = from < to && buf.get(from) == '-';
        int i = negative ? from + 1 : from;
        if (i == to || to - i > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = buf.get(i) - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        return negative ? -v : v;
    }
}
