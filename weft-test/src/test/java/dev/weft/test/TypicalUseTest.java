package dev.weft.test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Async;
import dev.weft.Weft;
import dev.weft.future.Future;
import dev.weft.io.Io;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.JoinSet;
import dev.weft.sync.Mpsc;
import dev.weft.sync.TryRecv;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Elapsed;
import dev.weft.time.Time;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Tests as a Weft user writes them with {@code @WeftTest}: the examples of the package's documentation. */
class TypicalUseTest {

    // ---- a channel ping-pong, on both flavors -------------------------------------------------

    @WeftTest
    void pingPong() throws Exception {
        playPingPong();
    }

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void pingPongAcrossWorkers() throws Exception {
        playPingPong();
    }

    static void playPingPong() throws Exception {
        var pings = Mpsc.<Integer>bounded(1);
        var pongs = Mpsc.<Integer>bounded(1);
        JoinHandle<Integer> ponger = Weft.spawn(() -> {
            int served = 0;
            for (Optional<Integer> n; (n = pings.receiver().recv().await()).isPresent(); served++) {
                pongs.sender().send(n.get() + 1).await();
            }
            pongs.sender().close();
            return served;
        });
        for (int i = 0; i < 100; i += 2) {
            pings.sender().send(i).await();
            assertEquals(Optional.of(i + 1), pongs.receiver().recv().await());
        }
        pings.sender().close();                     // the ponger sees the end and returns
        assertEquals(50, ponger.await());           // joined: nothing is left alive
    }

    // ---- the multi-thread flavor and an injected handle ---------------------------------------

    @WeftTest(flavor = WeftTest.Flavor.MULTI_THREAD, workers = 4)
    void spreadsOverTheWorkers(Handle handle) throws Exception {
        JoinSet<Integer> set = new JoinSet<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            set.spawn(() -> n * n);
        }
        assertEquals(100, set.joinAll().await().size());
        assertEquals(4, handle.metrics().workerCount());
    }

    // ---- timeouts and timers on the paused clock ----------------------------------------------

    @WeftTest(startPaused = true)
    void aSlowCallTimesOutAfterExactlyOneSecond() {
        Instant start = Time.now();
        Future<String> slow = Async.async(() -> {
            Time.sleep(Duration.ofMinutes(5)).await();
            return "late";
        });
        assertThrows(Elapsed.class, () -> Time.timeout(Duration.ofSeconds(1), slow).await());
        assertEquals(Duration.ofSeconds(1), Duration.between(start, Time.now()));   // virtual time, exact
    }

    @WeftTest(startPaused = true)
    void aHeartbeatTicksOncePerMinute() throws Exception {
        var beats = Mpsc.<Instant>unbounded();
        JoinHandle<Void> heart = Weft.spawn(() -> {
            var every = Time.interval(Duration.ofMinutes(1));
            while (true) {
                beats.sender().send(every.tick().await()).await();
            }
        });
        Time.sleep(Duration.ofSeconds(210)).await();  // three and a half minutes, at once
        heart.abort();                                 // an endless task is aborted, not leaked
        List<Duration> seen = new ArrayList<>();
        Instant first = null;
        while (beats.receiver().tryRecv() instanceof TryRecv.Received<Instant>(Instant t)) {
            first = first == null ? t : first;
            seen.add(Duration.between(first, t));
        }
        assertEquals(List.of(Duration.ZERO, Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(3)), seen);
    }

    // ---- a TCP echo round trip on localhost ---------------------------------------------------

    @WeftTest
    void tcpEchoRoundTrip() throws Exception {
        echoRoundTrip();
    }

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void tcpEchoRoundTripAcrossWorkers() throws Exception {
        echoRoundTrip();
    }

    static void echoRoundTrip() throws Exception {
        try (TcpListener listener = TcpListener.bind("127.0.0.1:0")) {
            JoinHandle<Void> server = Weft.spawn(() -> {
                try (TcpStream conn = listener.accept().await()) {
                    ByteBuffer buf = ByteBuffer.allocate(1024);
                    while (conn.read(buf.clear()).await() != Io.EOF) {
                        conn.writeAll(buf.flip()).await();
                    }
                }
                return null;
            });
            try (TcpStream client = TcpStream.connect(listener.localAddress()).await()) {
                client.writeAll(ByteBuffer.wrap("ping".getBytes(UTF_8))).await();
                ByteBuffer reply = ByteBuffer.allocate(4);
                client.readExact(reply).await();
                assertEquals("ping", new String(reply.array(), UTF_8));
                client.shutdown().await();          // half-close: the server reads EOF and ends
                server.await();
            }
        }
    }
}
