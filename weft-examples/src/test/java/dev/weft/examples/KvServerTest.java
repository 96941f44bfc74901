package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Weft;
import dev.weft.future.Stream;
import dev.weft.io.BufReader;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.sync.CancellationToken;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The guide's key-value service, on both flavors; the idle timeout on virtual time. */
class KvServerTest {

    record Client(TcpStream socket, Stream<String> lines) {
        static Client connect(TcpListener l) throws Exception {
            TcpStream s = TcpStream.connect(l.localAddress()).await();
            return new Client(s, new BufReader(s).lines());
        }

        String ask(String line) throws Exception {
            KvServer.write(socket, line);
            return hear().orElseThrow();
        }

        Optional<String> hear() throws Exception {
            return Weft.timeout(Duration.ofMinutes(5), lines.next()).await();
        }
    }

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
        Client a = Client.connect(l);
        Client b = Client.connect(l);
        assertEquals("(nil)", a.ask("GET k"));
        assertEquals("OK", a.ask("SET k hello world"));
        assertEquals("hello world", b.ask("get k"));   // one map, both clients
        assertEquals("1", b.ask("DEL k"));
        assertEquals("0", a.ask("DEL k"));
        assertEquals("ERR expected GET key | SET key value | DEL key | QUIT", a.ask("SET k"));
        Client c = Client.connect(l);
        assertEquals("bye", c.ask("QUIT"));
        assertEquals(Optional.empty(), c.hear());         // the server closed it
        shutdown.cancel();
        assertEquals("bye (server shutting down)", a.hear().orElseThrow());
        assertEquals("bye (server shutting down)", b.hear().orElseThrow());
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
        Client a = Client.connect(l);
        assertEquals("OK", a.ask("SET x 1"));
        Instant before = Time.now();
        assertEquals("ERR idle for 30s, bye", a.hear().orElseThrow());
        Duration waited = Duration.between(before, Time.now());
        assertEquals(30, waited.toSeconds(), () -> "waited " + waited);
        assertEquals(Optional.empty(), a.hear());     // and the server closed the socket
        shutdown.cancel();
        server.await();                               // @WeftTest fails a test that leaves tasks
        a.socket().close();
    }
    // endregion

    @WeftTest(startPaused = true, flavor = Flavor.MULTI_THREAD)
    void anIdleClientIsDroppedAfterThirtySecondsOnWorkers() throws Exception {
        anIdleClientIsDroppedAfterThirtySeconds();
    }
}
