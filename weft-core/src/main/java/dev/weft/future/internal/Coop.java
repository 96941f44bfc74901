package dev.weft.future.internal;

import dev.weft.future.Context;

/**
 * Cooperative scheduling for Weft's resources (Tokio's {@code coop}). Every resource future
 * (timer, channel, socket) asks {@link #proceed} before it completes a poll; when the running
 * task or coroutine has used up its budget for the turn (128 polls), the answer is false, the
 * task is already re-woken, and the resource returns pending — so a task spinning on an
 * always-ready resource still lets the others, and the timers, run.
 */
public final class Coop {
    private Coop() {
    }

    /**
     * @param cx the context of the poll
     * @return whether the resource may complete now; if false, return {@code Poll.pending()}
     */
    public static boolean proceed(Context cx) {
        Suspender s = Suspender.installed();
        return s == null || s.proceed(cx);
    }
}
