package dev.weft.net;

import static dev.weft.net.NetFixture.echo;
import static dev.weft.net.NetFixture.readToEnd;
import static dev.weft.net.NetFixture.runtime;
import static dev.weft.net.NetFixture.utf8;
import static dev.weft.net.NetFixture.writeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TcpTest {

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void echoesManyConnectionsAtOnce(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            List<String> replies = rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:0");
                InetSocketAddress addr = listener.localAddress();
                Weft.spawn(() -> {
                    for (;;) {
                        TcpStream s = listener.accept().await();
                        Weft.spawn(() -> {
                            try (s) {
                                return echo(s);
                            }
                        });
                    }
                });
                List<JoinHandle<String>> clients = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    String msg = "hello " + i + " ".repeat(i * 100);
                    clients.add(Weft.spawn(() -> {
                        try (TcpStream c = TcpStream.connect(addr).await()) {
                            writeAll(c, utf8(msg));
                            c.shutdownOutput();
                            return readToEnd(c);
                        }
                    }));
                }
                List<String> out = new ArrayList<>();
                for (var h : clients) {
                    out.add(h.await());
                }
                listener.close();
                return out;
            }));
            for (int i = 0; i < 50; i++) {
                assertEquals("hello " + i + " ".repeat(i * 100), replies.get(i));
            }
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void connectRefusedIsTheConnectsFailure(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            int freePort;
            try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                freePort = s.getLocalPort(); // closed at once: nothing listens there afterwards
            }
            var e = assertThrows(java.net.ConnectException.class,
                    () -> rt.blockOn(Async.async(() -> TcpStream.connect("127.0.0.1:" + freePort).await())));
            assertTrue(e.getMessage().contains("refused"), e.getMessage());
        }
    }
}
