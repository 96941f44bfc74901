package dev.weft.bench.echo;

import dev.weft.runtime.IoDriver;
import java.util.List;

/**
 * The JVM echo servers of {@link EchoBench}, one per JVM: {@code EchoServer KIND PORT} (the
 * native peer servers, {@code c-epoll} and {@code tokio-ct}, are {@link Peers}'). A server
 * binds 127.0.0.1:PORT (0 picks a free port), prints {@code LISTENING <port>} on stdout, and
 * serves until the process is killed. Every server sets TCP_NODELAY on accepted connections.
 * For experiments (not used by {@link EchoBench}), {@code EchoServer KIND PORT EVENT_INTERVAL}
 * sets the multi-thread runtime's {@code eventInterval} (how many tasks a busy worker runs
 * between two non-blocking polls of the reactor; default 61).
 *
 * <ul>
 * <li>{@code weft-mt}, {@code weft-ct} — the seed's echo server: a coroutine per connection
 *     ({@code Weft.spawn}) doing {@code read(buf).await()} then writing it all back, 1 KiB heap
 *     buffer; multi-thread runtime (default worker count) or current-thread runtime.</li>
 * <li>{@code weft-mt1} — the seed's server on the multi-thread runtime with one worker.</li>
 * <li>{@code weft-mt-nio}, {@code weft-ct-nio} — the same on the NIO selector driver
 *     ({@code ioDriver(IoDriver.NIO)}) instead of the default (epoll, where it runs).</li>
 * <li>{@code weft-mt-poll}, {@code weft-ct-poll} — a hand-written poll-based future per
 *     connection ({@link PollEchoConnection}) using {@code pollRead}/{@code pollWrite},
 *     spawned as a poll-based task.</li>
 * <li>{@code weft-tpc} — the seed's server on the thread-per-core flavor: a current-thread
 *     runtime per core, a listener per core on the port (SO_REUSEPORT).</li>
 * <li>{@code weft-blocking-streams} — a coroutine per connection on the multi-thread runtime
 *     using plain JDK blocking {@code java.net.Socket} streams: the compatibility path.</li>
 * <li>{@code netty-nio}, {@code netty-epoll}, {@code netty-io_uring} — Netty 4.2, one event-loop
 *     thread in the worker group, an echo handler writing back the received {@code ByteBuf},
 *     default pooled allocator.</li>
 * <li>{@code vthreads} — a virtual thread per connection with blocking {@code java.net.Socket}
 *     streams on the JDK's default scheduler.</li>
 * </ul>
 */
public final class EchoServer {
    /** Every JVM kind, in the order the tables list them (after the peers'). */
    static final List<String> KINDS = List.of("weft-mt", "weft-ct", "weft-mt1", "weft-mt-nio", "weft-ct-nio",
            "weft-mt-cont", "weft-ct-cont", "weft-mt-poll", "weft-ct-poll", "weft-tpc", "weft-blocking-streams", "netty-nio",
            "netty-epoll", "netty-io_uring", "vthreads");

    private EchoServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3 || !KINDS.contains(args[0])) {
            System.err.println("usage: EchoServer KIND PORT [EVENT_INTERVAL]   (KIND: " + String.join(", ", KINDS) + ")");
            System.exit(2);
        }
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        if (args.length == 3) {
            WeftEchoServer.eventInterval = Integer.parseInt(args[2]);
        }
        switch (kind) {
            case "weft-mt" -> WeftEchoServer.coroutines(false, port);
            case "weft-ct" -> WeftEchoServer.coroutines(true, port);
            case "weft-mt1" -> {
                WeftEchoServer.workers = 1;
                WeftEchoServer.coroutines(false, port);
            }
            case "weft-mt-nio" -> {
                WeftEchoServer.ioDriver = IoDriver.NIO;
                WeftEchoServer.coroutines(false, port);
            }
            case "weft-ct-nio" -> {
                WeftEchoServer.ioDriver = IoDriver.NIO;
                WeftEchoServer.coroutines(true, port);
            }
            case "weft-mt-cont" -> {
                WeftEchoServer.continuations = true;
                WeftEchoServer.coroutines(false, port);
            }
            case "weft-ct-cont" -> {
                WeftEchoServer.continuations = true;
                WeftEchoServer.coroutines(true, port);
            }
            case "weft-mt-poll" -> WeftEchoServer.pollTasks(false, port);
            case "weft-ct-poll" -> WeftEchoServer.pollTasks(true, port);
            case "weft-tpc" -> WeftEchoServer.threadPerCore(port);
            case "weft-blocking-streams" -> WeftEchoServer.blockingStreams(port);
            case "netty-nio" -> NettyEchoServer.serve(NettyEchoServer.Transport.NIO, port);
            case "netty-epoll" -> NettyEchoServer.serve(NettyEchoServer.Transport.EPOLL, port);
            case "netty-io_uring" -> NettyEchoServer.serve(NettyEchoServer.Transport.IO_URING, port);
            case "vthreads" -> VirtualThreadEchoServer.serve(port);
            default -> throw new AssertionError(kind);
        }
    }

    /** Tells {@link EchoBench} the server is ready, and on which port. */
    static void announce(int port) {
        System.out.println("LISTENING " + port);
        System.out.flush();
    }
}
