package dev.weft.signal;

import dev.weft.future.Waker;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One signal's listeners, and the handler that is installed while there are any.
 *
 * <p>Implementation notes. Everything is guarded by the hub's monitor. {@code received} counts
 * the signals delivered to our handler; a listener remembers the count when it starts, and has
 * its signal once the count is higher. The first listener installs our handler (remembering
 * the one it replaced); the last one to leave (completed or cancelled) puts that one back,
 * unless someone replaced ours meanwhile: then theirs stays. The handler runs on a thread of
 * the JDK's signal dispatcher; it counts, copies the wakers and wakes them outside the monitor.
 * A monitor, not a ShortLock (docs/design-notes.md): its sections install and restore the JVM's
 * signal handler (a native call under the JDK's own {@code Signal} monitor), which a spin lock
 * must not wrap.
 */
final class SignalHub {
    private static final Map<String, SignalHub> HUBS = new ConcurrentHashMap<>();

    private final String name;
    private final Object signal; // sun.misc.Signal
    private final Object handler; // our sun.misc.SignalHandler
    private final Map<Object, Waker> listeners = new IdentityHashMap<>();
    private long received;
    private Object previous; // the handler we replaced; non-null while ours is installed

    private SignalHub(String name) {
        this.name = name;
        this.signal = SunMisc.signal(name);
        this.handler = SunMisc.handler(this::onSignal);
    }

    /**
     * @param name {@code INT}, {@code TERM}
     * @return the hub of that signal
     * @throws UnsupportedOperationException if the signal cannot be handled here
     */
    static SignalHub of(String name) {
        return HUBS.computeIfAbsent(name, SignalHub::new);
    }

    /**
     * Starts listening: installs our handler if {@code key} is the first listener.
     *
     * @return the count of signals so far, the listener's starting point
     * @throws UnsupportedOperationException if the handler cannot be installed
     */
    synchronized long listen(Object key, Waker waker) {
        if (previous == null) {
            Object replaced = SunMisc.handle(signal, handler);
            if (SunMisc.isIgnore(replaced)) {
                SunMisc.handle(signal, replaced); // drops ours from the JDK's table: it never runs
                throw ignored();
            }
            previous = replaced;
        }
        listeners.put(key, waker);
        return received;
    }

    /**
     * HotSpot installs no handler for a shutdown signal (HUP, INT, TERM) whose disposition is
     * {@code SIG_IGN}: {@code Signal.handle} then records ours, returns {@code SIG_IGN} and the
     * handler never runs. A shell ignores SIGINT for a command it starts in the background
     * ({@code java ... &} in a script), and the JVM inherits that, so a ctrlC() that waited there
     * would wait forever, silently. The disposition cannot be changed back through
     * {@code sun.misc.Signal} (setting {@code SIG_DFL} is refused the same way), so we fail.
     */
    private UnsupportedOperationException ignored() {
        return new UnsupportedOperationException("SIG" + name + " cannot be handled: this process ignores it "
                + "(SIG_IGN, inherited from its parent: a shell ignores SIGINT for a command it starts in the "
                + "background with '&'), and the JVM installs no handler for an ignored shutdown signal. Start "
                + "the JVM in the foreground, or reset the disposition first (sh: trap - " + name + ")");
    }

    /**
     * @return whether a signal came after {@code start}: then {@code key} has left; otherwise
     *     its waker is now {@code waker}
     */
    synchronized boolean poll(Object key, long start, Waker waker) {
        if (received > start) {
            leave(key);
            return true;
        }
        listeners.put(key, waker);
        return false;
    }

    /** Stops listening; the last listener to leave restores the handler we replaced. */
    synchronized void leave(Object key) {
        if (listeners.remove(key) != null && listeners.isEmpty() && previous != null) {
            Object current = SunMisc.handle(signal, previous);
            if (current != handler) {
                SunMisc.handle(signal, current); // someone replaced ours: keep theirs
            }
            previous = null;
        }
    }

    /** @return whether our handler is installed (for tests) */
    synchronized boolean isInstalled() {
        return previous != null;
    }

    /** @return how many listeners there are (for tests) */
    synchronized int listeners() {
        return listeners.size();
    }

    /** Our handler's body, on the JDK's signal-dispatch thread. */
    private void onSignal() {
        List<Waker> wake;
        synchronized (this) {
            received++;
            wake = new ArrayList<>(listeners.values());
        }
        for (Waker w : wake) {
            w.wake();
        }
    }

    @Override
    public String toString() {
        return "SignalHub[SIG" + name + "]";
    }
}
