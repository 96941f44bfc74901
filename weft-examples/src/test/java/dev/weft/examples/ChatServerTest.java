package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.net.TcpListener;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

class ChatServerTest {

    /** Connects and waits to be in the lobby. */
    static LineClient join(TcpListener l) throws Exception {
        LineClient c = LineClient.connect(l);
        assertEquals("welcome to lobby", c.hear()); // in the room from here on
        return c;
    }

    @WeftTest
    void linesGoToTheOthersInTheRoomOnly() throws Exception {
        chat();
    }

    @WeftTest(flavor = Flavor.MULTI_THREAD)
    void linesGoToTheOthersInTheRoomOnlyAcrossWorkers() throws Exception {
        chat();
    }

    static void chat() throws Exception {
        TcpListener l = TcpListener.bind("127.0.0.1:0");
        var server = Weft.spawn(() -> new ChatServer().serve(l));
        LineClient a = join(l);
        LineClient bob = join(l);
        assertTrue(a.hear().endsWith(" joined lobby"));      // bob arrived
        LineClient c = join(l);
        assertTrue(a.hear().endsWith(" joined lobby"));      // c arrived
        assertTrue(bob.hear().endsWith(" joined lobby"));
        a.say("hello all");
        assertTrue(bob.hear().endsWith(": hello all"));
        assertTrue(c.hear().endsWith(": hello all"));
        c.say("/join side");
        assertEquals("welcome to side", c.hear());
        assertTrue(a.hear().endsWith(" left for side"));
        assertTrue(bob.hear().endsWith(" left for side"));
        bob.say("only lobby hears this");
        assertTrue(a.hear().endsWith(": only lobby hears this"));
        a.socket().close();
        assertTrue(bob.hear().endsWith(" left"));
        c.say("anyone?");                                      // alone in side: nobody hears
        bob.say("still here");
        bob.socket().close();
        c.socket().close();
        server.abort();
        l.close();
    }

    /** The others' lines end a turn of a silent client's loop, and must not keep it connected. */
    @WeftTest(startPaused = true)
    void aSilentClientIsDroppedWhileTheOthersTalk() throws Exception {
        TcpListener l = TcpListener.bind("127.0.0.1:0");
        var server = Weft.spawn(() -> new ChatServer().serve(l));
        Instant joined = Time.now();
        LineClient silent = join(l);
        LineClient talker = join(l);
        assertTrue(silent.hear().endsWith(" joined lobby"));
        for (int i = 0; i < 4; i++) {                          // a line every 70 s: 280 s in all
            Time.sleep(Duration.ofSeconds(70)).await();
            talker.say("tick " + i);
            assertTrue(silent.hear().endsWith(": tick " + i));
        }
        assertEquals("idle for 300s, bye", silent.hear());
        Duration waited = Duration.between(joined, Time.now());
        assertEquals(ChatServer.IDLE, waited, () -> "dropped after " + waited);
        assertEquals(Optional.empty(), silent.next());          // and the server closed it
        assertTrue(talker.hear().endsWith(" left (idle)"));     // the talker is still there
        talker.say("still here");
        talker.socket().close();
        silent.socket().close();
        server.abort();
        l.close();
    }
}
