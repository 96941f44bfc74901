package dev.weft.examples;

import dev.weft.Weft;
import dev.weft.future.Select;
import dev.weft.future.Stream;
import dev.weft.io.BufReader;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinSet;
import dev.weft.signal.Signals;
import dev.weft.sync.CancellationToken;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Oneshot;
import dev.weft.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The TCP service that {@code docs/guide.md} builds step by step: a line-based key-value store.
 * {@code SET key value}, {@code GET key}, {@code DEL key} and {@code QUIT}; one task per client;
 * the map is owned by one store task that clients talk to over a channel (no lock); an idle
 * client is dropped after 30 s; ctrl-c (or {@link CancellationToken#cancel()}) stops accepting,
 * says {@code bye} to every client and waits for them. {@code ./weft example kv-server [port]},
 * then {@code nc 127.0.0.1 PORT}.
 */
public final class KvServer {
    static final Duration IDLE = Duration.ofSeconds(30);

    private KvServer() {
    }

    // region commands
    /** What a client asks the store; the reply goes back on a oneshot channel. */
    sealed interface Command {
    }

    record Get(String key, Oneshot.Sender<String> reply) implements Command {
    }

    record Set(String key, String value, Oneshot.Sender<String> reply) implements Command {
    }

    record Del(String key, Oneshot.Sender<String> reply) implements Command {
    }
    // endregion

    // region store
    /** The one task that owns the map: commands arrive in order, so no lock is needed. */
    static Void store(Mpsc.Receiver<Command> commands) {
        Map<String, String> map = new HashMap<>();
        for (Optional<Command> next; (next = commands.recv().await()).isPresent(); ) {
            switch (next.get()) {
                case Get(String key, var reply) -> reply.send(map.getOrDefault(key, "(nil)"));
                case Set(String key, String value, var reply) -> {
                    map.put(key, value);
                    reply.send("OK");
                }
                case Del(String key, var reply) -> reply.send(map.remove(key) != null ? "1" : "0");
            }
        }
        return null; // every sender closed: the server is shutting down
    }
    // endregion

    // region ask
    /** Turns one request line into a command, sends it to the store and waits for the reply. */
    static String ask(Mpsc.Sender<Command> store, String line) throws Exception {
        String[] words = line.trim().split("\\s+", 3);
        Oneshot.Channel<String> reply = Oneshot.channel();
        Command command = switch (words[0].toUpperCase()) {
            case "GET" -> words.length == 2 ? new Get(words[1], reply.sender()) : null;
            case "SET" -> words.length == 3 ? new Set(words[1], words[2], reply.sender()) : null;
            case "DEL" -> words.length == 2 ? new Del(words[1], reply.sender()) : null;
            default -> null;
        };
        if (command == null) {
            return "ERR expected GET key | SET key value | DEL key | QUIT";
        }
        store.send(command).await(); // waits while the store's queue is full: backpressure
        return reply.receiver().await();
    }
    // endregion

    // region client
    /** What one turn of a client's loop saw. */
    private sealed interface Event {
    }

    private record Line(String text) implements Event {
    }

    private record Closed() implements Event {
    }

    private record ShuttingDown() implements Event {
    }

    private record Idle() implements Event {
    }

    /** Serves one client until it quits, goes quiet for {@link #IDLE}, or the server stops. */
    static Void client(TcpStream socket, Mpsc.Sender<Command> store, CancellationToken shutdown)
            throws Exception {
        try (socket) {
            Stream<String> lines = new BufReader(socket).lines();
            Instant deadline = Time.now().plus(IDLE);             // moved by this client's lines only
            for (;;) {
                Event event = Select.<Event>builder()
                        .onNext(lines, Line::new, Closed::new)    // cancel-safe: a partial line stays
                        .on(shutdown.cancelled(), done -> new ShuttingDown())
                        .on(Time.sleepUntil(deadline), slept -> new Idle())
                        .build().await();
                switch (event) {
                    case Line(String text) when text.trim().equalsIgnoreCase("QUIT") -> {
                        write(socket, "bye");
                        return null;
                    }
                    case Line(String text) -> {
                        deadline = Time.now().plus(IDLE);
                        write(socket, ask(store, text));
                    }
                    case Idle() -> {
                        write(socket, "ERR idle for " + IDLE.toSeconds() + "s, bye");
                        return null;
                    }
                    case Closed() -> {
                        return null;
                    }
                    case ShuttingDown() -> {
                        write(socket, "bye (server shutting down)");
                        return null;
                    }
                }
            }
        } catch (IOException peerGone) { // reset or broken pipe: nothing left to say
            return null;
        }
    }

    static void write(TcpStream socket, String line) throws IOException {
        socket.writeAll(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8))).await();
    }
    // endregion

    // region serve
    /** Accepts until {@code shutdown} is cancelled, then waits for every client and the store. */
    static Void serve(TcpListener listener, CancellationToken shutdown) throws Exception {
        Mpsc.Channel<Command> commands = Mpsc.bounded(1024);
        var storeTask = Weft.spawn("kv-store", () -> store(commands.receiver()));
        try (JoinSet<Void> clients = new JoinSet<>()) {
            for (;;) {
                Optional<TcpStream> accepted = Select.<Optional<TcpStream>>builder()
                        .on(listener.accept(), Optional::of)
                        .on(shutdown.cancelled(), done -> Optional.empty())
                        .build().await();
                if (accepted.isEmpty()) {
                    break;
                }
                TcpStream socket = accepted.get();
                clients.spawn(() -> client(socket, commands.sender(), shutdown));
                while (clients.tryJoinNext().isPresent()) {
                    // forget the clients that have left
                }
            }
            listener.close();
            clients.joinAll().await(); // each one saw the shutdown and said bye
        }
        commands.sender().close(); // the store drains what is queued, then ends
        storeTask.await();
        return null;
    }
    // endregion

    // region demo
    /**
     * {@code ./weft example kv}: the server on a free port and a scripted client in one program;
     * the client's requests and the replies are printed, then the server is shut down.
     */
    public static void demo(String[] args) throws Exception {
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:0");
            CancellationToken shutdown = new CancellationToken();
            var server = Weft.spawn("kv-server", () -> serve(listener, shutdown));
            try (TcpStream socket = TcpStream.connect(listener.localAddress()).await()) {
                Stream<String> replies = new BufReader(socket).lines();
                for (String request : new String[] {"SET language java", "GET language", "DEL language",
                        "GET language", "INCR x"}) {
                    write(socket, request);
                    System.out.println("> " + request + "\n< " + replies.next().await().orElseThrow());
                }
                shutdown.cancel();
                System.out.println("< " + replies.next().await().orElseThrow());
            }
            server.await();
            System.out.println("kv-server stopped");
            return null;
        });
    }
    // endregion

    // region main
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 6380;
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
            System.out.println("kv-server on port " + listener.localAddress().getPort());
            CancellationToken shutdown = new CancellationToken();
            Weft.spawn(() -> {
                Signals.ctrlC().await();
                System.out.println("ctrl-c: shutting down");
                shutdown.cancel();
                return null;
            });
            serve(listener, shutdown);
            System.out.println("kv-server stopped");
            return null;
        });
    }
    // endregion
}
