package dev.weft.snippets;

import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.BufReader;
import dev.weft.future.Stream;
import dev.weft.io.Io;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Examples for the package {@code dev.weft.io}; each method runs inside a runtime. */
final class IoSnippets {
    private IoSnippets() {
    }

    /** Echoes what {@code socket} reads back to it, until the peer closes its side. */
    static <S extends AsyncRead & AsyncWrite> void echo(S socket) throws Exception {
        // @start region="package"
        ByteBuffer buf = ByteBuffer.allocate(1024);
        for (;;) {
            buf.clear();
            int n = socket.read(buf).await();
            if (n == Io.EOF) break;
            buf.flip();
            socket.writeAll(buf).await();
        }
        // @end
    }

    /** Prints the lines of standard input, numbered; compiled, not run (it reads the real stdin). */
    static void stdinLines() throws Exception {
        // @start region="stdin-lines"
        Stream<String> lines = new BufReader(Io.stdin()).lines(); // one reader for the program
        Optional<String> line;
        for (int n = 1; (line = lines.next().await()).isPresent(); n++) {
            System.out.println(n + ": " + line.get());
        }
        // @end
    }

    /** Writes a greeting to standard output; compiled, not run. */
    static void stdout() throws Exception {
        // @start region="stdout"
        AsyncWrite out = Io.stdout();                               // one writer: writes stay in order
        out.writeAll(ByteBuffer.wrap("hello\n".getBytes(StandardCharsets.UTF_8))).await();
        out.writeAll(ByteBuffer.wrap("world\n".getBytes(StandardCharsets.UTF_8))).await();
        out.flush().await();                                        // both written before we go on
        // @end
    }
}
