package dev.weft.net;

import static dev.weft.net.NetFixture.read;
import static dev.weft.net.NetFixture.utf8;
import static dev.weft.net.NetFixture.writeAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.sync.Semaphore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 20,000 connections opened, used and closed against an echo server, a random fifth of them
 * reset by the client instead of closed; afterwards the process's open descriptors and the
 * reactor's registrations are back where they started. Seeded (the seed is in every failure
 * message; rerun with {@code -Dweft.stress.seed=...}), bounded to 60 s.
 */
@Tag("stress")
class ChurnStressTest {
    static final int CONNECTIONS = 20_000;
    static final int AT_ONCE = 64;

    static long openDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    @Test
    @Timeout(60)
    void descriptorsAndRegistrationsReturnToBaseline() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd (Linux)");
        long seed = Long.getLong("weft.stress.seed", System.nanoTime());
        String where = "seed=" + seed;
        try (Runtime rt = Runtime.builder().enableAll().workerThreads(2).build()) {
            rt.blockOn(Async.async(() -> {
                TcpListener listener = TcpListener.bind("127.0.0.1:0");
                InetSocketAddress addr = listener.localAddress();
                AtomicLong served = new AtomicLong();
                JoinHandle<Void> server = Weft.spawn(() -> {
                    for (;;) {
                        TcpStream s = listener.accept().await();
                        Weft.spawn(() -> {
                            try (s) {
                                served.addAndGet(NetFixture.echo(s));
                            } catch (IOException reset) {
                                // the client reset the connection: expected for some
                            }
                            return null;
                        });
                    }
                });
                var metrics = Handle.current();
                long baseFds = openDescriptors();
                int baseRegs = metrics.metrics().ioRegistrations();
                var root = new SplittableRandom(seed);
                Semaphore limit = new Semaphore(AT_ONCE);
                List<JoinHandle<Void>> clients = new ArrayList<>(CONNECTIONS);
                for (int i = 0; i < CONNECTIONS; i++) {
                    var rnd = root.split();
                    var permit = limit.acquire().await();
                    clients.add(Weft.spawn(() -> {
                        try (permit; TcpStream c = TcpStream.connect(addr).await()) {
                            ByteBuffer in = ByteBuffer.allocate(16);
                            writeAll(c, utf8("ping"));
                            while (in.position() < 4) {
                                read(c, in);
                            }
                            if (rnd.nextInt(5) == 0) {
                                c.setOption(StandardSocketOptions.SO_LINGER, 0); // reset instead of close
                            }
                        }
                        return null;
                    }));
                }
                for (var c : clients) {
                    c.await();
                }
                long fds = 0;
                int regs = 0;
                for (int i = 0; i < 500; i++) { // server tasks finish their echo a moment later
                    fds = openDescriptors();
                    regs = metrics.metrics().ioRegistrations();
                    if (fds <= baseFds && regs <= baseRegs) {
                        break;
                    }
                    Weft.sleep(java.time.Duration.ofMillis(10)).await();
                }
                assertEquals(baseRegs, regs, where + ": registrations after the churn");
                assertTrue(fds <= baseFds, where + ": " + fds + " descriptors open after, " + baseFds + " before");
                assertTrue(served.get() > 0, where);
                server.abort();
                listener.close();
                return null;
            }));
        }
    }
}
