package dev.weft.future.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The platform thread that runs the calling code now, read so that JIT-compiled code cannot
 * keep an old answer.
 *
 * <p>Why not {@code Thread.currentThread()}: a continuation-engine coroutine may be resumed by
 * another worker after an {@code await}, and HotSpot treats {@code Thread.currentThread()} as
 * constant within one compiled method, so a method that spans the await may go on seeing the
 * worker that ran it before (measured: 44 % of 2M resumes alternating between two threads saw
 * the old thread). {@code Thread.currentCarrierThread()} is re-read every time. Weft reaches it
 * through {@code jdk.internal.access} when that is exported, else through {@code java.lang}
 * when that is opened; without either the continuation engine is not offered.
 */
public final class Carrier {
    private static final MethodHandle CURRENT = lookup();

    private Carrier() {
    }

    private static MethodHandle lookup() {
        try {
            if (Object.class.getModule().isExported("jdk.internal.access", Carrier.class.getModule())) {
                Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
                Class<?> jla = Class.forName("jdk.internal.access.JavaLangAccess");
                MethodHandles.Lookup l = MethodHandles.lookup();
                Object access = l.findStatic(secrets, "getJavaLangAccess", MethodType.methodType(jla)).invoke();
                return l.findVirtual(jla, "currentCarrierThread", MethodType.methodType(Thread.class))
                        .bindTo(access);
            }
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
            return l.findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (Throwable e) { // neither exported nor opened
            return null;
        }
    }

    /** @return whether {@link #current()} is exact even inside a continuation that moved */
    public static boolean exact() {
        return CURRENT != null;
    }

    /**
     * @return the platform thread running the caller (for a virtual thread: the virtual thread
     *     itself, which never changes under it)
     */
    public static Thread current() {
        Thread t = Thread.currentThread();
        if (CURRENT == null || t.isVirtual()) {
            return t;
        }
        try {
            return (Thread) CURRENT.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("could not read the carrier thread", e);
        }
    }
}
