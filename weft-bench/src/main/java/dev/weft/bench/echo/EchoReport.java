package dev.weft.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Prints what {@link EchoBench} measured: machine info, progress lines, one table per connection
 * count. A table has a row per server summarizing its rounds: the minimum and the median server
 * CPU per request (noise only adds cost, so the minimum is the least disturbed figure, the median
 * the typical one), medians of requests/s, latencies and busy times, and ratios against
 * {@code c-epoll} when it ran, else {@code weft-mt}.
 */
final class EchoReport {
    /** The servers ratios are taken against, the first of them that ran. */
    private static final List<String> BASELINES = List.of("c-epoll", "weft-mt");
    private final EchoOptions opts;
    private final int clkTck;

    EchoReport(EchoOptions opts, int clkTck) {
        this.opts = opts;
        this.clkTck = clkTck;
    }

    /**
     * One measured run: a server at one connection count.
     *
     * @param kind the server
     * @param load the load averages when the run started
     * @param requests round trips completed in the window
     * @param elapsedNanos the window's length
     * @param userTicks the server's utime over the window, in clock ticks
     * @param systemTicks the server's stime over the window, in clock ticks
     * @param clientCpuNanos the load generator's CPU time over the window
     * @param machineBusyTicks the busy time of all CPUs over the window, in clock ticks
     * @param p50 median round trip, ns
     * @param p99 99th percentile, ns
     * @param p999 99.9th percentile, ns
     * @param max the longest round trip, ns; 0 from the C load generator, which does not report it
     * @param clkTck clock ticks per second
     * @param syscalls the server's syscall counts over the window by {@link SyscallCounter} column, or empty
     */
    record Row(String kind, String load, long requests, long elapsedNanos, long userTicks, long systemTicks,
            long clientCpuNanos, long machineBusyTicks, long p50, long p99, long p999, long max, int clkTck, Map<String, Long> syscalls) {

        /**
         * @param result a {@code RESULT} line as {@link LoadGenerator} prints it (or
         *     {@link CLoadGenerator#result} makes it)
         */
        static Row parse(String kind, String load, String result, int clkTck, Map<String, Long> syscalls) {
            Map<String, Long> v = new HashMap<>();
            for (String field : result.substring("RESULT ".length()).split(" ")) {
                int eq = field.indexOf('=');
                v.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
            }
            return new Row(kind, load, v.get("requests"), v.get("elapsedNanos"), v.get("serverUserTicks"),
                    v.get("serverSystemTicks"),
                    v.get("clientCpuNanos"), v.get("machineBusyTicks"), v.get("p50"), v.get("p99"), v.get("p999"), v.get("max"), clkTck,
                    Map.copyOf(syscalls));
        }

        long serverTicks() {
            return userTicks + systemTicks;
        }

        double rps() {
            return requests * 1e9 / elapsedNanos;
        }

        /** @return server CPU microseconds per request */
        double cpuPerRequest() {
            return requests == 0 ? Double.NaN : serverTicks() * (1e6 / clkTck) / requests;
        }

        /** @return server CPU microseconds per request in user mode (JVM and Java code) */
        double userPerRequest() {
            return requests == 0 ? Double.NaN : userTicks * (1e6 / clkTck) / requests;
        }

        double serverBusy() {
            return serverTicks() * (1e9 / clkTck) / elapsedNanos;
        }

        double clientBusy() {
            return (double) clientCpuNanos / elapsedNanos;
        }

        /**
         * @return the CPUs' busy time over the window that neither the server nor the load
         *     generator used, in cores: other processes, and kernel work charged to no process
         */
        double otherCores() {
            double other = machineBusyTicks - serverTicks() - clientCpuNanos * (clkTck / 1e9);
            return Math.max(0, other) * (1e9 / clkTck) / elapsedNanos;
        }
    }

    private boolean cLoadgen() {
        return opts.loadgen() == EchoOptions.Loadgen.C;
    }

