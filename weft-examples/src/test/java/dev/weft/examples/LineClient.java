package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.future.Stream;
import dev.weft.io.BufReader;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** A client of a line-based server, for the example servers' tests. Call from a coroutine. */
record LineClient(TcpStream socket, Stream<String> lines) {
    /** Longer than any wait a test expects (the kv idle timeout is 30 s of virtual time). */
    static final Duration PATIENCE = Duration.ofMinutes(1);

    static LineClient connect(TcpListener listener) throws Exception {
        TcpStream s = TcpStream.connect(listener.localAddress()).await();
        return new LineClient(s, new BufReader(s).lines());
    }

    void say(String line) throws IOException {
        socket.writeAll(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8))).await();
    }

    /** @return the next line, or empty once the server closed the connection */
    Optional<String> next() throws Exception {
        return Weft.timeout(PATIENCE, lines.next()).await();
    }

    /** @return the next line; fails if the connection closed instead */
    String hear() throws Exception {
        return next().orElseThrow(() -> new AssertionError("the server closed the connection"));
    }

    /** @return the reply to {@code line} */
    String ask(String line) throws Exception {
        say(line);
        return hear();
    }
}
