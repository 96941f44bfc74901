package dev.weft.runtime.scheduler;

/**
 * The bits of a task's state word. One {@code int}, changed only by CAS.
 *
 * <pre>
 * RUNNING   a worker is polling the future. Only the thread that set it touches the future.
 * NOTIFIED  the task is in a run queue, or was woken while RUNNING and the runner re-queues it
 *           when its poll returns. A task is queued at most once: wake() queues only when it
 *           sets NOTIFIED on a task that is neither RUNNING nor NOTIFIED.
 * COMPLETE  terminal: the output (value, failure or cancellation) is stored. Set once, with
 *           release semantics, after the output is written; whoever reads COMPLETE with acquire
 *           may read the output. Never set together with RUNNING.
 * CANCELLED abort() was called; the next run cancels the future instead of polling it.
 *           Can be set in any non-COMPLETE state; abort() also sets NOTIFIED so a run follows.
 *           A started coroutine is cancelled by abort() itself and then polled, as long as it
 *           takes to unwind: the task completes only after its finally blocks ran.
 * JOINED    the JoinHandle took the output; polling the handle again is a bug.
 * SHUTDOWN  set with CANCELLED by the runtime's shutdown (not by abort()): the task's JoinError
 *           says its runtime shut down. Never cleared.
 * </pre>
 */
final class TaskState {
    static final int RUNNING = 1;
    static final int NOTIFIED = 1 << 1;
    static final int COMPLETE = 1 << 2;
    static final int CANCELLED = 1 << 3;
    static final int JOINED = 1 << 4;
    static final int SHUTDOWN = 1 << 5;

    private TaskState() {
    }

    static boolean has(int state, int bit) {
        return (state & bit) != 0;
    }

    static String describe(int s) {
        StringBuilder b = new StringBuilder();
        if (has(s, RUNNING)) b.append("RUNNING|");
        if (has(s, NOTIFIED)) b.append("NOTIFIED|");
        if (has(s, COMPLETE)) b.append("COMPLETE|");
        if (has(s, CANCELLED)) b.append("CANCELLED|");
        if (has(s, JOINED)) b.append("JOINED|");
        if (has(s, SHUTDOWN)) b.append("SHUTDOWN|");
        return b.isEmpty() ? "IDLE" : b.substring(0, b.length() - 1);
    }
}
