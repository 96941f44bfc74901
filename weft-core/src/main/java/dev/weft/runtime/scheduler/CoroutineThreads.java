package dev.weft.runtime.scheduler;

import dev.weft.future.internal.Carrier;
import dev.weft.runtime.CoroutineMode;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Creates the virtual threads that carry coroutines.
 *
 * <p>On JDK 25 a virtual thread with a scheduler of our own is made through the JDK's
 * package-private {@code ThreadBuilders.newVirtualThread(Executor, String, int, Runnable)},
 * reachable only when {@code java.lang} is opened to Weft
 * ({@code --add-opens java.base/java.lang=ALL-UNNAMED}). Without that, coroutines are plain
 * virtual threads on the JDK's default scheduler. The choice is made once, here.
 */
final class CoroutineThreads {
    /** What a JVM flag must name to reach Weft: {@code dev.weft} on the module path, else {@code ALL-UNNAMED}. */
    private static final String TARGET = CoroutineThreads.class.getModule().isNamed()
            ? CoroutineThreads.class.getModule().getName() : "ALL-UNNAMED";

    /** Thread.NO_INHERIT_THREAD_LOCALS: a coroutine does not copy its starter's inheritable locals. */
    private static final int NO_INHERIT_THREAD_LOCALS = 1 << 2;
    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");
    private static final MethodHandle NEW_VIRTUAL_THREAD = startJdkPollers(lookup());
    /** Thread.currentCarrierThread(): the platform thread a virtual thread is mounted on now. */
    private static final MethodHandle CURRENT_CARRIER = NEW_VIRTUAL_THREAD == null ? null : carrierLookup();
    /**
     * {@code Thread.start(ThreadContainer)}, typed {@code (Thread, Object)void}: starts a virtual
     * thread in a {@link CoroutineContainer}. Null when coroutines cannot have one (see there).
     */
    private static final MethodHandle START_IN = NEW_VIRTUAL_THREAD == null ? null : startInLookup();
    /** Set by the first runtime built in {@code JDK_SCHEDULER} mode, which logs it. */
    private static final AtomicBoolean MODE_LOGGED = new AtomicBoolean();

    private CoroutineThreads() {
    }

    private static MethodHandle lookup() {
        try {
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(builders, MethodHandles.lookup());
            MethodHandle mh = l.findStatic(builders, "newVirtualThread", MethodType.methodType(
                    Thread.class, Executor.class, String.class, int.class, Runnable.class));
            Thread probe = (Thread) mh.invokeExact((Executor) Runnable::run, (String) null, 0, (Runnable) () -> { });
            return probe.isVirtual() ? mh : null;
        } catch (Throwable e) { // not opened, or a JDK without the method: fall back
            return null;
        }
    }

    /**
     * A virtual thread created by a virtual thread inherits its scheduler. The JDK starts its
     * socket pollers (virtual threads, in its default poller mode) the first time a virtual
     * thread blocks on a socket: if that is a coroutine, the pollers would run on Weft's
     * workers, and a poller blocks its carrier in epoll_wait. So, in Weft mode, the poller
     * class is initialised here first, on the thread that makes the first runtime.
     */
    private static MethodHandle startJdkPollers(MethodHandle weftMode) {
        if (weftMode != null && !Thread.currentThread().isVirtual()) {
            try {
                Class.forName("sun.nio.ch.Poller", true, null); // its static initializer starts them
            } catch (ClassNotFoundException | LinkageError e) {
                LOG.log(System.Logger.Level.DEBUG, "could not start the JDK's pollers early", e);
            }
        }
        return weftMode;
    }

