package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.net.TcpListener;
import dev.weft.sync.CancellationToken;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The guide's key-value service, on both flavors; the idle timeout on virtual time. */
class KvServerTest {

    @WeftTest
    void commandsShareOneStoreAndShutdownSaysByeToEveryone() throws Exception {
        commandsAndShutdown();
    }

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void commandsShareOneStoreAndShutdownSaysByeToEveryoneOnWorkers() throws Exception {
        commandsAndShutdown();
    }

    static void commandsAndShutdown() throws Exception {
        TcpListener l = TcpListener.bind("127.0.0.1:0");
        CancellationToken shutdown = new CancellationToken();
        var server = Weft.spawn(() -> KvServer.serve(l, shutdown));
        LineClient a = LineClient.connect(l);
        LineClient b = LineClient.connect(l);
        assertEquals("(nil)", a.ask("GET k"));
        assertEquals("OK", a.ask("SET k hello world"));
        assertEquals("hello world", b.ask("get k"));   // one map, both clients
        assertEquals("1", b.ask("DEL k"));
        assertEquals("0", a.ask("DEL k"));
        assertEquals("ERR expected GET key | SET key value | DEL key | QUIT", a.ask("SET k"));
        LineClient c = LineClient.connect(l);
        assertEquals("bye", c.ask("QUIT"));
        assertEquals(Optional.empty(), c.next());         // the server closed it
        shutdown.cancel();
        assertEquals("bye (server shutting down)", a.hear());
        assertEquals("bye (server shutting down)", b.hear());
        server.await();                                   // returns once every client left
        a.socket().close();
        b.socket().close();
        c.socket().close();
    }

    // region idle-test
    @WeftTest(startPaused = true) // a fresh current-thread runtime on virtual time
    void anIdleClientIsDroppedAfterThirtySeconds() throws Exception {
        TcpListener l = TcpListener.bind("127.0.0.1:0");
        CancellationToken shutdown = new CancellationToken();
        var server = Weft.spawn(() -> KvServer.serve(l, shutdown));
        LineClient a = LineClient.connect(l);
        assertEquals("OK", a.ask("SET x 1"));
        Instant before = Time.now();
        assertEquals("ERR idle for 30s, bye", a.hear());
        Duration waited = Duration.between(before, Time.now());
        assertEquals(30, waited.toSeconds(), () -> "waited " + waited);
        assertEquals(Optional.empty(), a.next());     // and the server closed the socket
        shutdown.cancel();
        server.await();                               // @WeftTest fails a test that leaves tasks
        a.socket().close();
    }
    // endregion

    @WeftTest(startPaused = true)
    void theIdleDeadlineMovesWithTheClientsOwnLines() throws Exception {
        TcpListener l = TcpListener.bind("127.0.0.1:0");
        CancellationToken shutdown = new CancellationToken();
        var server = Weft.spawn(() -> KvServer.serve(l, shutdown));
        LineClient a = LineClient.connect(l);
        Time.sleep(Duration.ofSeconds(20)).await();
        assertEquals("OK", a.ask("SET x 1"));           // 20 s in: the deadline moves to 50 s
        Instant last = Time.now();
        assertEquals("ERR idle for 30s, bye", a.hear());
        assertEquals(Duration.ofSeconds(30), Duration.between(last, Time.now()));
        shutdown.cancel();
        server.await();
        a.socket().close();
    }

    @WeftTest(startPaused = true, flavor = Flavor.MULTI_THREAD)
    void anIdleClientIsDroppedAfterThirtySecondsOnWorkers() throws Exception {
        anIdleClientIsDroppedAfterThirtySeconds();
    }
}
