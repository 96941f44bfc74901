package dev.weft.runtime;

import dev.weft.future.internal.Cleanup;
import dev.weft.runtime.scheduler.Scheduler;
import java.lang.management.ManagementFactory;
import java.lang.ref.Cleaner;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * A live runtime's name and MXBean: the name is unique among live runtimes of the JVM, and the
 * bean sits in the platform MBean server from {@code build()} until the runtime shuts down.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Names.</b> Unnamed runtimes are {@code weft-1}, {@code weft-2}, ...; a name already
 *     taken by a live runtime gets the first free suffix {@code #2}, {@code #3}, ..., so a clash
 *     never fails a program (observability must not break what it observes). {@link #name()}
 *     is the name used.</li>
 * <li><b>Start-up cost.</b> The first call to {@link ManagementFactory#getPlatformMBeanServer()}
 *     in a JVM builds the platform server and its dozens of JDK beans: 110–160 ms measured on
 *     this project's machine, against well under a millisecond for {@code build()} otherwise.
 *     So a runtime built while no MBean server exists is queued, and one background daemon
 *     thread ({@code weft-jmx}, started once, ending when done) builds the server and registers
 *     what is queued, 1 s ({@link #BUILD_DELAY_MILLIS}) after the first build: building it at once took
 *     one of a 2-core machine's cores, and fed the JIT, during the program's first 150 ms (the
 *     seeds' timings were 1-2 ms longer, and the bounded crawler's tasks took their permits out
 *     of order more often); a program shorter than the delay never pays it. Once a server
 *     exists (created by Weft, the application, a JMX agent or an attaching JConsole), building
 *     registers on the spot, in tens of microseconds.</li>
 * <li><b>Order.</b> Registering and closing are serialised on this object, so a runtime closed
 *     before its background registration ran is never registered.</li>
 * <li><b>Dropped runtimes.</b> The bean holds its scheduler weakly, and a cleaner on the
 *     scheduler closes the registration when a runtime that was never closed is collected.</li>
 * </ul>
 */
final class RuntimeRegistration {
    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");
    private static final AtomicInteger NEXT_NAME = new AtomicInteger();
    private static final Set<String> LIVE_NAMES = ConcurrentHashMap.newKeySet();
    /** Registrations waiting for the platform MBean server to be built (by the weft-jmx thread). */
    private static final Queue<RuntimeRegistration> PENDING = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean BUILDING = new AtomicBoolean();
    /**
     * Set once the platform MBean server exists; then registrations are synchronous. Volatile:
     * a builder queues, then reads it; the weft-jmx thread sets it, then drains the queue: one
     * of them sees the other, so no registration is stranded.
     */
    private static volatile boolean serverUp;
    /** How long the weft-jmx thread waits before it builds the platform MBean server. */
    static final long BUILD_DELAY_MILLIS = 1_000;

    private final String name;
    private final RuntimeBean bean; // null when the runtime has no MXBean
    private Cleaner.Cleanable cleanable;
    private boolean registered; // guarded by this
    private boolean closed; // guarded by this

    private RuntimeRegistration(String name, RuntimeBean bean) {
        this.name = name;
        this.bean = bean;
    }

    /**
     * Registers {@code scheduler}'s runtime under a name {@link #reserve reserved} for it, and
     * its MXBean if asked.
     *
     * @param name the reserved name
     * @param scheduler the runtime's scheduler
     * @param mxbean whether to register the MXBean
     * @return the registration; {@link #close()} it when the runtime shuts down
     */
    static RuntimeRegistration open(String name, Scheduler scheduler, boolean mxbean) {
        RuntimeRegistration r = new RuntimeRegistration(name, mxbean ? new RuntimeBean(name, scheduler) : null);
        r.cleanable = Cleanup.whenUnreachable(scheduler, r::close);
        if (mxbean) {
            if (serverUp || !MBeanServerFactory.findMBeanServer(null).isEmpty()) { // volatile read: see the field
                r.register();
            } else {
                PENDING.add(r);
                if (serverUp) { // volatile re-read after queueing: pairs with buildServer's write, then drain
                    drainPending(); // the server came up meanwhile: the weft-jmx thread may have drained already
                } else if (BUILDING.compareAndSet(false, true)) {
                    Thread.ofPlatform().daemon().name("weft-jmx").start(RuntimeRegistration::buildServer);
                }
            }
        }
        return r;
    }

    /** On the weft-jmx thread: builds the platform MBean server once, then registers what waits. */
    private static void buildServer() {
        try {
            Thread.sleep(BUILD_DELAY_MILLIS); // out of the program's start: see the class notes
        } catch (InterruptedException e) {
            return; // nobody interrupts this thread but a JVM going down
        }
        ManagementFactory.getPlatformMBeanServer();
        serverUp = true; // volatile write, then drain: see the field
        drainPending();
    }

    private static void drainPending() {
        RuntimeRegistration r;
        while ((r = PENDING.poll()) != null) {
            r.register();
        }
    }

    /** Frees a name {@link #reserve reserved} for a runtime that was then not built. @param name the name */
    static void release(String name) {
        LIVE_NAMES.remove(name);
    }

    /**
     * Reserves a name unique among live runtimes: the one asked for, else with a suffix.
     *
     * @param requested the name asked for, or null for {@code weft-<n>}
     * @return the name to use
     */
    static String reserve(String requested) {
        if (requested == null) {
            for (;;) {
                String n = "weft-" + NEXT_NAME.incrementAndGet();
                if (LIVE_NAMES.add(n)) {
                    return n;
                }
            }
        }
        if (LIVE_NAMES.add(requested)) {
            return requested;
        }
        for (int i = 2; ; i++) {
            String n = requested + "#" + i;
            if (LIVE_NAMES.add(n)) {
                return n;
            }
        }
    }

    /** @return the runtime's name: the one asked for, or with a suffix if it was taken */
    String name() {
        return name;
    }

    /**
     * @param name a runtime's name
     * @return the object name of its MXBean: {@code dev.weft:type=Runtime,name="<name>"}
     */
    static ObjectName objectName(String name) {
        try {
            return new ObjectName("dev.weft:type=Runtime,name=" + ObjectName.quote(name));
        } catch (JMException e) {
            throw new IllegalStateException("no object name for runtime '" + name + "'", e);
        }
    }

    private synchronized void register() {
        if (closed || registered) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            serverUp = true;
            server.registerMBean(bean, objectName(name));
            registered = true;
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not register the MXBean of Weft runtime '" + name + "'", e);
        }
    }

    /** Unregisters the MXBean (if it was registered) and frees the name. Idempotent. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (registered) {
                try {
                    ManagementFactory.getPlatformMBeanServer().unregisterMBean(objectName(name));
                } catch (JMException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "could not unregister the MXBean of '" + name + "'", e);
                }
                registered = false;
            }
        }
        LIVE_NAMES.remove(name);
        Cleaner.Cleanable c = cleanable;
        if (c != null) {
            c.clean(); // runs close() again, which returns at once
        }
    }
}
