package dev.weft.bench.echo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Counts a server's system calls and context switches over a measurement window with
 * {@code perf stat} on the kernel's syscall tracepoints ({@code ./weft bench echo --syscalls}).
 * Counting tracepoints costs the server almost nothing (no ptrace, unlike strace). The window
 * starts when the load generator says its measurement starts, so it is aligned with the
 * request count to within the few milliseconds perf takes to attach.
 */
final class SyscallCounter {
    /** Column name to the tracepoints summed into it. */
    static final Map<String, List<String>> GROUPS = groups();
    private static final String SWITCHES = "context-switches";
    private static final String TOTAL = "raw_syscalls:sys_enter";

    private final Process perf;

    private SyscallCounter(Process perf) {
        this.perf = perf;
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("epoll_wait", List.of("epoll_wait", "epoll_pwait", "epoll_pwait2"));
        g.put("epoll_ctl", List.of("epoll_ctl"));
        g.put("read", List.of("read", "readv", "recvfrom", "recvmsg"));
        g.put("write", List.of("write", "writev", "sendto", "sendmsg"));
        g.put("futex", List.of("futex"));
        return g;
    }

    /** @return whether {@code perf stat} can count syscall tracepoints here */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("perf", "stat", "-x,", "-e", TOTAL, "--", "true")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 && out.contains(TOTAL) && !out.contains("<not supported>");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Starts counting the process {@code pid}'s threads for {@code seconds}. */
    static SyscallCounter start(long pid, double seconds) throws IOException {
        StringBuilder events = new StringBuilder(TOTAL + "," + SWITCHES);
        for (List<String> names : GROUPS.values()) {
            for (String n : names) {
                events.append(",syscalls:sys_enter_").append(n);
            }
        }
        Process p = new ProcessBuilder("perf", "stat", "-x,", "-e", events.toString(), "-p", Long.toString(pid),
                "--", "sleep", Double.toString(seconds)).redirectErrorStream(true).start();
        return new SyscallCounter(p);
    }

    /**
     * @return counts by column ({@link #GROUPS} keys, {@code "other"}, {@code "total"},
     *     {@code "switches"}), or an empty map if perf failed
     */
    Map<String, Long> finish() throws InterruptedException {
        String out;
        try {
            out = new String(perf.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Map.of();
        }
        if (!perf.waitFor(30, TimeUnit.SECONDS) || perf.exitValue() != 0) {
            return Map.of();
        }
        Map<String, Long> raw = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.split(",");
            if (f.length >= 3 && !f[0].isEmpty() && Character.isDigit(f[0].charAt(0))) {
                raw.put(f[2], Long.parseLong(f[0]));
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        long grouped = 0;
        for (var g : GROUPS.entrySet()) {
            long sum = 0;
            for (String n : g.getValue()) {
                sum += raw.getOrDefault("syscalls:sys_enter_" + n, 0L);
            }
            counts.put(g.getKey(), sum);
            grouped += sum;
        }
        long total = raw.getOrDefault(TOTAL, 0L);
        counts.put("other", total - grouped);
        counts.put("total", total);
        counts.put("switches", raw.getOrDefault(SWITCHES, 0L));
        return counts;
    }
}
