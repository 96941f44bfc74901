package dev.weft.runtime.scheduler;

import dev.weft.future.Future;
import dev.weft.runtime.jfr.LongPollEvent;
import dev.weft.runtime.jfr.WeftEvents;

/**
 * Runs one queue entry (a task's poll, a coroutine's run) timed, for the {@code dev.weft.LongPoll}
 * JFR event. Used only while a recording enables that event; otherwise the worker runs the
 * entry directly and this class costs nothing.
 *
 * <p>While enabled, a run costs two {@link System#nanoTime()} reads, the event's own two
 * timestamps and the event object (JFR's threshold can then only raise the runtime's, since the
 * event is committed only past the runtime's threshold).
 *
 * {@snippet :
 * if (WeftEvents.longPollEnabled()) {
 *     LongPolls.run(scheduler, task);
 * } else {
 *     task.run();
 * }
 * }
 */
final class LongPolls {
    private LongPolls() {
    }

    /** Runs {@code r} and commits a long-poll event if it took at least the runtime's threshold. */
    static void run(TaskHost s, Runnable r) {
        // The task drops both when it completes; a coroutine task has only its body before its first run.
        Object future = r instanceof Task<?> t ? (t.futureForDump() instanceof Future<?> f ? f : t.coroutineForDump()) : null;
        LongPollEvent e = WeftEvents.beginLongPoll();
        long start = System.nanoTime();
        r.run();
        long took = System.nanoTime() - start;
        if (took >= s.observe().longPollNanos) {
            commit(s, e, r, future);
        }
    }

    private static void commit(TaskHost s, LongPollEvent e, Runnable r, Object future) {
        Task<?> task = r instanceof Task<?> t ? t : r instanceof Coroutine<?> c ? c.task() : null;
        Coroutine<?> co = r instanceof Coroutine<?> c ? c : future instanceof Coroutine<?> c ? c : null;
        String what = co != null ? co.bodyClass().getName()
                : future != null ? future.getClass().getName() : r.getClass().getName();
        String name = task != null ? task.name()
                : co != null ? "a coroutine started outside any task" : r.getClass().getName();
        boolean coroutine = co != null || task != null && task.isCoroutineTask();
        WeftEvents.longPoll(e, s.runtimeName(), task != null ? task.id() : 0, name, coroutine, what);
    }
}
