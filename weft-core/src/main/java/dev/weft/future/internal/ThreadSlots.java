package dev.weft.future.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;

/**
 * Per-thread state kept in fields instead of thread-locals: of a runtime's own threads, and of
 * the virtual thread of a coroutine (its slots are fields of the coroutine, found through the
 * thread's scheduler), so a coroutine costs no thread-local map.
 */
public interface ThreadSlots {
    /** @return the suspender installed on this thread, or null */
    Suspender suspenderSlot();

    /** @param s the suspender to install, or null */
    void suspenderSlot(Suspender s);

    /** @return the runtime context of this thread (a {@code RuntimeContext}), or null */
    Object contextSlot();

    /** @param ctx the runtime context, or null */
    void contextSlot(Object ctx);

    /**
     * For slots found through a virtual thread's scheduler: a virtual thread started by a
     * coroutine inherits its scheduler, and must not take the coroutine's slots.
     *
     * @param t the thread asking
     * @return these slots if they are {@code t}'s, else null
     */
    default ThreadSlots slotsFor(Thread t) {
        return this;
    }

    /**
     * @param t a thread (the current one)
     * @return its slots, or null: it keeps its state in thread-locals
     */
    static ThreadSlots of(Thread t) {
        if (t instanceof ThreadSlots s) {
            return s;
        }
        return t.isVirtual() && VirtualSchedulers.SCHEDULER != null ? VirtualSchedulers.slotsOf(t) : null;
    }

    /** How a virtual thread's scheduler is read: with {@code java.lang} opened to Weft, else not. */
    final class VirtualSchedulers {
        /** Reads {@code VirtualThread.scheduler} (final, set at creation) of a virtual thread, or null. */
        static final MethodHandle SCHEDULER = lookup();

        private VirtualSchedulers() {
        }

        private static MethodHandle lookup() {
            try {
                Class<?> vt = Class.forName("java.lang.VirtualThread");
                return MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                        .findGetter(vt, "scheduler", Executor.class)
                        .asType(MethodType.methodType(Executor.class, Thread.class));
            } catch (ReflectiveOperationException | RuntimeException e) { // java.lang not opened
                return null;
            }
        }

        static ThreadSlots slotsOf(Thread virtual) {
            Executor e;
            try {
                e = (Executor) SCHEDULER.invokeExact(virtual);
            } catch (Throwable x) {
                throw new IllegalStateException("could not read a virtual thread's scheduler", x);
            }
            return e instanceof ThreadSlots s ? s.slotsFor(virtual) : null;
        }
    }
}
