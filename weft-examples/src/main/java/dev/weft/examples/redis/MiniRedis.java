package dev.weft.examples.redis;

import dev.weft.Weft;
import dev.weft.future.Select;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.JoinSet;
import dev.weft.signal.Signals;
import dev.weft.sync.CancellationToken;
import dev.weft.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Redis server for real clients ({@code redis-cli}, {@code redis-benchmark}, any RESP2
 * library): {@code ./weft example mini-redis [port]} (default 6379; 0 picks a free port), then
 * {@code redis-cli -p PORT}. See {@code package-info.java} for what it supports and how it is
 * built.
 */
public final class MiniRedis {
    /**
     * The server's limits.
     *
     * @param maxBulk the longest argument, in bytes (Redis's {@code proto-max-bulk-len})
     * @param maxArgs the most arguments of one request
     * @param maxRequest the most bytes of arguments of one request
     * @param maxOutput replies waiting for a client beyond which its requests wait (and it is
     *     closed if it takes nothing for {@code idle})
     * @param idle how long a client may send no complete request (nor take its replies)
     */
    record Config(int maxBulk, int maxArgs, long maxRequest, int maxOutput, Duration idle) {
        Config {
            positive(maxBulk, "maxBulk");
            positive(maxArgs, "maxArgs");
            positive(maxRequest, "maxRequest");
            positive(maxOutput, "maxOutput");
            if (idle == null || idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("idle must be positive: " + idle);
            }
        }

        /** Redis's request limits, 1 MiB of pending replies, and a client idle for 5 minutes is closed. */
        static Config defaults() {
            return new Config(512 * 1024 * 1024, 1024 * 1024, 1L << 30, 1024 * 1024, Duration.ofMinutes(5));
        }

        private static void positive(long v, String name) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + v);
            }
        }
    }

    private final Config config;
    private final Store store;
    private final PubSub pubsub = new PubSub();
    private final RedisCommands commands;
    private final AtomicInteger clients = new AtomicInteger();

    MiniRedis(Config config) {
        this(config, new MapStore());
    }

    MiniRedis(Config config, Store store) {
        if (config == null || store == null) {
            throw new IllegalArgumentException(config == null ? "config is null" : "store is null");
        }
        this.config = config;
        this.store = store;
        this.commands = new RedisCommands(store, pubsub);
    }

    Store store() {
        return store;
    }

    PubSub pubsub() {
        return pubsub;
    }

    /** {@return how many clients are connected} */
    int clients() {
        return clients.get();
    }

    /**
     * Serves clients until {@code shutdown} is cancelled: then stops accepting, lets every
     * connection flush the replies of what it has read and close, and stops the store's task.
     */
    Void serve(TcpListener listener, CancellationToken shutdown) throws Exception {
        CancellationToken storeStop = new CancellationToken();
        var storeTask = Weft.spawn("redis-store", () -> store.run(storeStop));
        try (JoinSet<Void> connections = new JoinSet<>()) {
            for (;;) {
                Optional<TcpStream> accepted;
                try {
                    accepted = Select.<Optional<TcpStream>>builder()
                            .on(listener.accept(), Optional::of)
                            .on(shutdown.cancelled(), done -> Optional.empty())
                            .build().await();
                } catch (IOException e) { // e.g. out of descriptors: try again shortly
                    System.err.println("accept error: " + e.getMessage());
                    Time.sleep(Duration.ofMillis(10)).await();
                    continue;
                }
                if (accepted.isEmpty()) {
                    break;
                }
                TcpStream socket = accepted.get();
                socket.setNoDelay(true);
                clients.incrementAndGet();
                connections.spawn(() -> {
                    try {
                        return new Connection(socket, commands, pubsub, config, shutdown).serve();
                    } catch (RuntimeException bug) { // one client's fault never stops the server
                        System.err.println("client " + socket + " failed: " + bug);
                        socket.close();
                        return null;
                    } finally {
                        clients.decrementAndGet();
                    }
                });
                while (connections.tryJoinNext().isPresent()) {
                    // forget the connections that ended
                }
            }
            listener.close();
            connections.joinAll().await();
        } finally {
            storeStop.cancel();
            storeTask.await();
        }
        return null;
    }

    /** Cancels {@code shutdown} on the signal; a signal this process cannot handle is skipped. */
    static void onSignal(Callable<? extends dev.weft.future.Future<?>> signal, String name, CancellationToken shutdown) {
        Weft.spawn(() -> {
            try {
                signal.call().await();
            } catch (UnsupportedOperationException notHere) { // e.g. SIGINT ignored by a background start
                return;
            }
            System.out.println(name + ": shutting down");
            shutdown.cancel();
        });
    }

    /**
     * {@code ./weft example mini-redis [port] [map|task]}: serves on 127.0.0.1 until Ctrl-C or
     * SIGTERM. The second argument picks the store's design ({@link MapStore}, the default, or
     * {@link TaskStore}, kept to be measured against it).
     *
     * @param args the port and the store, both optional
     * @throws Exception if the port cannot be bound
     */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 6379;
        boolean storeTask = args.length > 1 && args[1].equals("task"); // the design measured against the map
        Weft.run(() -> {
            TcpListener listener = TcpListener.bind("127.0.0.1:" + port);
            System.out.println("mini-redis listening on port " + listener.localAddress().getPort());
            CancellationToken shutdown = new CancellationToken();
            onSignal(Signals::ctrlC, "SIGINT", shutdown);
            onSignal(Signals::terminate, "SIGTERM", shutdown);
            new MiniRedis(Config.defaults(), storeTask ? new TaskStore() : new MapStore()).serve(listener, shutdown);
            System.out.println("mini-redis stopped");
            return null;
        });
    }
}
