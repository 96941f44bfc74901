package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.future.Select;
import dev.weft.future.Stream;
import dev.weft.io.BufReader;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.sync.Broadcast;
import dev.weft.sync.LaggedException;
import dev.weft.time.Time;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A line-based chat server: a task per client, a broadcast channel per room. Every line a
 * client sends goes to the other clients of its room; {@code /join NAME} moves to another
 * room (everyone starts in {@code lobby}). A client is greeted with {@code welcome to ROOM}
 * once it is in the room, and dropped after {@link #IDLE} without a line of its own. {@code ./weft example chat-server [port]}, then
 * {@code nc 127.0.0.1 PORT} from a few terminals.
 */
public final class ChatServer {
    /** A client that sends nothing for this long is dropped, however much the others say. */
    static final Duration IDLE = Duration.ofMinutes(5);

    /** A line said in a room, and who said it (so it is not sent back to them). */
    record Said(long from, String text) {
    }

    private final Map<String, Broadcast.Sender<Said>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private Broadcast.Sender<Said> room(String name) {
        return rooms.computeIfAbsent(name, n -> {
            Broadcast.Channel<Said> ch = Broadcast.channel(256);
            ch.receiver().close(); // clients subscribe; the first receiver is not needed
            return ch.sender();
        });
    }

    /** What one turn of a client's loop saw. */
    private sealed interface Event {
    }

    private record Line(String text) implements Event {
    }

    private record Heard(Said said) implements Event {
    }

    private record Closed() implements Event {
    }

    private record Idle() implements Event {
    }

    /** Serves one client until it disconnects. */
    Void client(TcpStream socket) throws Exception {
        long me = ids.incrementAndGet();
        SocketAddress addr = socket.peerAddress();
        Stream<String> lines = new BufReader(socket).lines();
        String roomName = "lobby";
        Broadcast.Receiver<Said> inbox = room(roomName).subscribe();
        room(roomName).send(new Said(me, addr + " joined " + roomName));
        try (socket) {
            socket.writeAll(utf8("welcome to " + roomName + "\n")).await();
            // A deadline, not a timeout around each turn: the others' lines end a turn too, and
            // must not keep a silent client connected. Only the client's own lines move it.
            Instant deadline = Time.now().plus(IDLE);
            for (;;) {
                Event e;
                try {
                    e = Select.<Event>builder()
                            .onNext(lines, Line::new, Closed::new) // cancel-safe: a partial line stays
                            .onNext(inbox, Heard::new, Closed::new)
                            .on(Time.sleepUntil(deadline), slept -> new Idle())
                            .build().await();
                } catch (LaggedException lagged) { // too slow: some lines were dropped for us
                    socket.writeAll(utf8("(" + lagged.getMessage() + ")\n")).await();
                    continue;
                }
                if (e instanceof Line) {
                    deadline = Time.now().plus(IDLE);
                }
                switch (e) {
                    case Line(String text) when text.startsWith("/join ") -> {
                        String next = text.substring(6).trim();
                        room(roomName).send(new Said(me, addr + " left for " + next));
                        inbox.close();
                        roomName = next;
                        inbox = room(roomName).subscribe();
                        room(roomName).send(new Said(me, addr + " joined " + roomName));
                        socket.writeAll(utf8("welcome to " + roomName + "\n")).await();
                    }
                    case Line(String text) -> room(roomName).send(new Said(me, addr + ": " + text));
                    case Heard(Said said) when said.from() == me -> {
                        // our own line: the others got it
                    }
                    case Heard(Said said) -> socket.writeAll(utf8(said.text() + "\n")).await();
                    case Closed() -> {
                        room(roomName).send(new Said(me, addr + " left"));
                        return null;
                    }
                    case Idle() -> {
                        socket.writeAll(utf8("idle for " + IDLE.toSeconds() + "s, bye\n")).await();
                        room(roomName).send(new Said(me, addr + " left (idle)"));
                        return null;
                    }
                }
            }
        } catch (IOException gone) {
            room(roomName).send(new Said(me, addr + " left"));
            return null;
        } finally {
            inbox.close();
        }
    }

    static ByteBuffer utf8(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Accepts forever, a task per client. */
    Void serve(TcpListener listener) throws Exception {
        for (;;) {
            TcpStream socket = listener.accept().await();
            Weft.spawn(() -> client(socket));
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
            System.out.println("Chat on port " + listener.localAddress().getPort() + " (try: nc 127.0.0.1 "
                    + listener.localAddress().getPort() + ")");
            return new ChatServer().serve(listener);
        });
    }
}
