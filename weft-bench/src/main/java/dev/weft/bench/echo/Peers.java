package dev.weft.bench.echo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The peer programs {@link EchoBench} runs beside Weft's servers: a C epoll echo server, a Tokio
 * echo server and the C load generator ({@link CLoadGenerator}). They are not part of the
 * repository: the peers' {@code build.sh} builds them into {@code bin/} of a folder of its own
 * ({@code $PEERS_OUT}, by default {@code ${TMPDIR:-/tmp}/weft-peers}). That folder is found by
 * {@link #locate}: {@code --peers DIR}, else the environment variable {@value #ENV}, else the
 * build's default.
 *
 * <p>A peer server is a native process: it is started directly (under {@code taskset}, which
 * execs it, so the {@link Process}'s id is the server's own and {@code /proc/PID/stat} is its
 * CPU time), on a port picked here, and is ready once it accepts a connection.
 *
 * @param dir the folder holding {@code bin/}
 * @param origin how {@code dir} was chosen, for messages: {@code --peers}, {@value #ENV} or the default
 */
record Peers(Path dir, String origin) {
    /** The environment variable naming the peers' folder when {@code --peers} does not. */
    static final String ENV = "WEFT_PEERS";
    /** The C load generator's program name in {@code bin/}. */
    static final String LOADGEN = "loadgen";
    /** Peer server kind to its program in {@code bin/} and the arguments after the port. */
    private static final Map<String, List<String>> SERVERS = servers();
    /** The peer server kinds, in the order the tables list them (before Weft's). */
    static final List<String> KINDS = List.copyOf(SERVERS.keySet());
    /** The peer servers of the default list: one thread, like the JVM servers on one CPU. */
    static final List<String> ONE_CPU = List.of("c-epoll", "tokio-ct");
    /** How long a peer server may take to accept its first connection. */
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private static Map<String, List<String>> servers() {
        Map<String, List<String>> s = new LinkedHashMap<>();
        s.put("c-epoll", List.of("echo_epoll", "1")); // one thread: the server gets one CPU, as the JVMs do
        s.put("tokio-ct", List.of("echo-tokio", "ct"));
        // two threads each: for a server on two CPUs (--server-cpu 0-1), beside weft-tpc
        s.put("c-epoll2", List.of("echo_epoll", "2"));
        s.put("tokio-mt2", List.of("echo-tokio", "mt", "2"));
        return s;
    }

    /**
     * @param option the value of {@code --peers}, or null if not given
     * @param env the environment ({@value #ENV}, {@code TMPDIR})
     * @return the peers' folder: {@code option}, else {@value #ENV}, else {@code ${TMPDIR:-/tmp}/weft-peers}
     */
    static Peers locate(String option, Map<String, String> env) {
        if (option != null) {
            return new Peers(Path.of(option), "--peers");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new Peers(Path.of(fromEnv), ENV);
        }
        String tmp = env.get("TMPDIR");
        return new Peers(Path.of(tmp == null || tmp.isEmpty() ? "/tmp" : tmp, "weft-peers"), "the default");
    }

    /** @return the path of program {@code name} in {@code bin/}, there or not */
    Path binary(String name) {
        return dir.resolve("bin").resolve(name);
    }

    /** @return whether program {@code name} is there and executable */
    boolean has(String name) {
        Path p = binary(name);
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }

    /** @return whether the program of peer server {@code kind} is there */
    boolean hasServer(String kind) {
        return has(program(kind));
    }

    /** @return the one-thread peer server kinds ({@link #ONE_CPU}) whose programs are there, in table order */
    List<String> availableServers() {
        return ONE_CPU.stream().filter(this::hasServer).toList();
    }

    /**
     * @param what what needs the program, e.g. a server kind
     * @return the path of program {@code name}
     * @throws IllegalArgumentException saying which file is missing and how to get it
     */
    Path require(String name, String what) {
        if (!has(name)) {
            throw new IllegalArgumentException(missing(name, what));
        }
        return binary(name);
    }

    /** @return the message for a missing program {@code name}, needed by {@code what} */
    String missing(String name, String what) {
        return what + " needs " + binary(name) + ", which is missing or not executable (peers folder "
                + dir + ", from " + origin + "). The peers are built by their build.sh, which writes them to"
                + " $PEERS_OUT (default ${TMPDIR:-/tmp}/weft-peers); then pass --peers DIR or set " + ENV
                + " to that folder.";
    }

    /** @return the command line of peer server {@code kind} on {@code port}, program first */
    List<String> serverCommand(String kind, int port) {
        List<String> spec = SERVERS.get(kind);
        if (spec == null) {
            throw new IllegalArgumentException("not a peer server: " + kind);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(binary(spec.getFirst()).toString());
        cmd.add(Integer.toString(port));
        cmd.addAll(spec.subList(1, spec.size()));
        return cmd;
    }

    /** @return how peer server {@code kind} is run, for the report: {@code echo_epoll PORT 1} */
    static String usage(String kind) {
        List<String> spec = SERVERS.get(kind);
        return spec.getFirst() + " PORT " + String.join(" ", spec.subList(1, spec.size()));
    }

    /** @return the program in {@code bin/} that serves peer kind {@code kind} */
    static String program(String kind) {
        List<String> spec = SERVERS.get(kind);
        if (spec == null) {
            throw new IllegalArgumentException("not a peer server: " + kind);
        }
        return spec.getFirst();
    }

    /**
     * @return a loopback port nothing listened on a moment ago: the peers take a port, not 0,
     *     and do not say which one they got
     */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /**
     * Waits until the server {@code server} accepts a connection on 127.0.0.1:{@code port}.
     *
     * @param kind the server kind, for messages
     * @param log the server's log, for messages
     * @throws IOException if it exits first or does not accept within 30 seconds
     */
    static void awaitAccepting(String kind, Process server, int port, Supplier<String> log)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        while (true) {
            if (!server.isAlive()) {
                throw new IOException("server " + kind + " exited with status " + server.exitValue()
                        + " before accepting connections on port " + port + "; its log:\n" + log.get());
            }
            try (SocketChannel ch = SocketChannel.open(address)) {
                // The port came from the ephemeral range, so while nothing listens a connect can
                // meet itself (TCP simultaneous open): that is not the server.
                if (((InetSocketAddress) ch.getLocalAddress()).getPort() != port) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("server " + kind + " did not accept a connection on port " + port + " within "
                        + STARTUP.toSeconds() + " s; its log:\n" + log.get());
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
