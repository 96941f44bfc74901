package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.CancelledException;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.sync.Notify;
import dev.weft.time.Clock;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadPerCoreTest {

    private static ThreadPerCore cores(int n) {
        return Runtime.builder().enableAll().threadPerCore().cores(n).build();
    }

    @Test
    void eachCoreRunsItsOwnBodyAndWhatItSpawnsStaysThere() throws Exception {
        try (ThreadPerCore tpc = cores(3)) {
            List<JoinHandle<String>> hs = tpc.onEachCore(i -> () -> {
                int here = tpc.currentCore();
                StringBuilder seen = new StringBuilder().append(here);
                for (int round = 0; round < 20; round++) {
                    seen.append(Weft.spawn(() -> {
                        Weft.yieldNow().await();
                        return tpc.currentCore();
                    }).await() == here ? "" : "!");
                    Weft.yieldNow().await();
                    if (tpc.currentCore() != here) {
                        seen.append("moved");
                    }
                }
                return i + ":" + seen;
            });
            List<String> out = new ArrayList<>();
            for (JoinHandle<String> h : hs) {
                out.add(h.await());
            }
            assertEquals(List.of("0:0", "1:1", "2:2"), out);
            assertEquals(-1, tpc.currentCore(), "outside the cores");
        }
    }

    @Test
    void spawnFromOutsidePlacesTasksRoundRobin() throws Exception {
        try (ThreadPerCore tpc = cores(2)) {
            List<Integer> where = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                where.add(tpc.spawn(tpc::currentCore).await());
            }
            assertEquals(List.of(0, 1, 0, 1, 0, 1), where);
        }
    }

    @Test
    void coresShareAPortThroughReusePortAndServeEveryConnection() throws Exception {
        int port;
        try (var probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int clients = 40;
        AtomicInteger served = new AtomicInteger();
        CountDownLatch bound = new CountDownLatch(2);
        try (ThreadPerCore tpc = cores(2)) {
            tpc.onEachCore(i -> () -> {
                TcpListener l = TcpListener.bindReusePort("127.0.0.1:" + port);
                bound.countDown();
                for (;;) {
                    TcpStream s = l.accept().await();
                    Weft.spawn(() -> {
                        try (s) {
                            ByteBuffer buf = ByteBuffer.allocate(64);
                            while (s.read(buf).await() != Io.EOF) {
                                buf.flip();
                                s.writeAll(buf).await();
                                buf.clear();
                            }
                            served.incrementAndGet();
                        }
                        return null;
                    });
                }
            });
            assertTrue(bound.await(20, TimeUnit.SECONDS), "both cores bound the port");
            for (int c = 0; c < clients; c++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = s.getInputStream();
                    out.write(("hello " + c).getBytes());
                    byte[] back = in.readNBytes(("hello " + c).length());
                    assertEquals("hello " + c, new String(back));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (served.get() < clients && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(clients, served.get());
        }
    }

    @Test
    void closeCancelsTheTasksOfEveryCoreAndTheirFinallyBlocksRun() throws Exception {
        AtomicInteger unwound = new AtomicInteger();
        CountDownLatch waiting = new CountDownLatch(2);
        ThreadPerCore tpc = cores(2);
        List<JoinHandle<Void>> hs = tpc.onEachCore(i -> () -> {
            Notify never = new Notify();
            try {
                waiting.countDown();
                never.notified().await();
                return null;
            } catch (CancelledException e) {
                throw e;
            } finally {
                unwound.incrementAndGet();
            }
        });
        assertTrue(waiting.await(20, TimeUnit.SECONDS));
        tpc.close();
        assertEquals(2, unwound.get());
        for (JoinHandle<Void> h : hs) {
            JoinError e = assertThrows(JoinError.class, h::await);
            assertTrue(e.isShutdown(), String.valueOf(e));
        }
        tpc.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> tpc.spawn(() -> 1));
    }

    @Test
    void badSettingsAndMisuseAreRefusedClearly() throws Exception {
        var e1 = assertThrows(IllegalArgumentException.class, () -> Runtime.builder().threadPerCore().cores(0));
        assertTrue(e1.getMessage().contains("cores"), e1.getMessage());
        var e2 = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().enableAll().startPaused(true).threadPerCore().build());
        assertTrue(e2.getMessage().contains("paused clock"), e2.getMessage());
        assertThrows(IllegalStateException.class,
                () -> Runtime.builder().enableAll().clock(Clock.paused()).threadPerCore().build());
        var e3 = assertThrows(IllegalStateException.class,
                () -> Runtime.builder().deterministic(7).threadPerCore().build());
        assertTrue(e3.getMessage().contains("deterministic"), e3.getMessage());
        try (ThreadPerCore tpc = cores(1)) {
            var e4 = assertThrows(IllegalArgumentException.class, () -> tpc.handle(1));
            assertTrue(e4.getMessage().contains("core"), e4.getMessage());
            assertThrows(IllegalArgumentException.class, () -> tpc.onEachCore(null));
            Throwable inside = tpc.spawn(() -> {
                try {
                    tpc.close();
                    return null;
                } catch (IllegalStateException expected) {
                    return expected;
                }
            }).await();
            assertTrue(inside instanceof IllegalStateException, String.valueOf(inside));
            var e5 = assertThrows(IllegalArgumentException.class,
                    () -> tpc.spawn(() -> TcpListener.bindReusePort("127.0.0.1:0")).await());
            assertTrue(e5.getMessage().contains("hostPort"), e5.getMessage());
        }
    }
}
