package dev.weft.bench.echo;

/**
 * Where one server of a run and its load generator run. A server named plainly ({@code weft-ct})
 * takes the run's options ({@code --server-cpu}, {@code --client-cpu}, {@code --client-threads});
 * one named with CPUs ({@code weft-tpc@0-1}) runs on those CPUs, and so does its load generator,
 * with one thread per CPU: a server on several cores measured in the same run, interleaved, as
 * servers on one core.
 *
 * @param kind the server kind (the label without its CPUs)
 * @param serverCpus the server's CPUs, as {@code taskset -c} takes them
 * @param clientCpus the load generator's CPUs
 * @param clientThreads the C load generator's threads
 */
record Placement(String kind, String serverCpus, String clientCpus, int clientThreads) {
    /** A CPU list as {@code taskset -c} takes it: numbers and ranges, comma-separated. */
    static final String CPU_LIST = "\\d+(-\\d+)?(,\\d+(-\\d+)?)*";

    /**
     * @param label a server as {@code --servers} names it: {@code KIND} or {@code KIND@CPUS}
     * @param opts the run's options, for a plain label
     * @return its placement
     */
    static Placement of(String label, EchoOptions opts) {
        int at = label.indexOf('@');
        if (at < 0) {
            return new Placement(label, opts.serverCpu(), opts.clientCpu(), opts.clientThreads());
        }
        String cpus = label.substring(at + 1);
        return new Placement(label.substring(0, at), cpus, cpus, cpuCount(cpus));
    }

    /** @return the kind of a label ({@code weft-tpc@0-1}: {@code weft-tpc}) */
    static String kindOf(String label) {
        int at = label.indexOf('@');
        return at < 0 ? label : label.substring(0, at);
    }

    /** @return how many CPUs a {@link #CPU_LIST} names ({@code 0,2-3}: 3) */
    static int cpuCount(String cpus) {
        int n = 0;
        for (String part : cpus.split(",")) {
            int dash = part.indexOf('-');
            n += dash < 0 ? 1 : Integer.parseInt(part.substring(dash + 1)) - Integer.parseInt(part.substring(0, dash)) + 1;
        }
        return n;
    }
}
