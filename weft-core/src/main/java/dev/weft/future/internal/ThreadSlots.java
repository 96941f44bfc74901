package dev.weft.future.internal;

/**
 * Per-thread state kept in fields of a runtime's own threads instead of thread-locals, so that
 * code resumed on another worker finds that worker's state (see {@link Carrier}).
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
}
