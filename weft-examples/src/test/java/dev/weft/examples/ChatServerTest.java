package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.net.TcpListener;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;

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
}