    /** @param perf null if syscalls are not counted, else whether perf stat works here */
    void header(boolean taskset, List<String> jvmFlags, Boolean perf) {
        int tick = 1000 / clkTck;
        out("# Echo servers end to end on loopback — ./weft bench echo");
        out("machine: nproc %d, %s, Linux %s, JDK %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"));
        out("load average at start: %s", ProcStat.loadAverage());
        List<String> peers = opts.servers().stream().filter(Peers.KINDS::contains).toList();
        if (!peers.isEmpty() || cLoadgen()) {
            out("peer programs: %s", opts.peers().dir().resolve("bin"));
        }
        if (!peers.isEmpty()) {
            out("peer servers (native processes, one thread each): %s", peers.stream()
                    .map(k -> k + " = " + Peers.usage(k))
                    .collect(Collectors.joining(", ")));
        }
        out("load generator: %s", cLoadgen()
                ? "the peers' C one (loadgen, one thread, epoll), a process per measurement"
                : "LoadGenerator (Java, one thread, one NIO selector), a JVM per measurement");
        if (taskset) {
            out("pinning: each server on CPUs %s, the load generator on CPUs %s (taskset -c); a server named KIND@CPUS and its load generator (a thread per CPU) on those CPUs",
                    opts.serverCpu(), opts.clientCpu());
        } else {
            out("pinning: NONE — taskset is not available, servers and load generator run unpinned");
        }
        if (opts.nice() != 0) {
            out("priority: servers and load generator run at niceness %d (nice -n), ahead of other work on their CPUs",
                    opts.nice());
        }
        out("JVM flags (every Java server%s): %s", cLoadgen() ? "" : " and the load generator", String.join(" ", jvmFlags));
        out("workload: %s connections (one table each), closed loop, %d-byte messages; %.1f s warm-up, then %.1f s"
                + " measured; %d round%s, each server once per round, each round starting with another server",
                opts.conns().stream().map(String::valueOf).collect(Collectors.joining(", ")), opts.size(),
                opts.warmupSeconds(), opts.seconds(), opts.rounds(), opts.rounds() == 1 ? "" : "s");
        out("server CPU: utime+stime of the server process from /proc/PID/stat at the start and end of the window,"
                + " in clock ticks of %d ms (CLK_TCK %d): a saturated server gets ~%.0f ticks per window,"
                + " so keep the window long enough", tick, clkTck, opts.seconds() * clkTck);
        if (cLoadgen()) {
            out("window (C load generator): the harness samples the CPU times after sleeping the warm-up and again"
                    + " a window later; the load generator keeps its own clock from its connections being up,"
                    + " a few ms later; its own CPU is its /proc/PID/stat at the start and its whole life's (this"
                    + " JVM's cutime once it is reaped) at the end%s", perf == Boolean.TRUE ? ", perf's included" : "");
        }
        if (perf != null) {
            out(perf ? "syscalls: counted per server over each window with perf stat on the syscall tracepoints"
                    : "syscalls: NOT counted — perf stat cannot count syscall tracepoints here");
        }
        out("disturbance: a window in which other processes took more than %.2f cores is measured again once the"
                + " machine is quiet (up to %d times); the least disturbed attempt is kept", opts.maxOther(), opts.retries());
        out("latency: per round trip, as the load generator sees it (log-linear histogram, ≤1.6 %% bucket error%s)",
                cLoadgen() ? "; the C one reports bucket midpoints to 0.1 µs and no maximum" : "");
        out("");
    }

    void progress(int conns, Row r) {
        System.err.printf(Locale.ROOT, "  %-22s %4d conns: %,10.0f req/s  p99 %7.1f µs  CPU %6.2f µs/req"
                + "  other CPU %.2f cores%n", r.kind(), conns, r.rps(), r.p99() / 1e3, r.cpuPerRequest(), r.otherCores());
    }

    /**
     * @param all every server's rows, one per round in round order; each server gets one line
     *     summarizing its rounds
     */
    void table(int conns, Map<String, List<Row>> all) {
        String base = baseline(all.keySet());
        List<Row> baseRows = all.get(base);
        boolean rounds = opts.rounds() > 1;
        out("## %d connection%s (ratios against %s%s)", conns, conns == 1 ? "" : "s", base,
                rounds ? "; over " + opts.rounds() + " rounds: CPU µs/req the minimum and the median, other CPU and"
                        + " load the highest, the rest medians" : "");
        out("");
        out("| server | req/s | p50 µs | p99 µs | p99.9 µs | CPU µs/req min (user) | CPU µs/req median | req/s ratio"
                + " | CPU ratio min | CPU ratio median | server busy | client busy | other CPU | load |%s",
                rounds ? " req/s all rounds | CPU µs/req all rounds |" : "");
        out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|%s", rounds ? "--:|--:|" : "");
        for (var e : all.entrySet()) {
            List<Row> rs = e.getValue();
            Row least = leastCpu(rs);
            String spread = "";
            if (rounds) {
                spread = " " + rs.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x.rps()))
                        .collect(Collectors.joining(" / "))
                        + " | " + rs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.cpuPerRequest()))
                        .collect(Collectors.joining(" / ")) + " |";
            }
            out("| %s | %,.0f | %.1f | %.1f | %.1f | %.2f (%.2f) | %.2f | %.2f | %.2f | %.2f | %.0f %% | %.0f %% | %.2f | %s |%s",
                    e.getKey(), median(rs, Row::rps), median(rs, Row::p50) / 1e3, median(rs, Row::p99) / 1e3,
                    median(rs, Row::p999) / 1e3, least.cpuPerRequest(), least.userPerRequest(),
                    median(rs, Row::cpuPerRequest),
                    median(rs, Row::rps) / median(baseRows, Row::rps),
                    least.cpuPerRequest() / leastCpu(baseRows).cpuPerRequest(),
                    median(rs, Row::cpuPerRequest) / median(baseRows, Row::cpuPerRequest),
                    100 * median(rs, Row::serverBusy), 100 * median(rs, Row::clientBusy),
                    rs.stream().mapToDouble(Row::otherCores).max().orElse(Double.NaN),
                    rs.stream().map(r -> r.load().split(" ")[0]).max(Comparator.comparingDouble(EchoReport::number))
                            .orElse("?"),
                    spread);
        }
        out("");
        List<Row> least = all.values().stream().map(EchoReport::leastCpu).toList();
        if (least.stream().anyMatch(r -> !r.syscalls().isEmpty())) {
            syscallTable(least);
        }
    }

    /** @return the server ratios are taken against: the first of {@link #BASELINES} that ran, else the first server */
    static String baseline(Collection<String> kinds) {
        return BASELINES.stream().filter(kinds::contains).findFirst().orElse(kinds.iterator().next());
    }

    /** @return the round with the least server CPU per request */
    static Row leastCpu(List<Row> rows) {
        return rows.stream().min(Comparator.comparingDouble(Row::cpuPerRequest)).orElseThrow();
    }

    /** @return the median of {@code f} over {@code rows}: the mean of the middle two for an even count */
    static double median(List<Row> rows, ToDoubleFunction<Row> f) {
        double[] v = rows.stream().mapToDouble(f).sorted().toArray();
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NEGATIVE_INFINITY;
        }
    }

    private void syscallTable(List<Row> rows) {
        List<String> cols = new ArrayList<>(SyscallCounter.GROUPS.keySet());
        cols.addAll(List.of("other", "total", "switches"));
        out("Server syscalls per request (perf stat over the window of each server's round with the least CPU"
                + " per request; switches = context switches):");
        out("");
        out("| server | %s |", String.join(" | ", cols));
        out("|---|%s", "--:|".repeat(cols.size()));
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder("| " + r.kind() + " |");
            for (String c : cols) {
                Long n = r.syscalls().get(c);
                sb.append(n == null ? " – |" : String.format(Locale.ROOT, " %.2f |", (double) n / r.requests()));
            }
            out("%s", sb);
        }
        out("");
    }

    void footer(String load) {
        out("load average at end: %s", load);
        out("server CPU µs/req: utime+stime per request; min: the round with the least (noise only adds cost), in"
                + " parentheses its user-mode part (the JVM and Java code, or the peer's own code), the rest is kernel"
                + " time (syscalls, the loopback network stack); median: the typical round");
        out("ratios: the server's figure over the baseline's, each taken the same way (median req/s, min CPU, median"
                + " CPU); compare only over 5 or more rounds");
        out("other CPU: busy time of all CPUs during the window that was neither the server's nor the load"
                + " generator's, in cores (other processes; interrupts charged to no process)");
        out("server busy: the server's CPU time over the window's wall time (100 %% = its one core saturated);"
                + " client busy: the same for the load generator (near 100 %% = the client limits req/s)");
        if (cLoadgen()) {
            out("latency (C load generator): p50/p99/p99.9 are the midpoints of its histogram buckets, printed in"
                    + " 0.1 µs; it does not report the longest round trip, so its rows carry none (max 0)");
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux: say so below
        }
        return "unknown CPU";
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}
