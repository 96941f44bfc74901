package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A current-thread runtime whose only other work is a coroutine that keeps yielding still polls
 * its sockets. Each turn then runs a task or two and never parks (where I/O used to be polled,
 * besides full batches), so a socket's data waited until the yielding stopped; weft-test's leak
 * check, which yields while it waits, never saw a closed client's task end.
 */
@Timeout(30)
class YieldingDoesNotStarveIoTest {

    @Test
    void aSocketIsReadWhileAnotherCoroutineKeepsYielding() throws Exception {
        try (Runtime rt = Runtime.builder().currentThread().enableAll().build()) {
            int yields = rt.blockOn(Async.async(() -> {
                try (TcpListener l = TcpListener.bind("127.0.0.1:0");
                        TcpStream client = TcpStream.connect(l.localAddress()).await();
                        TcpStream server = l.accept().await()) {
                    AtomicBoolean got = new AtomicBoolean();
                    JoinHandle<Void> reader = Weft.spawn(() -> {
                        server.read(ByteBuffer.allocate(1)).await();
                        got.set(true);
                        return null;
                    });
                    Weft.yieldNow().await(); // the reader waits for its byte
                    client.write(ByteBuffer.wrap(new byte[] {1})).await();
                    int i = 0;
                    while (!got.get() && i < 100_000) {
                        Weft.yieldNow().await();
                        i++;
                    }
                    reader.abort();
                    return got.get() ? i : -1;
                }
            }));
            assertTrue(yields >= 0, "the byte was never read while a coroutine kept yielding (100,000 yields)");
        }
    }
}
