package dev.weft.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The JDK machinery under Weft's coroutines, stripped of Weft, so a benchmark can show how much
 * of a switch is the JDK's and how much is Weft's.
 *
 * <ul>
 * <li>{@link OneThreadExecutor} and {@link #newVirtualThread}: a virtual thread whose scheduler
 *     is a plain queue drained by the calling thread. Created the way Weft creates coroutines,
 *     through {@code java.lang.ThreadBuilders.newVirtualThread}, which needs
 *     {@code --add-opens java.base/java.lang=ALL-UNNAMED}.</li>
 * <li>{@link RawContinuation}: a bare {@code jdk.internal.vm.Continuation} (run until it
 *     yields), the mechanism under every virtual thread. Needs
 *     {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.</li>
 * </ul>
 */
final class Floors {
    private static final MethodHandle NEW_VIRTUAL_THREAD;

    static {
        MethodHandle mh = null;
        try {
            Class<?> builders = Class.forName("java.lang.ThreadBuilders");
            mh = MethodHandles.privateLookupIn(builders, MethodHandles.lookup()).findStatic(builders,
                    "newVirtualThread", MethodType.methodType(Thread.class, Executor.class, String.class,
                            int.class, Runnable.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            // not opened: newVirtualThread says so when asked
        }
        NEW_VIRTUAL_THREAD = mh;
    }

    private Floors() {
    }

    /**
     * @param executor the virtual thread's scheduler
     * @param body what the thread runs
     * @return an unstarted virtual thread scheduled by {@code executor}
     */
    static Thread newVirtualThread(Executor executor, Runnable body) {
        if (NEW_VIRTUAL_THREAD == null) {
            throw new IllegalStateException("virtual threads with a custom scheduler need "
                    + "--add-opens java.base/java.lang=ALL-UNNAMED");
        }
        try {
            return (Thread) NEW_VIRTUAL_THREAD.invokeExact((Executor) executor, (String) null, 0, body);
        } catch (Throwable e) {
            throw new IllegalStateException("could not create a virtual thread", e);
        }
    }

    /** A virtual-thread scheduler with no features: a FIFO queue drained by one thread. Not thread-safe. */
    static final class OneThreadExecutor implements Executor {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>(16);

        @Override
        public void execute(Runnable command) {
            queue.addLast(command);
        }

        /** Runs queued continuations until none is left. */
        void runUntilIdle() {
            Runnable r;
            while ((r = queue.pollFirst()) != null) {
                r.run();
            }
        }
    }

    /** A bare continuation, through method handles (the package is not exported by default). */
    static final class RawContinuation {
        private static final Object SCOPE;
        private static final MethodHandle NEW;
        private static final MethodHandle RUN;
        private static final MethodHandle YIELD;
        private static final MethodHandle IS_DONE;
        private static final String UNAVAILABLE;

        static {
            Object scope = null;
            MethodHandle create = null;
            MethodHandle run = null;
            MethodHandle yield = null;
            MethodHandle isDone = null;
            String unavailable = null;
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                Class<?> cont = Class.forName("jdk.internal.vm.Continuation");
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                scope = l.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                        .invoke("weft-bench");
                create = l.findConstructor(cont, MethodType.methodType(void.class, scopeClass, Runnable.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Runnable.class));
                run = l.findVirtual(cont, "run", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                yield = l.findStatic(cont, "yield", MethodType.methodType(boolean.class, scopeClass))
                        .asType(MethodType.methodType(boolean.class, Object.class));
                isDone = l.findVirtual(cont, "isDone", MethodType.methodType(boolean.class))
                        .asType(MethodType.methodType(boolean.class, Object.class));
            } catch (Throwable e) {
                unavailable = "raw continuations need --add-exports java.base/jdk.internal.vm=ALL-UNNAMED ("
                        + e + ")";
            }
            SCOPE = scope;
            NEW = create;
            RUN = run;
            YIELD = yield;
            IS_DONE = isDone;
            UNAVAILABLE = unavailable;
        }

        private final Object cont;

        /** @param body what the continuation runs; it may call {@link #yieldNow()} */
        RawContinuation(Runnable body) {
            if (UNAVAILABLE != null) {
                throw new IllegalStateException(UNAVAILABLE);
            }
            try {
                cont = (Object) NEW.invokeExact(SCOPE, body);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** Runs the continuation until it yields or ends. */
        void run() {
            try {
                RUN.invokeExact(cont);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** @return whether the body ended */
        boolean isDone() {
            try {
                return (boolean) IS_DONE.invokeExact(cont);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        /** Suspends the running continuation; its {@link #run()} returns. */
        static void yieldNow() {
            try {
                boolean ignored = (boolean) YIELD.invokeExact(SCOPE);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
