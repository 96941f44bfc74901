package dev.weft.net;

import static dev.weft.net.NetFixture.read;
import static dev.weft.net.NetFixture.utf8;
import static dev.weft.net.NetFixture.writeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.Runtime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With every descriptor of the process in use, accept fails with "Too many open files": that
 * accept's failure only. The listener stays open, and once descriptors are free the same accept
 * loop serves the connection that waited in the backlog. Runs where the descriptor limit is
 * small enough to exhaust quickly (Linux, soft limit at most 65,536).
 */
@Tag("stress")
class AcceptOutOfDescriptorsStressTest {

    static long softLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                String v = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return v.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(v);
            }
        }
        return Long.MAX_VALUE;
    }

    @Test
    @Timeout(60)
    void theAcceptLoopKeepsServingOnceDescriptorsFreeUp() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/limits")) && softLimit() <= 65_536,
                "needs Linux and a descriptor limit of at most 65,536");
        List<String> acceptErrors = new CopyOnWriteArrayList<>();
        try (Runtime rt = Runtime.builder().enableAll().currentThread().build()) {
            String reply = rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:0");
                var loop = Weft.spawn(() -> {
                    for (;;) {
                        TcpStream s;
                        try {
                            s = listener.accept().await();
                        } catch (IOException e) {
                            acceptErrors.add(e.getMessage());
                            Weft.sleep(Duration.ofMillis(5)).await();
                            continue;
                        }
                        Weft.spawn(() -> {
                            try (s) {
                                return NetFixture.echo(s);
                            }
                        });
                    }
                });
                // warm up every class the client path needs while descriptors are still free
                try (TcpStream warm = TcpStream.connect(listener.localAddress()).await()) {
                    writeAll(warm, utf8("w"));
                    read(warm, ByteBuffer.allocate(1));
                }
                List<FileChannel> hog = new ArrayList<>();
                Path devNull = Path.of("/dev/null");
                TcpStream client;
                try {
                    try {
                        for (;;) {
                            hog.add(FileChannel.open(devNull));
                        }
                    } catch (IOException full) {
                        assertTrue(full.getMessage().contains("Too many open files"), full.getMessage());
                    }
                    hog.removeLast().close(); // one descriptor for the client's socket
                    client = TcpStream.connect(listener.localAddress()).await();
                    for (int i = 0; i < 200 && acceptErrors.isEmpty(); i++) {
                        Weft.sleep(Duration.ofMillis(5)).await(); // accept runs out of descriptors
                    }
                } finally {
                    for (FileChannel c : hog) {
                        c.close();
                    }
                }
                writeAll(client, utf8("served"));
                client.shutdownOutput();
                String got = NetFixture.readToEnd(client);
                client.close();
                loop.abort();
                listener.close();
                return got;
            }));
            assertFalse(acceptErrors.isEmpty(), "accept never failed");
            assertTrue(acceptErrors.get(0).contains("Too many open files"), acceptErrors.toString());
            assertEquals("served", reply);
        }
    }
}
