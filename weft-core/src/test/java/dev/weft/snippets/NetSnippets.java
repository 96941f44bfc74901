package dev.weft.snippets;

import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.nio.ByteBuffer;

/** Examples for the package {@code dev.weft.net}; each method runs inside a runtime. */
final class NetSnippets {
    private NetSnippets() {
    }

    static void echoServer() throws Exception {
        // @start region="package"
        TcpListener listener = TcpListener.bind("127.0.0.1:8080");
        for (;;) {
            TcpStream socket = listener.accept().await();
            Weft.spawn(() -> {
                ByteBuffer buf = ByteBuffer.allocate(1024);
                for (;;) {
                    buf.clear();
                    if (socket.read(buf).await() == Io.EOF) return null;
                    buf.flip();
                    socket.writeAll(buf).await();
                }
            });
        }
        // @end
    }
}
