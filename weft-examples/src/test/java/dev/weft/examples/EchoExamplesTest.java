package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The echo server and its load generator, in one runtime on a free port. */
class EchoExamplesTest {

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void theClientMeasuresRoundTripsAgainstTheServer() throws Exception {
        TcpListener listener = TcpListener.bind("127.0.0.1:0");
        var server = Weft.spawn(() -> EchoServer.acceptLoop(listener));
        String line = EchoClient.run("127.0.0.1:" + listener.localAddress().getPort(), 4, 0.3);
        server.abort();
        listener.close();
        assertTrue(line.matches("4 connections: [\\d,]+ round trips in 0\\.\\ds = [\\d,]+ round trips/s, "
                + "p50 \\d+ µs, p99 \\d+ µs"), line);
    }

    @WeftTest
    void theServerEchoesAndLogsAResetPeer() throws Exception {
        var err = new java.io.ByteArrayOutputStream();
        var oldErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            TcpListener listener = TcpListener.bind("127.0.0.1:0");
            var server = Weft.spawn(() -> EchoServer.acceptLoop(listener));
            try (TcpStream c = TcpStream.connect(listener.localAddress()).await()) {
                c.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8))).await();
                ByteBuffer in = ByteBuffer.allocate(5);
                while (in.hasRemaining()) {
                    c.read(in).await();
                }
                assertEquals("hello", new String(in.array(), StandardCharsets.UTF_8));
            }
            TcpStream r = TcpStream.connect(listener.localAddress()).await();
            r.write(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8))).await();
            r.read(ByteBuffer.allocate(1)).await();
            r.setOption(java.net.StandardSocketOptions.SO_LINGER, 0);
            r.close(); // RST: the server's next read fails and is logged
            // up to 10 s: the server's failed read is logged by its own task, later on a loaded machine
            for (int i = 0; i < 1000 && !err.toString(StandardCharsets.UTF_8).contains("Read error"); i++) {
                Weft.sleep(java.time.Duration.ofMillis(10)).await();
            }
            server.abort();
            listener.close();
            assertTrue(err.toString(StandardCharsets.UTF_8).matches("(?s)Read error from /127\\.0\\.0\\.1:\\d+: .*reset.*"),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
        }
    }
}
