package dev.weft.signal;

/**
 * Waiting for the signals that ask a process to stop, for a graceful shutdown (Tokio's
 * {@code signal::ctrl_c} and {@code signal::unix::signal}): {@link #ctrlC()} (SIGINT) and
 * {@link #terminate()} (SIGTERM, what {@code kill PID}, systemd and Kubernetes send).
 *
 * <p><b>What happens to the JVM's own handling, precisely.</b> Normally SIGINT and SIGTERM make
 * the JVM run its shutdown hooks and exit. A {@link SignalFuture} <em>listens</em> from its
 * first poll until the poll that completes it, or its cancellation. While at least one future
 * listens for a signal, Weft's handler replaces the one that was installed, so the signal does
 * not exit the JVM: it completes every future listening at that moment (a future that starts
 * listening later waits for the next one). When the last listener stops, the handler that was
 * there before is put back, so a second Ctrl-C during a slow shutdown with nobody listening
 * exits as usual. A signal that arrives while nobody listens has the JVM's default effect.
 * If other code replaced Weft's handler in between, its handler is left in place. Signals are
 * process-wide, so all runtimes of the JVM share this.
 *
 * <p>Built on {@code sun.misc.Signal} (module {@code jdk.unsupported}). Where it cannot be used,
 * {@link UnsupportedOperationException} says why: thrown by {@link #ctrlC()} and
 * {@link #terminate()} if the JDK lacks the module or the platform lacks the signal, or the
 * failure of the first poll if the JVM keeps the signal to itself ({@code -Xrs}) or the process
 * ignores it. The last is common: a shell starts a command in the background ({@code java ... &}
 * in a script) with SIGINT ignored, the JVM inherits that, and HotSpot installs no handler for an
 * ignored SIGINT, SIGTERM or SIGHUP; the message says so, rather than waiting forever.
 *
 * {@snippet :
 * Weft.run(() -> {
 *     JoinHandle<Void> server = Weft.spawn(() -> serve(listener));
 *     Weft.select(Signals.ctrlC(), Signals.terminate()).await();
 *     System.out.println("shutting down");
 *     server.abort();
 *     return null;
 * });
 * }
 */
public final class Signals {
    private Signals() {
    }

    /**
     * {@return a future that completes on the next SIGINT (Ctrl-C in a terminal) after its first
     *     poll}
     * @throws UnsupportedOperationException if signals cannot be handled here
     */
    public static SignalFuture ctrlC() {
        return new SignalFuture(SignalHub.of("INT"));
    }

    /**
     * {@return a future that completes on the next SIGTERM after its first poll}
     * @throws UnsupportedOperationException if signals cannot be handled here, or the platform
     *     has no SIGTERM
     */
    public static SignalFuture terminate() {
        return new SignalFuture(SignalHub.of("TERM"));
    }
}
