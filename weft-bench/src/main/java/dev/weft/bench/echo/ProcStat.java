package dev.weft.bench.echo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads Linux's {@code /proc} files: a process's CPU time and its reaped children's, the machine's, the load average. */
final class ProcStat {
    private ProcStat() {
    }

    /**
     * @param pid a process id
     * @return utime + stime of the whole process (all threads, living and exited), in clock
     *     ticks ({@code getconf CLK_TCK}, usually 100 per second)
     */
    static long cpuTicks(long pid) throws IOException {
        long[] t = userSystemTicks(pid);
        return t[0] + t[1];
    }

    /**
     * @param pid a process id
     * @return {utime, stime} of the whole process, in clock ticks: time in user mode (the JVM,
     *     Java code) and in the kernel (system calls, the network stack)
     */
    static long[] userSystemTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // The command name (field 2) is in parentheses and may hold spaces: split after it.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // f[0] is field 3 (state); utime and stime are fields 14 and 15.
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    /**
     * @return cutime + cstime of this process: the CPU time of its children (and theirs) that
     *     have exited and been reaped, in clock ticks
     */
    static long childrenTicks() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // cutime and cstime are fields 16 and 17.
        return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    /**
     * @return the CPU time the whole machine spent busy (user, nice, system, irq, softirq,
     *     steal: everything but idle and iowait), summed over its CPUs, in clock ticks
     */
    static long machineBusyTicks() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                long busy = 0;
                for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system (idle iowait) irq softirq steal
                    busy += Long.parseLong(f[i]);
                }
                return busy;
            }
        }
        throw new IOException("no cpu line in /proc/stat");
    }

    /** @return the three load averages, as /proc/loadavg has them */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
