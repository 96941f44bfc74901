package dev.weft.signal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;

/**
 * The bridge to {@code sun.misc.Signal} (module {@code jdk.unsupported}), the JDK's only way to
 * handle a signal.
 *
 * <p>Implementation notes. The classes are reached through method handles and a proxy, not
 * named in code, because javac's "internal proprietary API" warning for {@code sun.misc} cannot
 * be suppressed and {@code weft-core} compiles with {@code -Werror}. The module still
 * {@code requires jdk.unsupported}, so the classes are there on a module path. The proxy's
 * {@code equals} is identity, so the JDK hands back the same object when our handler is
 * replaced, and {@link SignalHub} can tell whether the handler it restores over is its own.
 */
final class SunMisc {
    private static final Class<?> HANDLER;
    private static final MethodHandle NEW_SIGNAL;
    private static final MethodHandle HANDLE;
    /** {@code SignalHandler.SIG_IGN}: the disposition "ignored". */
    private static final Object SIG_IGN;
    private static final Throwable MISSING;

    static {
        Class<?> h = null;
        MethodHandle ctor = null;
        MethodHandle handle = null;
        Object ignore = null;
        Throwable missing = null;
        try {
            Class<?> s = Class.forName("sun.misc.Signal");
            h = Class.forName("sun.misc.SignalHandler");
            MethodHandles.Lookup l = MethodHandles.publicLookup();
            ctor = l.findConstructor(s, MethodType.methodType(void.class, String.class));
            handle = l.findStatic(s, "handle", MethodType.methodType(h, s, h));
            ignore = h.getField("SIG_IGN").get(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            missing = e;
        }
        HANDLER = h;
        NEW_SIGNAL = ctor;
        HANDLE = handle;
        SIG_IGN = ignore;
        MISSING = missing;
    }

    private SunMisc() {
    }

    /**
     * @param name the signal's name without {@code SIG}: {@code INT}, {@code TERM}
     * @return the {@code sun.misc.Signal}
     * @throws UnsupportedOperationException if the JDK has no {@code sun.misc.Signal} or the
     *     platform does not know the signal
     */
    static Object signal(String name) {
        if (MISSING != null) {
            throw new UnsupportedOperationException("SIG" + name + " cannot be handled: this JDK has no "
                    + "sun.misc.Signal (module jdk.unsupported)", MISSING);
        }
        try {
            return NEW_SIGNAL.invoke(name);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException("SIG" + name + " does not exist on this platform ("
                    + System.getProperty("os.name") + ")", e);
        } catch (Throwable e) {
            throw new IllegalStateException("sun.misc.Signal failed", e);
        }
    }

    /**
     * Installs {@code handler} for {@code signal}.
     *
     * @return the handler it replaced
     * @throws UnsupportedOperationException if the JVM or the OS keeps the signal to itself
     */
    static Object handle(Object signal, Object handler) {
        try {
            return HANDLE.invoke(signal, handler);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException("cannot handle " + signal + ": " + e.getMessage()
                    + " (was the JVM started with -Xrs?)", e);
        } catch (Throwable e) {
            throw new IllegalStateException("sun.misc.Signal.handle failed", e);
        }
    }

    /**
     * @param handler a handler returned by {@link #handle}
     * @return whether it is {@code SIG_IGN}: the signal was ignored before
     */
    static boolean isIgnore(Object handler) {
        return handler == SIG_IGN;
    }

    /**
     * @param onSignal what the handler does (on the JDK's signal-dispatch thread)
     * @return a {@code sun.misc.SignalHandler} running it
     */
    static Object handler(Runnable onSignal) {
        return Proxy.newProxyInstance(SunMisc.class.getClassLoader(), new Class<?>[] {HANDLER}, (proxy, m, args) ->
                switch (m.getName()) {
                    case "handle" -> {
                        onSignal.run();
                        yield null;
                    }
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "WeftSignalHandler@" + Integer.toHexString(System.identityHashCode(proxy));
                });
    }
}
