package dev.weft.examples.redis;

import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plain-socket RESP client for the server's tests: sends arrays of bulk strings (or raw bytes)
 * and reads replies as text: {@code OK} for {@code +OK}, {@code -ERR ...} for an error, the
 * digits of an integer, a bulk's bytes, {@code (nil)}, {@code [a, b]} for an array. Call from a
 * coroutine.
 */
final class RespClient implements AutoCloseable {
    /** Longer than any wait a test expects (idle timeouts are seconds of virtual time). */
    static final Duration PATIENCE = Duration.ofMinutes(10);

    final TcpStream socket;
    private final ByteBuffer in = ByteBuffer.allocate(4 << 20);
    private int at; // parse position in [0, in.position())

    private RespClient(TcpStream socket) {
        this.socket = socket;
    }

    static RespClient connect(TcpListener listener) throws Exception {
        return new RespClient(TcpStream.connect(listener.localAddress()).await());
    }

    static byte[] encode(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    void send(String... args) throws IOException {
        raw(encode(args));
    }

    void raw(byte[] bytes) throws IOException {
        socket.writeAll(ByteBuffer.wrap(bytes)).await();
    }

    void raw(String s) throws IOException {
        raw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    String ask(String... args) throws Exception {
        send(args);
        return reply();
    }

    /** {@return the next reply; fails if the server closed the connection first} */
    String reply() throws Exception {
        return next().orElseThrow(() -> new AssertionError("the server closed the connection"));
    }

    /** {@return the next reply, or empty once the server closed the connection} */
    Optional<String> next() throws Exception {
        for (;;) {
            int start = at;
            String r = parse();
            if (r != null) {
                return Optional.of(r);
            }
            at = start;
            if (!in.hasRemaining()) {
                in.limit(in.position()).position(at);
                in.compact();
                at = 0;
            }
            int n = Weft.timeout(PATIENCE, socket.read(in)).await();
            if (n == Io.EOF) {
                return Optional.empty();
            }
        }
    }

    /** {@return whether the server closed the connection (EOF or reset) before {@code PATIENCE}} */
    boolean closedByServer() throws Exception {
        try {
            while (next().isPresent()) {
                // replies sent before the close
            }
            return true;
        } catch (IOException reset) {
            return true;
        }
    }

    private String line() {
        for (int i = at; i + 1 < in.position(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n') {
                byte[] b = new byte[i - at];
                in.get(at, b);
                at = i + 2;
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private String parse() {
        String l = line();
        if (l == null) {
            return null;
        }
        String body = l.substring(1);
        switch (l.charAt(0)) {
            case '+', ':' -> {
                return body;
            }
            case '-' -> {
                return l;
            }
            case '$' -> {
                int len = Integer.parseInt(body);
                if (len < 0) {
                    return "(nil)";
                }
                if (in.position() - at < len + 2) {
                    return null;
                }
                byte[] b = new byte[len];
                in.get(at, b);
                at += len + 2;
                return new String(b, StandardCharsets.UTF_8);
            }
            case '*' -> {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < Integer.parseInt(body); i++) {
                    String item = parse();
                    if (item == null) {
                        return null;
                    }
                    items.add(item);
                }
                return items.toString();
            }
            default -> throw new AssertionError("not a RESP reply: " + l);
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
