package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Weft;
import dev.weft.future.Stream;
import dev.weft.io.BufReader;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.test.WeftTest;
import dev.weft.test.WeftTest.Flavor;
import java.time.Duration;

class ChatServerTest {

    record Client(TcpStream socket, Stream<String> lines) {
        static Client connect(TcpListener l) throws Exception {
            TcpStream s = TcpStream.connect(l.localAddress()).await();
            Client c = new Client(s, new BufReader(s).lines());
            assertEquals("welcome to lobby", c.hear()); // in the room from here on
            return c;
        }

        void say(String line) throws Exception {
            socket.writeAll(ChatServer.utf8(line + "\n")).await();
        }

        String hear() throws Exception {
            return Weft.timeout(Duration.ofSeconds(5), lines.next()).await().orElseThrow();
        }
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
        Client a = Client.connect(l);
        Client bob = Client.connect(l);
        assertTrue(a.hear().endsWith(" joined lobby"));      // bob arrived
        Client c = Client.connect(l);
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
