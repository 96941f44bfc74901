package dev.weft.bench.echo;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./weft bench echo}: echo servers compared end to end on loopback. Each server runs in
 * turn pinned to one CPU ({@code taskset}): a server of {@link EchoServer} in its own JVM, or a
 * peer program of {@link Peers} (the C epoll server, Tokio) as a native process on a port picked
 * for it. For each connection count a load generator pinned to another CPU drives it in a closed
 * loop, warms up, then measures requests/s, round-trip percentiles and the server's CPU time per
 * request (from the server process's {@code /proc/PID/stat}): the peers' C load generator
 * ({@link CLoadGenerator}) when it is there, else {@link LoadGenerator} in a JVM
 * ({@code --loadgen}). Every round measures every server, each round in another order. A window
 * in which other processes took more than {@code --max-other} cores is measured again once the
 * machine is quiet. {@link EchoReport} prints one table per connection count, with ratios against
 * {@code c-epoll} when it ran, else {@code weft-mt}.
 */
public final class EchoBench {
    /** The same for every server JVM (and the Java load generator): heap, collector, the flags Weft and Netty need. */
    static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx256m", "-XX:+UseParallelGC",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

    private final EchoOptions opts;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final String classpath = System.getProperty("java.class.path");
    private final boolean taskset;
    private final boolean perf;
    private final Path logDir;
    private final int clkTck = clockTicksPerSecond();
    /** Null when the Java load generator drives the servers. */
    private final CLoadGenerator cLoadgen;

    private EchoBench(EchoOptions opts) throws IOException {
        this.opts = opts;
        this.taskset = tasksetWorks();
        this.perf = opts.syscalls() && SyscallCounter.available();
        this.logDir = Files.createTempDirectory("weft-echo-");
        this.cLoadgen = opts.loadgen() == EchoOptions.Loadgen.C
                ? new CLoadGenerator(opts.peers().binary(Peers.LOADGEN), logDir, clkTck, perf)
                : null;
    }

    public static void main(String[] args) throws Exception {
        EchoOptions opts;
        try {
            opts = EchoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("echo: " + e.getMessage());
            }
            System.err.print(EchoOptions.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        // Ctrl-C or kill: take the server and load generator down too (finally blocks do not run then).
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        new EchoBench(opts).run();
    }

    private void run() throws Exception {
        EchoReport report = new EchoReport(opts, clkTck);
        report.header(taskset, JVM_FLAGS, opts.syscalls() ? perf : null);
        // conns -> server -> one row per round
        Map<Integer, Map<String, List<EchoReport.Row>>> rows = new LinkedHashMap<>();
        for (int c : opts.conns()) {
            rows.put(c, new LinkedHashMap<>());
            for (String kind : opts.servers()) {
                rows.get(c).put(kind, new ArrayList<>());
            }
        }
        for (int round = 0; round < opts.rounds(); round++) {
            List<String> order = new ArrayList<>(opts.servers());
            Collections.rotate(order, -round); // each round starts with another server
            for (String kind : order) {
                measure(kind, report, rows);
            }
        }
        for (var e : rows.entrySet()) {
            report.table(e.getKey(), e.getValue());
        }
        report.footer(ProcStat.loadAverage());
    }

    /**
     * Starts one server and runs every connection count against it. A window in which other
     * work took more than {@code --max-other} cores is measured again once the machine is quiet
     * (up to {@code --retries} times); the attempt with the least other work is kept.
     */
    private void measure(String kind, EchoReport report, Map<Integer, Map<String, List<EchoReport.Row>>> rows)
            throws Exception {
        Placement at = Placement.of(kind, opts);
        boolean peer = Peers.KINDS.contains(at.kind());
        int port = peer ? Peers.freePort() : 0;
        Process server = peer ? startPeer(kind, at, port) : startServer(kind, at);
        try {
            if (peer) {
                Peers.awaitAccepting(at.kind(), server, port, () -> tail(kind + ".server.log"));
            } else {
                port = awaitPort(kind, server);
            }
            for (int c : opts.conns()) {
                EchoReport.Row best = null;
                for (int attempt = 0; attempt <= opts.retries(); attempt++) {
                    if (attempt > 0) {
                        awaitQuiet();
                    }
                    String load = ProcStat.loadAverage();
                    Map<String, Long> syscalls = new LinkedHashMap<>();
                    String result = runLoad(kind, at, port, c, server.pid(), syscalls);
                    EchoReport.Row row = EchoReport.Row.parse(kind, load, result, clkTck, syscalls);
                    report.progress(c, row);
                    if (best == null || row.otherCores() < best.otherCores()) {
                        best = row;
                    }
                    if (row.otherCores() <= opts.maxOther()) {
                        break;
                    }
                }
                rows.get(c).get(kind).add(best);
            }
        } finally {
            stop(server);
        }
    }

    /** Waits (at most two minutes) until the machine's busy time is under {@code --max-other} cores. */
    private void awaitQuiet() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        System.err.printf("  (other work took more than %.2f cores: waiting for a quiet machine)%n", opts.maxOther());
        while (System.nanoTime() < deadline) {
            long t0 = ProcStat.machineBusyTicks();
            Thread.sleep(2000);
            double cores = (ProcStat.machineBusyTicks() - t0) / (2.0 * clkTck);
            if (cores <= opts.maxOther()) {
                return;
            }
        }
    }

    /**
     * @return what runs a program at the chosen niceness on CPU {@code cpu}: nice and taskset
     *     each exec the next, so the process id is the program's own
     */
    private List<String> pinned(String cpus) {
        List<String> cmd = new ArrayList<>();
        if (opts.nice() != 0) {
            cmd.addAll(List.of("nice", "-n", Integer.toString(opts.nice())));
        }
        if (taskset) {
            cmd.addAll(List.of("taskset", "-c", cpus));
        }
        return cmd;
    }

    /** @return the command line of a JVM on CPUs {@code cpus} running {@code command} (a main class and its arguments) */
    private List<String> pinnedJava(String cpus, List<String> command) {
        List<String> cmd = pinned(cpus);
        cmd.add(java);
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", classpath));
        cmd.addAll(command);
        return cmd;
    }

    private Process startServer(String kind, Placement at) throws IOException {
        File log = logDir.resolve(kind + ".server.log").toFile();
        return new ProcessBuilder(pinnedJava(at.serverCpus(), List.of(EchoServer.class.getName(), at.kind(), "0")))
                .redirectError(log)
                .start(); // nice and taskset exec java: the process id is the server JVM's
    }

    private Process startPeer(String kind, Placement at, int port) throws IOException {
        List<String> cmd = pinned(at.serverCpus());
        cmd.addAll(opts.peers().serverCommand(at.kind(), port));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve(kind + ".server.log").toFile())
                .start(); // nice and taskset exec the peer: the process id is the server's
    }

    private int awaitPort(String kind, Process server) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("LISTENING ")) {
                        return Integer.parseInt(line.substring(10).trim());
                    }
                }
                return -1;
            } catch (IOException e) {
                return -1;
            }
        });
        int p;
        try {
            p = port.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p = -1;
        }
        if (p < 0) {
            throw new IOException("server " + kind + " did not start; its log:\n" + tail(kind + ".server.log"));
        }
        return p;
    }

    /** Runs the load generator; fills {@code syscalls} if counting them; returns its RESULT line. */
    private String runLoad(String kind, Placement at, int port, int conns, long serverPid, Map<String, Long> syscalls)
            throws Exception {
        if (cLoadgen != null) {
            try {
                return cLoadgen.run(kind, pinned(at.clientCpus()), at.clientThreads(), port, conns, opts.size(),
                        opts.warmupSeconds(), opts.seconds(), serverPid, syscalls);
            } catch (IOException e) {
                throw new IOException("measuring " + kind + " with " + conns + " connections failed: " + e.getMessage()
                        + "\nthe server's log:\n" + tail(kind + ".server.log"), e);
            }
        }
        Path log = logDir.resolve(kind + "." + conns + ".client.log");
        Process client = new ProcessBuilder(pinnedJava(at.clientCpus(), List.of(LoadGenerator.class.getName(),
                Integer.toString(port), Integer.toString(conns), Double.toString(opts.warmupSeconds()),
                Double.toString(opts.seconds()), Integer.toString(opts.size()), Long.toString(serverPid))))
                .redirectErrorStream(true)
                .start();
        long limit = (long) (opts.warmupSeconds() + opts.seconds()) + 60;
        CompletableFuture<List<String>> output = CompletableFuture.supplyAsync(() -> readLines(client, serverPid));
        if (!client.waitFor(limit, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IOException("the load generator against " + kind + " did not finish in " + limit + " s");
        }
        List<String> lines = output.get(60, TimeUnit.SECONDS);
        Files.write(log, lines);
        String result = null;
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                result = line;
            } else if (line.startsWith("SYSCALLS ")) {
                for (String kv : line.substring(9).split(" ")) {
                    int eq = kv.indexOf('=');
                    syscalls.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                }
            }
        }
        if (result == null) {
            throw new IOException("the load generator against " + kind + " with " + conns
                    + " connections failed; its output:\n" + String.join("\n", lines)
                    + "\nthe server's log:\n" + tail(kind + ".server.log"));
        }
        return result;
    }

    /** The client's output; on its WINDOW line, counts the server's syscalls (added as a SYSCALLS line). */
    private List<String> readLines(Process client, long serverPid) {
        List<String> lines = new ArrayList<>();
        SyscallCounter counter = null;
        try (var reader = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
                if (line.equals("WINDOW") && perf) {
                    counter = SyscallCounter.start(serverPid, opts.seconds());
                }
            }
            if (counter != null) {
                StringBuilder sb = new StringBuilder("SYSCALLS");
                counter.finish().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
                lines.add(sb.toString());
            }
        } catch (IOException e) {
            lines.add("(reading the load generator's output failed: " + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return lines;
    }

    private static void stop(Process server) throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String tail(String name) {
        try {
            List<String> lines = Files.readAllLines(logDir.resolve(name));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static boolean tasksetWorks() {
        try {
            return new ProcessBuilder("taskset", "-c", "0", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static int clockTicksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            return p.waitFor() == 0 ? Integer.parseInt(out) : 100;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
