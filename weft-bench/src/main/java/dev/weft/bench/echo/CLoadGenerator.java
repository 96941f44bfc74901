package dev.weft.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives a server with the peers' C load generator ({@code bin/loadgen}, {@code --loadgen c}):
 * one thread, epoll, N connections in a closed loop, as {@link LoadGenerator} does in Java but
 * with far less CPU per request, so the client limits the servers less.
 *
 * <p>{@code loadgen 127.0.0.1 PORT CONNS SIZE SECS WARMUP 1} keeps its own clock: it does not
 * record the first WARMUP seconds, measures SECS, and prints one line,
 * {@code conns=.. size=.. secs=.. requests=.. rps=.. p50_us=.. p99_us=.. p999_us=.. errors=..}.
 * It knows nothing of the server, so the harness samples the CPU times itself, as the peers'
 * {@code run-echo.sh} does: it sleeps the warm-up, samples the server's and the load generator's
 * {@code /proc/PID/stat} and the machine's busy time, sleeps the window, samples again. The load
 * generator starts its clock once its connections are up, a few milliseconds after it was
 * started, so the CPU window runs that much ahead of the request count's: usually less than a
 * clock tick.
 * {@link #result} turns the line and the samples into the {@code RESULT} line {@link LoadGenerator}
 * prints, which {@link EchoReport.Row#parse} reads.
 *
 * <p>The load generator exits the moment its window ends, so its own {@code /proc/PID/stat} may
 * be gone by the time the harness takes the closing sample. Its CPU over the window is instead its
 * whole-life CPU, which the kernel adds to this JVM's cutime+cstime when the child is reaped,
 * less what its {@code /proc/PID/stat} showed at the window's start. With {@code --syscalls},
 * perf is reaped in the same span, so its own CPU counts as the load generator's.
 */
final class CLoadGenerator {
    private final Path binary;
    private final Path logDir;
    private final int clkTck;
    private final boolean countSyscalls;

    /**
     * @param binary the load generator's program
     * @param logDir where its output goes
     * @param clkTck clock ticks per second
     * @param countSyscalls whether to count the server's syscalls over the window ({@link SyscallCounter})
     */
    CLoadGenerator(Path binary, Path logDir, int clkTck, boolean countSyscalls) {
        this.binary = binary;
        this.logDir = logDir;
        this.clkTck = clkTck;
        this.countSyscalls = countSyscalls;
    }

    /**
     * CPU times at one instant.
     *
     * @param serverUser the server's utime, clock ticks
     * @param serverSystem the server's stime, clock ticks
     * @param client the load generator's utime + stime, clock ticks: at the window's start from its
     *     {@code /proc/PID/stat}, at the end its whole life's
     * @param machineBusy the busy time of all CPUs, clock ticks
     */
    record Sample(long serverUser, long serverSystem, long client, long machineBusy) {
        static Sample take(long serverPid, long clientTicks) throws IOException {
            long[] server = ProcStat.userSystemTicks(serverPid);
            return new Sample(server[0], server[1], clientTicks, ProcStat.machineBusyTicks());
        }
    }

    /**
     * Runs the load generator against 127.0.0.1:{@code port} and returns the RESULT line.
     *
     * @param prefix what to run it under (nice, taskset), each of which execs the next, so the
     *     process id is the load generator's
     * @param threads its threads (its last argument)
     * @param syscalls filled with the server's syscall counts over the window, if counting them
     * @throws IOException if it fails, reports errors, or does not finish in time
     */
    String run(String kind, List<String> prefix, int threads, int port, int conns, int size, double warmup,
            double seconds, long serverPid, Map<String, Long> syscalls) throws IOException, InterruptedException {
        String base = kind + "." + conns + ".client";
        Path out = logDir.resolve(base + ".out");
        Path err = logDir.resolve(base + ".log");
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(binary.toString(), "127.0.0.1", Integer.toString(port), Integer.toString(conns),
                Integer.toString(size), Double.toString(seconds), Double.toString(warmup), Integer.toString(threads)));
        long reaped0 = ProcStat.childrenTicks();
        // Taken before the start, so both edges of the harness's window fall before the load generator's.
        long started = System.nanoTime();
        Process client = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            sleepUntil(started + (long) (warmup * 1e9));
            Sample from = sample(serverPid, client, out, err);
            SyscallCounter counter = countSyscalls ? SyscallCounter.start(serverPid, seconds) : null;
            // From the start, not from the first sample: reading /proc must not push the end later.
            sleepUntil(started + (long) ((warmup + seconds) * 1e9));
            long[] server = ProcStat.userSystemTicks(serverPid);
            long machine = ProcStat.machineBusyTicks();
            long limit = (long) seconds + 60;
            if (!client.waitFor(limit, TimeUnit.SECONDS)) {
                throw new IOException("the C load generator did not finish " + limit + " s after its window");
            }
            if (counter != null) {
                syscalls.putAll(counter.finish());
            }
            Sample to = new Sample(server[0], server[1], ProcStat.childrenTicks() - reaped0, machine);
            if (client.exitValue() != 0) {
                throw new IOException("the C load generator exited with status " + client.exitValue()
                        + output(out, err));
            }
            String line = Files.readAllLines(out).stream().filter(l -> l.startsWith("conns=")).findFirst()
                    .orElseThrow(() -> new IOException("the C load generator printed no result" + output(out, err)));
            return result(line, from, to, clkTck);
        } finally {
            client.destroyForcibly();
        }
    }

    private static Sample sample(long serverPid, Process client, Path out, Path err) throws IOException {
        try {
            return Sample.take(serverPid, ProcStat.cpuTicks(client.pid()));
        } catch (IOException e) {
            // The load generator exits early only on bad arguments or a server that is gone.
            throw new IOException("could not read the CPU times (" + e.getMessage() + "): the C load generator "
                    + (client.isAlive() ? "is running" : "has exited") + output(out, err), e);
        }
    }

    /**
     * @param line the load generator's output line
     * @param from the CPU times at the window's start
     * @param to the CPU times at its end
     * @param clkTck clock ticks per second
     * @return the {@code RESULT} line of {@link LoadGenerator}: latencies converted from its
     *     microseconds to nanoseconds; {@code max=0}, as it reports no maximum
     * @throws IOException if the line reports errors or lacks a field
     */
    static String result(String line, Sample from, Sample to, int clkTck) throws IOException {
        Map<String, String> v = new HashMap<>();
        for (String field : line.trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                v.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        long errors = Long.parseLong(field(v, "errors", line));
        if (errors != 0) {
            // Failed connects, resets or a wrong echo: the server is broken, not slow.
            throw new IOException("the C load generator reported errors=" + errors
                    + " (failed connects, resets, closed connections or wrong echoes): " + line);
        }
        // The request count belongs to the load generator's own window, so its length is the one
        // requests/s is over; the harness's samples bracket the same number of seconds.
        long elapsedNanos = Math.round(Double.parseDouble(field(v, "secs", line)) * 1e9);
        return "RESULT requests=" + Long.parseLong(field(v, "requests", line))
                + " elapsedNanos=" + elapsedNanos
                + " serverUserTicks=" + (to.serverUser() - from.serverUser())
                + " serverSystemTicks=" + (to.serverSystem() - from.serverSystem())
                + " clientCpuNanos=" + (to.client() - from.client()) * 1_000_000_000L / clkTck
                + " machineBusyTicks=" + (to.machineBusy() - from.machineBusy())
                + " p50=" + nanos(field(v, "p50_us", line))
                + " p99=" + nanos(field(v, "p99_us", line))
                + " p999=" + nanos(field(v, "p999_us", line))
                + " max=0";
    }

    private static String field(Map<String, String> v, String name, String line) throws IOException {
        String s = v.get(name);
        if (s == null) {
            throw new IOException("the C load generator's line has no " + name + ": " + line);
        }
        return s;
    }

    private static long nanos(String micros) {
        return Math.round(Double.parseDouble(micros) * 1000);
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static String output(Path out, Path err) {
        StringBuilder sb = new StringBuilder("; its output:\n");
        for (Path p : List.of(out, err)) {
            try {
                sb.append(Files.readString(p));
            } catch (IOException e) {
                sb.append("(").append(p).append(": ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }
}
