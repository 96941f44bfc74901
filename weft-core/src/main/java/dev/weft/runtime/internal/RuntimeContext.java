package dev.weft.runtime.internal;

import dev.weft.future.internal.ThreadSlots;
import dev.weft.io.reactor.Reactor;
import dev.weft.time.wheel.TimeDriver;

/**
 * The runtime a thread (worker, coroutine, blocking thread) belongs to. Set by the runtime;
 * read by {@code Handle.current()} and by {@link Drivers}. A runtime's own threads keep it in a
 * field ({@link ThreadSlots}), found through {@code Thread.currentThread()}: exact here,
 * because a continuation coroutine never changes threads (see {@code Carrier}).
 */
public abstract class RuntimeContext {
    private static final ThreadLocal<RuntimeContext> CURRENT = new ThreadLocal<>();

    /** For the runtime. */
    protected RuntimeContext() {
    }

    /** @return the time driver; throws {@link IllegalStateException} if not enabled */
    public abstract TimeDriver timeDriver();

    /** @return the time driver, or null if it is not enabled (without throwing) */
    public abstract TimeDriver timeDriverOrNull();

    /** @return the I/O driver; throws {@link IllegalStateException} if not enabled */
    public Reactor ioDriver() {
        throw new IllegalStateException("the I/O driver is not enabled on this runtime: "
                + "build it with Runtime.builder().enableIo() (or enableAll())");
    }

    /** @return the runtime of the current thread, or null */
    public static RuntimeContext current() {
        return ThreadSlots.of(Thread.currentThread()) instanceof ThreadSlots slots ? (RuntimeContext) slots.contextSlot() : CURRENT.get();
    }

    /**
     * Sets the runtime of the current thread.
     *
     * @param ctx the runtime, or null to clear
     * @return the previous one, possibly null
     */
    public static RuntimeContext enter(RuntimeContext ctx) {
        if (ThreadSlots.of(Thread.currentThread()) instanceof ThreadSlots slots) {
            RuntimeContext prev = (RuntimeContext) slots.contextSlot();
            slots.contextSlot(ctx);
            return prev;
        }
        RuntimeContext prev = CURRENT.get();
        if (ctx == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(ctx);
        }
        return prev;
    }

    /**
     * @param what what needs the runtime, for the message
     * @return the runtime of the current thread
     * @throws IllegalStateException if there is none, with the fix in the message
     */
    public static RuntimeContext require(String what) {
        RuntimeContext ctx = current();
        if (ctx == null) {
            throw new IllegalStateException("there is no Weft runtime on this thread, but "
                    + what + " needs one: call this from inside Weft.run(...), runtime.blockOn(...), "
                    + "a task started with spawn(...), or a coroutine (Async.async)");
        }
        return ctx;
    }
}
