package dev.weft.net;

import static dev.weft.net.NetFixture.runtime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.Runtime;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compatibility path: plain JDK blocking sockets inside coroutines. A blocking call parks
 * the coroutine and the JDK's poller resumes it, so on a current-thread runtime a server and a
 * client coroutine take turns on the one thread.
 */
class JdkBlockingSocketsTest {

    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void blockingStreamsInCoroutinesEcho(boolean multiThread) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(dev.weft.testkit.Modes.continuation(), dev.weft.testkit.Modes.NO_BLOCKING_PROMISE);
        try (Runtime rt = runtime(multiThread)) {
            String got = rt.blockOn(Async.async(() -> {
                try (ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                    var server = Weft.spawn(() -> {
                        try (Socket s = ss.accept(); InputStream in = s.getInputStream();
                                OutputStream out = s.getOutputStream()) {
                            byte[] buf = new byte[1024];
                            int n;
                            while ((n = in.read(buf)) > 0) {
                                out.write(buf, 0, n);
                            }
                        }
                        return null;
                    });
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                        c.getOutputStream().write("compat path".getBytes(StandardCharsets.UTF_8));
                        c.shutdownOutput();
                        String s = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        server.await();
                        return s;
                    }
                }
            }));
            assertEquals("compat path", got);
        }
    }
}
