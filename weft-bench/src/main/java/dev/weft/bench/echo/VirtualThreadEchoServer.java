package dev.weft.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A virtual thread per connection with blocking {@code java.net.Socket} streams (JDK default scheduler). */
final class VirtualThreadEchoServer {
    private VirtualThreadEchoServer() {
    }

    static void serve(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress())) {
            EchoServer.announce(server.getLocalPort());
            for (;;) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> {
                    try {
                        echo(socket);
                    } catch (IOException e) {
                        // a reset peer ends its connection, not the server
                    }
                });
            }
        }
    }

    /** Reads into a 1 KiB array and writes back what came, until the peer closes. */
    static Void echo(Socket socket) throws IOException {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        }
        return null;
    }
}
