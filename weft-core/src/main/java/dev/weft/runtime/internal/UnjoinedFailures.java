package dev.weft.runtime.internal;

import dev.weft.future.internal.Cleanup;
import dev.weft.runtime.UncaughtFailureHandler;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The failures of a runtime's tasks that no joiner has seen yet (contract 5: a failure nobody
 * joins is reported, never lost). A failed task registers an {@link Entry} here; a joiner that
 * takes the failure dismisses it; otherwise it goes to the runtime's
 * {@link UncaughtFailureHandler} when the task's handle becomes unreachable, or at the latest when
 * the runtime closes ({@link #reportAll()}).
 *
 * <p>Implementation notes. Each entry is registered with Weft's one {@link Cleaner}
 * ({@link Cleanup}) on the task
 * (the object whose reachability bounds the report), and kept in a concurrent set so close can
 * report the rest. An entry runs at most once: dismissal, the cleaner and close all go through
 * {@code Cleaner.Cleanable.clean()}, and the set's {@code remove} decides who reports.
 */
public final class UnjoinedFailures {
    private final Set<Entry> pending = ConcurrentHashMap.newKeySet();
    private final UncaughtFailureHandler handler;

    /** @param handler where failures nobody joined go */
    public UnjoinedFailures(UncaughtFailureHandler handler) {
        this.handler = handler;
    }

    /**
     * Starts tracking the failure of a task that nobody joined yet.
     *
     * @param task the object whose reachability bounds the report (the join handle)
     * @param taskId its id
     * @param e the failure
     * @return the entry; the caller dismisses it when a joiner takes the failure
     */
    public Entry track(Object task, long taskId, Throwable e) {
        Entry u = new Entry(this, taskId, e);
        u.cleanable = Cleanup.whenUnreachable(task, u);
        pending.add(u);
        return u;
    }

    /**
     * Reports a failure now (a failure that cannot be joined at all).
     *
     * @param taskId the failed task's id
     * @param e the failure
     */
    public void report(long taskId, Throwable e) {
        try {
            handler.uncaughtFailure(taskId, e);
        } catch (Throwable ignored) {
            // a failing handler must not take the runtime down
        }
    }

    /** Reports every failure still unjoined; called when the runtime closes. */
    public void reportAll() {
        for (Entry u : List.copyOf(pending)) {
            u.cleanable.clean();
        }
    }

    /** The record of a failure nobody joined yet; runs (once) when its task is collected. */
    public static final class Entry implements Runnable {
        private final UnjoinedFailures owner;
        private final long taskId;
        private final Throwable error;
        /** Set by dismiss (any thread); read by the cleaner's run. */
        private volatile boolean dismissed;
        private Cleaner.Cleanable cleanable;

        Entry(UnjoinedFailures owner, long taskId, Throwable error) {
            this.owner = owner;
            this.taskId = taskId;
            this.error = error;
        }

        /** A joiner took the failure: never report it. Idempotent. */
        public void dismiss() {
            dismissed = true; // volatile: a cleaner run that starts later sees it and reports nothing
            owner.pending.remove(this);
            cleanable.clean();
        }

        @Override
        public void run() {
            if (!dismissed && owner.pending.remove(this)) {
                owner.report(taskId, error);
            }
        }
    }
}
