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
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.io.Io;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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

    /** An echo handler written as a poll-based future: no coroutine, no allocation per poll. */
    static final class PollEcho implements Future<Long> {
        private final TcpStream s;
        private final ByteBuffer buf = ByteBuffer.allocate(1024);
        private boolean writing;
        private long total;

        PollEcho(TcpStream s) {
            this.s = s;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            try {
                for (;;) {
                    if (writing) {
                        while (buf.hasRemaining()) {
                            if (s.pollWrite(cx, buf) == Io.PENDING) {
                                return Poll.pending();
                            }
                        }
                        writing = false;
                        buf.clear();
                    }
                    int n = s.pollRead(cx, buf);
                    if (n == Io.PENDING) {
                        return Poll.pending();
                    }
                    if (n == Io.EOF) {
                        s.close();
                        return Poll.ready(total);
                    }
                    total += n;
                    buf.flip();
                    writing = true;
                }
            } catch (java.io.IOException e) {
                s.close();
                return Poll.failed(e);
            }
        }
    }

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aHandWrittenPollFutureServesConnections(boolean multiThread) throws Exception {
        try (Runtime rt = runtime(multiThread)) {
            long served = rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:0");
                Handle h = Handle.current();
                List<JoinHandle<Long>> handlers = new ArrayList<>();
                JoinHandle<Void> acceptor = h.spawn(new Future<Void>() {
                    @Override
                    public Poll<Void> poll(Context cx) {
                        for (;;) {
                            Poll<TcpStream> p = listener.pollAccept(cx);
                            if (!p.isReady()) {
                                return Poll.pending();
                            }
                            synchronized (handlers) {
                                handlers.add(h.spawn(new PollEcho(p.get())));
                            }
                        }
                    }
                });
                for (int i = 0; i < 20; i++) {
                    try (TcpStream c = TcpStream.connect(listener.localAddress()).await()) {
                        writeAll(c, utf8("x".repeat(5000 + i)));
                        c.shutdownOutput();
                        assertEquals(5000 + i, readToEnd(c).length());
                    }
                }
                acceptor.abort();
                listener.close();
                long sum = 0;
                synchronized (handlers) {
                    for (var hd : handlers) {
                        sum += hd.await();
                    }
                }
                return sum;
            }));
            long expected = 0;
            for (int i = 0; i < 20; i++) {
                expected += 5000 + i;
            }
            assertEquals(expected, served);
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
