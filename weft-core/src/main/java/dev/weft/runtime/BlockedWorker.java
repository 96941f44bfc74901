package dev.weft.runtime;

import dev.weft.future.internal.Args;
import java.time.Duration;
import java.util.List;

/**
 * A report of the blocked-worker detector: one poll (or one coroutine turn) has held a worker
 * thread longer than the runtime's {@linkplain RuntimeBuilder#blockedWorkerThreshold threshold}.
 * While it runs, every other task queued on that worker waits — on a current-thread runtime,
 * every task. The usual causes are {@code Thread.sleep}, blocking I/O or a long computation in a
 * poll-based future, or a CPU loop in a coroutine.
 *
 * <p>Each poll is reported at most once, while it is still running, so {@link #blockedFor()} is
 * a lower bound: how long the poll had run when the detector looked. By default a report goes to
 * {@link #log()}; {@link RuntimeBuilder#blockedWorkerHandler} takes it elsewhere.
 *
 * {@snippet :
 * Runtime rt = Runtime.builder()
 *         .blockedWorkerThreshold(Duration.ofMillis(50))
 *         .blockedWorkerHandler(b -> {
 *             metrics.counter("weft.blocked", "task", b.taskName()).increment();
 *             b.log();                        // and the usual warning, with the stack
 *         })
 *         .build();
 * }
 *
 * @param threadName the blocked worker thread's name ({@code blockOn}'s caller for the
 *        current-thread flavor)
 * @param taskId the id of the task being polled, or 0 when the future is not a task (the
 *        future given to {@code blockOn}, a coroutine started outside any task)
 * @param taskName the task's {@linkplain JoinHandle#name() name}, or what else is running
 * @param inCoroutine whether the worker is running a coroutine's continuation (then the stack
 *        is the coroutine's, when the JVM could take it)
 * @param blockedFor how long the poll had been running when it was seen, at least the threshold
 * @param stackTrace the stack of the blocked thread (or coroutine) when it was seen
 */
public record BlockedWorker(String threadName, long taskId, String taskName, boolean inCoroutine,
        Duration blockedFor, List<StackTraceElement> stackTrace) {
    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    /**
     * Checks the components and copies the stack into an unmodifiable list.
     *
     * @throws IllegalArgumentException if a reference argument is null
     */
    public BlockedWorker {
        Args.notNull(threadName, "threadName");
        Args.notNull(taskName, "taskName");
        Args.notNull(blockedFor, "blockedFor");
        stackTrace = List.copyOf(Args.notNull(stackTrace, "stackTrace"));
    }

    /**
     * The warning text: what is blocked, by what, what to do instead, and the stack.
     *
     * @return a multi-line message
     */
    public String message() {
        StringBuilder b = new StringBuilder(256 + 64 * stackTrace.size());
        b.append("Weft worker thread '").append(threadName).append("' has been blocked for ")
                .append(blockedFor.toMillis()).append(" ms by one poll of ")
                .append(inCoroutine && taskId != 0 ? "a coroutine of " : "").append(taskName);
        if (taskId != 0) {
            b.append(" (task id ").append(taskId).append(')');
        }
        b.append(": every other task of this worker waits meanwhile. A poll must not block: ")
                .append(inCoroutine
                        ? "a coroutine may call blocking JDK methods, but a long computation (or a "
                                + "call in a native frame) holds its worker; "
                        : "in a poll-based future, Thread.sleep, blocking I/O or a long computation "
                                + "hold the worker; ")
                .append("await an async equivalent (Time.sleep instead of Thread.sleep), run the "
                        + "blocking part with spawnBlocking, or split the work with yieldNow(). ")
                .append("Stack of the blocked thread:");
        for (StackTraceElement e : stackTrace) {
            b.append("\n\tat ").append(e);
        }
        return b.toString();
    }

    /** @return a one-line summary (the stack is in {@link #message()}) */
    @Override
    public String toString() {
        return "BlockedWorker[" + threadName + ", " + (inCoroutine ? "coroutine of " : "") + taskName
                + (taskId != 0 ? " (task id " + taskId + ")" : "") + ", " + blockedFor.toMillis() + " ms, "
                + stackTrace.size() + " frames]";
    }

    /** Logs {@link #message()} at WARNING through {@link System.Logger} {@code dev.weft.runtime}: the default handler. */
    public void log() {
        LOG.log(System.Logger.Level.WARNING, message());
    }
}