    private static MethodHandle carrierLookup() {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            return l.findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static MethodHandle startInLookup() {
        if (!Object.class.getModule().isExported("jdk.internal.vm", CoroutineThreads.class.getModule())) {
            return null; // CoroutineContainer could not even be loaded
        }
        try {
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            MethodHandle mh = l.findVirtual(Thread.class, "start", MethodType.methodType(void.class, container))
                    .asType(MethodType.methodType(void.class, Thread.class, Object.class));
            warmUp(mh);
            return mh;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Links the handle now, while the first runtime is built, not in the first coroutine's start:
     * its first call spins the JDK's method-handle classes, which put 4-6 ms on the seeds' timed
     * path (the bounded crawler took 329-335 ms instead of 325). A started thread refuses to start
     * again before it looks at the container, so the call does nothing else.
     */
    private static void warmUp(MethodHandle startIn) {
        try {
            startIn.invokeExact(Thread.currentThread(), (Object) null);
        } catch (IllegalThreadStateException expected) {
            // linked
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.DEBUG, "could not link Thread.start(ThreadContainer) early", e);
        }
    }

    /**
     * @param host the runtime (or local set) whose virtual-thread coroutines will start in it
     * @param runtimeName the runtime's name
     * @return a {@link CoroutineContainer} for {@link #start}, or null when this JVM cannot give
     *     one (the coroutines then start in the JDK's root container)
     */
    static Object newContainer(TaskHost host, String runtimeName) {
        return START_IN == null ? null : CoroutineContainer.open(host, runtimeName);
    }

    /**
     * Starts a coroutine's virtual thread.
     *
     * @param t the unstarted thread
     * @param container from {@link #newContainer}, or null for the JDK's root container
     */
    static void start(Thread t, Object container) {
        if (container == null) {
            t.start();
            return;
        }
        try {
            START_IN.invokeExact(t, container);
        } catch (RuntimeException | Error e) {
            throw e; // what Thread.start() throws, as it throws it
        } catch (Throwable e) {
            throw new IllegalStateException("could not start a coroutine thread", e);
        }
    }

    /**
     * The platform thread that runs the calling code now: the carrier of a virtual thread, else
     * the caller itself. Asked of the JDK, not of Weft's own bookkeeping, because a coroutine can
     * be queued twice (the JDK re-submits a runnable virtual thread whose stack was taken), and
     * the extra run, though the JDK refuses to mount it, briefly marks it mounted on another
     * worker; trusting that mark sent the coroutine into that worker's owner-only queue.
     *
     * @return the carrier thread, or null if it cannot be told (coroutines on the JDK's scheduler)
     */
    static Thread currentCarrier() {
        Thread t = Thread.currentThread();
        if (!t.isVirtual()) {
            return t;
        }
        if (CURRENT_CARRIER == null) {
            return null;
        }
        try {
            return (Thread) CURRENT_CARRIER.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("could not read the carrier thread", e);
        }
    }

    /** @return whether coroutines run on Weft's workers ({@code WEFT_SCHEDULER} mode) */
    static boolean onWeftWorkers() {
        return NEW_VIRTUAL_THREAD != null;
    }

    /**
     * Whether the continuation engine can run: {@code java.base} exports {@code jdk.internal.vm}
     * to Weft ({@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}, or {@code =dev.weft}
     * on the module path), and the exact carrier thread can be read ({@link Carrier}: also
     * {@code --add-exports java.base/jdk.internal.access=ALL-UNNAMED}, or {@code java.lang} opened).
     *
     * @return whether continuation-engine coroutines are available
     */
    static boolean continuationsAvailable() {
        return CONTINUATIONS;
    }

    private static final boolean CONTINUATIONS = WeftContinuation.AVAILABLE && Carrier.exact();

    /**
     * @param mode a mode a runtime asks for
     * @throws IllegalArgumentException if this JVM cannot run it, naming the missing flag
     */
    static void checkAvailable(CoroutineMode mode) {
        switch (mode) {
            case WEFT_SCHEDULER -> {
                if (NEW_VIRTUAL_THREAD == null) {
                    throw new IllegalArgumentException("coroutineMode(WEFT_SCHEDULER) needs the JVM flag "
                            + "--add-opens java.base/java.lang=" + TARGET);
                }
            }
            case CONTINUATION -> {
                if (!CONTINUATIONS) {
                    throw new IllegalArgumentException("coroutineMode(CONTINUATION) needs the JVM flags "
                            + "--add-exports java.base/jdk.internal.vm=" + TARGET + " and "
                            + "--add-exports java.base/jdk.internal.access=" + TARGET + " "
                            + "(or --add-opens java.base/java.lang=" + TARGET + " instead of the second)");
                }
            }
            case JDK_SCHEDULER -> { }
        }
    }

    /**
     * The mode of a runtime that does not choose one: virtual threads on Weft's workers when
     * {@code java.lang} is opened, else the continuation engine when {@code jdk.internal.vm} is
     * exported, else virtual threads on the JDK's scheduler.
     */
    static CoroutineMode mode() {
        return NEW_VIRTUAL_THREAD != null ? CoroutineMode.WEFT_SCHEDULER
                : CONTINUATIONS ? CoroutineMode.CONTINUATION : CoroutineMode.JDK_SCHEDULER;
    }

    /**
     * Logs at INFO, once per JVM, that coroutines will not run on Weft's workers: called by
     * every runtime as it starts, it logs for the first one whose mode is {@code JDK_SCHEDULER}.
     *
     * @param mode the starting runtime's coroutine mode
     * @return whether this call logged
     */
    static boolean logModeOnce(CoroutineMode mode) {
        if (mode != CoroutineMode.JDK_SCHEDULER || MODE_LOGGED.get() || !MODE_LOGGED.compareAndSet(false, true)) {
            return false;
        }
        String why = NEW_VIRTUAL_THREAD == null
                ? "start the JVM with --add-opens java.base/java.lang=" + TARGET
                        + " to run them on the runtime's own threads"
                : "the runtime was built with coroutineMode(JDK_SCHEDULER)";
        LOG.log(System.Logger.Level.INFO, "Weft coroutines run on the JDK's default virtual-thread "
                + "scheduler, not on Weft's workers, so a current-thread runtime cannot keep them on "
                + "its one thread: " + why);
        return true;
    }

    /** Lets the next {@link #logModeOnce} log again: for tests, which cannot be the JVM's first runtime. */
    static void resetModeLogged() {
        MODE_LOGGED.set(false);
    }

    /**
     * @param scheduler the executor that will run the thread's continuation, or null for the JDK's
     * @param body what the thread runs
     * @return an unstarted virtual thread
     */
    static Thread newThread(Executor scheduler, Runnable body) {
        if (scheduler != null && NEW_VIRTUAL_THREAD != null) {
            try {
                return (Thread) NEW_VIRTUAL_THREAD.invokeExact(scheduler, (String) null, NO_INHERIT_THREAD_LOCALS, body);
            } catch (Throwable e) {
                throw new IllegalStateException("could not create a coroutine thread", e);
            }
        }
        return Thread.ofVirtual().inheritInheritableThreadLocals(false).unstarted(body);
    }
}
