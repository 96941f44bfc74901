package dev.weft.bench.echo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The options of {@code ./weft bench echo}, parsed and checked: the peer programs they name are
 * there ({@link Peers}).
 *
 * @param servers the server kinds to run, in order: {@link Peers#KINDS} and {@link EchoServer#KINDS}
 * @param conns the connection counts, one table each
 * @param warmupSeconds warm-up before each measurement window
 * @param seconds the measurement window
 * @param size the message size in bytes
 * @param serverCpu the CPUs the servers are pinned to, as taskset takes them ({@code 0}, {@code 0-1})
 * @param clientCpu the CPUs the load generator is pinned to
 * @param clientThreads the C load generator's threads (the Java one has one)
 * @param syscalls whether to count the servers' system calls with {@code perf stat}
 * @param nice the niceness to run the servers and the load generator at (0: unchanged)
 * @param rounds how many times to measure every server, each round in another order
 * @param maxOther the most CPU (in cores) other work may take during a window before it is measured again
 * @param retries how many times a disturbed window is measured again
 * @param loadgen which load generator drives the servers
 * @param peers where the peer programs are
 */
record EchoOptions(List<String> servers, List<Integer> conns, double warmupSeconds, double seconds,
        int size, String serverCpu, String clientCpu, int clientThreads, boolean syscalls, int nice, int rounds, double maxOther,
        int retries, Loadgen loadgen, Peers peers) {

    /** The load generators: the peers' C one ({@link CLoadGenerator}) or {@link LoadGenerator} in a JVM. */
    enum Loadgen {
        C, JAVA
    }

    static final String USAGE = """
            usage: ./weft bench echo [options]
              --servers a,b,...   servers to compare (default: the peers %s when built, then
                                  every JVM server; all of them, in table order:
                                  %s);
                                  KIND@CPUS runs that server and its load generator (one thread
                                  per CPU) on CPUS, e.g. weft-tpc@0-1 beside weft-ct in one run
              --conns 1,16,256    connection counts, one table each (default 1,16,256)
              --warmup S          warm-up seconds before each measurement (default 3)
              --seconds S         measurement window in seconds (default 5)
              --size B            message size in bytes (default 64)
              --server-cpu CPUS   CPUs the servers are pinned to, as taskset -c takes them: 0, or
                                  0-1 for a server on both cores (default 0)
              --client-cpu CPUS   CPUs the load generator is pinned to (default 1)
              --client-threads N  threads of the C load generator (default 1); e.g. thread-per-core:
                                  --servers c-epoll2,tokio-mt2,weft-tpc --server-cpu 0-1
                                  --client-cpu 0-1 --client-threads 2
              --rounds N          measure every server N times, each round in another order; the
                                  tables show the minimum and the median CPU per request over the
                                  rounds, medians of the rest, and every round's figures (default 1;
                                  use 5 or more to compare)
              --max-other C       a window in which other processes took more than C cores of CPU
                                  (default 0.2) is measured again once the machine is quiet ...
              --retries N         ... up to N times (default 3); the least disturbed attempt is kept
              --nice N            run servers and load generator at niceness N (e.g. -10, needs root);
                                  on a loaded machine it helps little: every wake-up still waits for a core
              --syscalls          also count each server's syscalls and context switches per request
                                  over the window (perf stat on syscall tracepoints)
              --loadgen c|java    the load generator: the peers' C one (bin/loadgen; the default when
                                  it is there) or the Java one in a JVM (the default otherwise)
              --peers DIR         the folder whose bin/ holds the peer programs (echo_epoll,
                                  echo-tokio, loadgen) that the peers' build.sh writes to $PEERS_OUT
                                  (default: $%s, else ${TMPDIR:-/tmp}/weft-peers)
            """.formatted(String.join(",", Peers.ONE_CPU), String.join(",", allKinds()), Peers.ENV);

    /** @return every server kind, in table order: the one-thread peers, the JVM ones, the two-thread peers */
    static List<String> allKinds() {
        List<String> all = new ArrayList<>(Peers.ONE_CPU);
        all.addAll(EchoServer.KINDS);
        Peers.KINDS.stream().filter(k -> !Peers.ONE_CPU.contains(k)).forEach(all::add);
        return List.copyOf(all);
    }

    /** Parses the command line against this process's environment; notes go to stderr. */
    static EchoOptions parse(String[] args) {
        return parse(args, System.getenv(), note -> System.err.println("echo: " + note));
    }

    /**
     * @param env the environment: where the peers are ({@link Peers#locate})
     * @param notes told of choices made for the user, one line each
     * @throws IllegalArgumentException with the message to print, or an empty one for {@code --help}
     */
    static EchoOptions parse(String[] args, Map<String, String> env, Consumer<String> notes) {
        String servers = null;
        String loadgen = null;
        String peersDir = null;
        List<Integer> conns = List.of(1, 16, 256);
        double warmup = 3;
        double seconds = 5;
        int size = 64;
        String serverCpu = "0";
        String clientCpu = "1";
        int clientThreads = 1;
        boolean syscalls = false;
        int nice = 0;
        int rounds = 1;
        double maxOther = 0.2;
        int retries = 3;
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (opt.equals("-h") || opt.equals("--help")) {
                throw new IllegalArgumentException("");
            }
            if (opt.equals("--syscalls")) {
                syscalls = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + opt + " needs a value");
            }
            String v = args[++i];
            switch (opt) {
                case "--servers" -> servers = v;
                case "--loadgen" -> loadgen = v;
                case "--peers" -> peersDir = v;
                case "--conns" -> conns = Arrays.stream(v.split(",")).map(s -> positive(opt, s)).toList();
                case "--warmup" -> warmup = number(opt, v, 0, "seconds");
                case "--seconds" -> seconds = number(opt, v, 0.1, "seconds");
                case "--size" -> size = positive(opt, v);
                case "--server-cpu" -> serverCpu = cpu(opt, v);
                case "--client-cpu" -> clientCpu = cpu(opt, v);
                case "--client-threads" -> clientThreads = positive(opt, v);
                case "--nice" -> nice = niceness(opt, v);
                case "--rounds" -> rounds = positive(opt, v);
                case "--max-other" -> maxOther = number(opt, v, 0, "cores");
                case "--retries" -> retries = count(opt, v);
                default -> throw new IllegalArgumentException("unknown option " + opt);
            }
        }
        Peers peers = Peers.locate(peersDir, env);
        Loadgen gen = loadgen(loadgen, peers, notes);
        if (clientThreads > 1 && gen != Loadgen.C) {
            throw new IllegalArgumentException("--client-threads " + clientThreads + " needs the C load generator (--loadgen c)");
        }
        return new EchoOptions(servers(servers, peers), conns, warmup, seconds, size, serverCpu, clientCpu,
                clientThreads, syscalls, nice, rounds, maxOther, retries, gen, peers);
    }

    /** @param v the value of {@code --servers}, or null: the peers that are there, then every JVM server */
    private static List<String> servers(String v, Peers peers) {
        if (v == null) {
            List<String> all = new ArrayList<>(peers.availableServers());
            all.addAll(EchoServer.KINDS);
            return List.copyOf(all);
        }
        List<String> out = new ArrayList<>();
        for (String s : v.split(",(?![0-9])")) { // a comma before a digit continues a CPU list
            String kind = Placement.kindOf(s);
            if (!kind.equals(s)) {
                cpu("--servers " + kind, s.substring(kind.length() + 1));
            }
            if (Peers.KINDS.contains(kind)) {
                peers.require(Peers.program(kind), "server " + kind);
            } else if (!EchoServer.KINDS.contains(kind)) {
                throw new IllegalArgumentException("unknown server '" + kind + "' (servers: " + String.join(",", allKinds()) + ")");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** @param v the value of {@code --loadgen}, or null: the C one if it is there, else the Java one */
    private static Loadgen loadgen(String v, Peers peers, Consumer<String> notes) {
        if (v == null) {
            if (peers.has(Peers.LOADGEN)) {
                return Loadgen.C;
            }
            notes.accept("no C load generator at " + peers.binary(Peers.LOADGEN) + ", so the Java one drives the"
                    + " servers; build the peers with their build.sh and pass --peers DIR or set " + Peers.ENV);
            return Loadgen.JAVA;
        }
        return switch (v) {
            case "c" -> {
                peers.require(Peers.LOADGEN, "--loadgen c");
                yield Loadgen.C;
            }
            case "java" -> Loadgen.JAVA;
            default -> throw new IllegalArgumentException("--loadgen wants c or java, got '" + v + "'");
        };
    }

    private static int positive(String opt, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(opt + " wants positive integers, got '" + v + "'");
    }

    /** @return a non-negative integer: a CPU number, a count */
    /** A CPU list as {@code taskset -c} takes it: numbers and ranges, comma-separated. */
    private static String cpu(String opt, String v) {
        String t = v.trim();
        if (t.matches(Placement.CPU_LIST)) {
            return t;
        }
        throw new IllegalArgumentException(opt + " wants CPUs as taskset -c takes them (0, 0-1, 0,2), got '" + v + "'");
    }

    private static int count(String opt, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(opt + " wants a whole number >= 0, got '" + v + "'");
    }

    private static int niceness(String opt, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= -20 && n <= 19) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(opt + " wants a niceness from -20 to 19, got '" + v + "'");
    }

    private static double number(String opt, String v, double min, String unit) {
        try {
            double s = Double.parseDouble(v);
            if (s >= min) {
                return s;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(opt + " wants a number of " + unit + " >= " + min + ", got '" + v + "'");
    }
}
