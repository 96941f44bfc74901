package dev.weft.snippets;

import dev.weft.io.AsyncRead;
import dev.weft.io.AsyncWrite;
import dev.weft.io.Io;
import java.nio.ByteBuffer;

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
}
