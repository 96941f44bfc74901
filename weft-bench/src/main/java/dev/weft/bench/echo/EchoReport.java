package dev.weft.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints what {@link EchoBench} measured: machine info, progress lines, one table per connection count. */
final class EchoReport {
    private static final String BASELINE = "weft-mt";
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
     * @param max the longest round trip, ns
     * @param clkTck clock ticks per second
     * @param syscalls the server's syscall counts over the window by {@link SyscallCounter} column, or empty
     */
    record Row(String kind, String load, long requests, long elapsedNanos, long userTicks, long systemTicks,
            long clientCpuNanos, long machineBusyTicks, long p50, long p99, long p999, long max, int clkTck, Map<String, Long> syscalls) {

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

    /** @param perf null if syscalls are not counted, else whether perf stat works here */
    void header(boolean taskset, List<String> jvmFlags, Boolean perf) {
        int tick = 1000 / clkTck;
        out("# Echo servers end to end on loopback — ./weft bench echo");
        out("machine: nproc %d, %s, Linux %s, JDK %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"));
        out("load average at start: %s", ProcStat.loadAverage());
        if (taskset) {
            out("pinning: each server JVM on CPU %d, the load generator JVM on CPU %d (taskset -c)",
                    opts.serverCpu(), opts.clientCpu());
        } else {
            out("pinning: NONE — taskset is not available, servers and load generator run unpinned");
        }
        if (opts.nice() != 0) {
            out("priority: servers and load generator run at niceness %d (nice -n), ahead of other work on their CPUs",
                    opts.nice());
        }
        out("JVM flags (every server and the load generator): %s", String.join(" ", jvmFlags));
        out("workload: %s connections (one table each), closed loop, %d-byte messages; %.1f s warm-up, then %.1f s measured",
                opts.conns().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")), opts.size(), opts.warmupSeconds(), opts.seconds());
        out("server CPU: utime+stime of the server process from /proc/PID/stat at the start and end of the window,"
                + " in clock ticks of %d ms (CLK_TCK %d): a saturated server gets ~%.0f ticks per window,"
                + " so keep the window long enough", tick, clkTck, opts.seconds() * clkTck);
        if (perf != null) {
            out(perf ? "syscalls: counted per server over each window with perf stat on the syscall tracepoints"
                    : "syscalls: NOT counted — perf stat cannot count syscall tracepoints here");
        }
        out("disturbance: a window in which other processes took more than %.2f cores is measured again once the"
                + " machine is quiet (up to %d times); the least disturbed attempt is kept", opts.maxOther(), opts.retries());
        out("latency: per round trip, as the load generator sees it (log-linear histogram, ≤1.6 %% bucket error)");
        out("");
    }

    void progress(int conns, Row r) {
        System.err.printf(Locale.ROOT, "  %-22s %4d conns: %,10.0f req/s  p99 %7.1f µs  CPU %6.2f µs/req"
                + "  other CPU %.2f cores%n", r.kind(), conns, r.rps(), r.p99() / 1e3, r.cpuPerRequest(), r.otherCores());
    }

    /** @param all every server's rows, one per round; the table shows the round with the most req/s */
    void table(int conns, Map<String, List<Row>> all) {
        List<Row> rows = all.values().stream()
                .map(rs -> rs.stream().max(java.util.Comparator.comparingDouble(Row::rps)).orElseThrow())
                .toList();
        boolean rounds = opts.rounds() > 1;
        Row base = rows.stream().filter(r -> r.kind().equals(BASELINE)).findFirst().orElse(rows.getFirst());
        out("## %d connection%s (ratios against %s%s)", conns, conns == 1 ? "" : "s", base.kind(),
                rounds ? "; best of " + opts.rounds() + " rounds by req/s" : "");
        out("");
        out("| server | req/s | p50 µs | p99 µs | p99.9 µs | server CPU µs/req (user) | req/s ratio | CPU ratio"
                + " | server busy | client busy | other CPU | load |%s", rounds ? " req/s all rounds | CPU µs/req all rounds |" : "");
        out("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|%s", rounds ? "--:|--:|" : "");
        for (Row r : rows) {
            String spread = "";
            if (rounds) {
                List<Row> rs = all.get(r.kind());
                spread = " " + rs.stream().map(x -> String.format(Locale.ROOT, "%,.0f", x.rps()))
                        .collect(java.util.stream.Collectors.joining(" / "))
                        + " | " + rs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x.cpuPerRequest()))
                        .collect(java.util.stream.Collectors.joining(" / ")) + " |";
            }
            out("| %s | %,.0f | %.1f | %.1f | %.1f | %.2f (%.2f) | %.2f | %.2f | %.0f %% | %.0f %% | %.2f | %s |%s",
                    r.kind(), r.rps(), r.p50() / 1e3, r.p99() / 1e3, r.p999() / 1e3, r.cpuPerRequest(),
                    r.userPerRequest(), r.rps() / base.rps(), r.cpuPerRequest() / base.cpuPerRequest(),
                    100 * r.serverBusy(), 100 * r.clientBusy(), r.otherCores(), r.load().split(" ")[0], spread);
        }
        out("");
        if (rows.stream().anyMatch(r -> !r.syscalls().isEmpty())) {
            syscallTable(rows);
        }
    }

    private void syscallTable(List<Row> rows) {
        List<String> cols = new java.util.ArrayList<>(SyscallCounter.GROUPS.keySet());
        cols.addAll(List.of("other", "total", "switches"));
        out("Server syscalls per request (perf stat over the window; switches = context switches):");
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
        out("server CPU µs/req: utime+stime per request; in parentheses the user-mode part (JVM and Java code),"
                + " the rest is kernel time (syscalls, the loopback network stack)");
        out("other CPU: busy time of all CPUs during the window that was neither the server's nor the load"
                + " generator's, in cores (other processes; interrupts charged to no process)");
        out("server busy: the server's CPU time over the window's wall time (100 %% = its one core saturated);"
                + " client busy: the same for the load generator (near 100 %% = the client limits req/s)");
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
