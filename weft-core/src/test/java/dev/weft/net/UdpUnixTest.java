package dev.weft.net;

import static dev.weft.net.NetFixture.runtime;
import static dev.weft.net.NetFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.io.Io;
import dev.weft.runtime.Runtime;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UdpUnixTest {

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void udpEchoesDatagramsAndTellsTheSender(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            String reply = rt.blockOn(Async.async(() -> {
                UdpSocket server = UdpSocket.bind("127.0.0.1:0");
                Weft.spawn(() -> {
                    ByteBuffer buf = ByteBuffer.allocate(1500);
                    for (;;) {
                        buf.clear();
                        SocketAddress from = server.recvFrom(buf).await();
                        buf.flip();
                        server.sendTo(buf, from).await();
                    }
                });
                try (UdpSocket client = UdpSocket.bind("127.0.0.1:0")) {
                    client.connect(server.localAddress());
                    assertEquals(server.localAddress(), client.peerAddress());
                    client.send(utf8("ping")).await();
                    ByteBuffer in = ByteBuffer.allocate(100);
                    int n = client.recv(in).await();
                    server.close();
                    return new String(in.array(), 0, n, StandardCharsets.UTF_8);
                }
            }));
            assertEquals("ping", reply);
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void unixSocketsEchoAndTheListenerRemovesItsFile(boolean multiThread, @TempDir Path dir) throws Exception {
        Path sock = dir.resolve("echo.sock");
        try (Runtime rt = runtime(multiThread)) {
            String reply = rt.blockOn(Async.async(() -> {
                try (UnixListener listener = UnixListener.bind(sock)) {
                    Weft.spawn(() -> {
                        try (UnixStream s = listener.accept().await()) {
                            ByteBuffer buf = ByteBuffer.allocate(64);
                            for (;;) {
                                buf.clear();
                                if (NetFixture.read(s, buf) == Io.EOF) {
                                    s.shutdownOutput();
                                    return null;
                                }
                                buf.flip();
                                NetFixture.writeAll(s, buf);
                            }
                        }
                    });
                    try (UnixStream c = UnixStream.connect(sock).await()) {
                        NetFixture.writeAll(c, utf8("over unix"));
                        c.shutdownOutput();
                        StringBuilder sb = new StringBuilder();
                        ByteBuffer buf = ByteBuffer.allocate(64);
                        for (;;) {
                            buf.clear();
                            int n = NetFixture.read(c, buf);
                            if (n == Io.EOF) {
                                return sb.toString();
                            }
                            sb.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                        }
                    }
                }
            }));
            assertEquals("over unix", reply);
            assertFalse(Files.exists(sock));
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void connectingToAMissingUnixSocketFails(boolean multiThread, @TempDir Path dir) {
        try (Runtime rt = runtime(multiThread)) {
            assertThrows(java.net.SocketException.class,
                    () -> rt.blockOn(Async.async(() -> UnixStream.connect(dir.resolve("none.sock")).await())));
        }
    }
}
