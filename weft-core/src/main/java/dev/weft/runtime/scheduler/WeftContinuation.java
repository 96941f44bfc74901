package dev.weft.runtime.scheduler;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The continuation engine's one JDK dependency: {@code jdk.internal.vm.Continuation}, reached
 * through method handles, so Weft compiles without it and links it only when {@code java.base}
 * exports {@code jdk.internal.vm} to Weft ({@code --add-exports
 * java.base/jdk.internal.vm=ALL-UNNAMED}). A continuation runs a coroutine's body on whichever
 * thread resumes it; one scope serves every coroutine, so a yield suspends the innermost one.
 *
 * <p>A yield that the JVM refuses (the coroutine holds a monitor, or a native frame is on its
 * stack) makes the JDK throw {@link IllegalStateException} ("Pinned: MONITOR") from the
 * yield; {@link #suspend()} returns that reason, and the coroutine fails its await loudly.
 */
final class WeftContinuation {
    private static final MethodHandle NEW;
    private static final MethodHandle RUN;
    private static final MethodHandle YIELD;
    private static final MethodHandle STACK;
    private static final Object SCOPE;
    /** Whether the engine linked: the package is exported to Weft and the methods exist. */
    static final boolean AVAILABLE;

    static {
        MethodHandle make = null;
        MethodHandle run = null;
        MethodHandle yield = null;
        MethodHandle stack = null;
        Object scope = null;
        boolean ok = false;
        if (Object.class.getModule().isExported("jdk.internal.vm", WeftContinuation.class.getModule())) {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                Class<?> contClass = Class.forName("jdk.internal.vm.Continuation");
                Class<?> scopeClass = Class.forName("jdk.internal.vm.ContinuationScope");
                scope = l.findConstructor(scopeClass, MethodType.methodType(void.class, String.class))
                        .invoke("weft-coroutine");
                make = MethodHandles.insertArguments(l.findConstructor(contClass,
                        MethodType.methodType(void.class, scopeClass, Runnable.class)), 0, scope)
                        .asType(MethodType.methodType(Object.class, Runnable.class));
                run = l.findVirtual(contClass, "run", MethodType.methodType(void.class))
                        .asType(MethodType.methodType(void.class, Object.class));
                yield = MethodHandles.insertArguments(l.findStatic(contClass, "yield",
                        MethodType.methodType(boolean.class, scopeClass)), 0, scope);
                stack = l.findVirtual(contClass, "getStackTrace", MethodType.methodType(StackTraceElement[].class))
                        .asType(MethodType.methodType(StackTraceElement[].class, Object.class));
                ok = true;
            } catch (Throwable e) {
                System.getLogger("dev.weft.runtime").log(System.Logger.Level.DEBUG,
                        "jdk.internal.vm is exported but its Continuation did not link", e);
            }
        }
        NEW = make;
        RUN = run;
        YIELD = yield;
        STACK = stack;
        SCOPE = scope;
        AVAILABLE = ok;
    }

    private WeftContinuation() {
    }

    /**
     * @param body what the continuation runs
     * @return a new, unstarted continuation
     */
    static Object create(Runnable body) {
        try {
            return (Object) NEW.invokeExact(body);
        } catch (Throwable e) {
            throw new IllegalStateException("could not create a coroutine continuation", e);
        }
    }

    /** Mounts {@code cont} on the calling thread and runs it until it yields or ends. */
    static void run(Object cont) {
        try {
            RUN.invokeExact(cont);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Suspends the coroutine running on this thread; returns when it is resumed.
     *
     * @return null, or why the JVM could not suspend it (it then still runs on this thread)
     */
    static String suspend() {
        try {
            boolean yielded = (boolean) YIELD.invokeExact();
            return yielded ? null : "pinned";
        } catch (IllegalStateException e) {
            return e.getMessage(); // "Pinned: MONITOR" and the like, from the JDK's onPinned
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the stack of a suspended continuation, for the task dump */
    static StackTraceElement[] stack(Object cont) {
        try {
            return (StackTraceElement[]) STACK.invokeExact(cont);
        } catch (Throwable e) {
            return new StackTraceElement[0];
        }
    }

    /** @return the scope object, for tests */
    static Object scope() {
        return SCOPE;
    }
}
