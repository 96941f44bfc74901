package dev.weft.runtime;

import dev.weft.future.CancelledException;

/**
 * The failure of a task that did not run to its end: it was aborted, or its runtime shut down.
 * A task that failed by itself reports its own exception instead, unwrapped.
 *
 * {@snippet :
 * JoinHandle<Void> h = Weft.spawn(() -> { Weft.sleep(Duration.ofHours(1)).await(); return null; });
 * h.abort();
 * try {
 *     h.await();
 * } catch (JoinError e) {
 *     assert e.isAborted();
 * }
 * }
 */
public final class JoinError extends CancelledException {
    private static final long serialVersionUID = 1L;

    /** The id of the task that did not run to its end. */
    private final long taskId;
    /** Whether its runtime's shutdown cancelled it (else it was aborted). */
    private final boolean shutdown;

    private JoinError(long taskId, boolean shutdown, String message) {
        super(message);
        this.taskId = taskId;
        this.shutdown = shutdown;
    }

    /**
     * The error of an aborted task.
     *
     * @param task the aborted task
     * @return the error for a task cancelled by {@link JoinHandle#abort()}
     */
    public static JoinError cancelled(JoinHandle<?> task) {
        return new JoinError(task.id(), false, "task " + describe(task) + " was aborted");
    }

    /**
     * The error of a task that its runtime's shutdown cancelled.
     *
     * @param task the task
     * @return the error for a task cancelled by its runtime's shutdown
     */
    public static JoinError shutdown(JoinHandle<?> task) {
        return new JoinError(task.id(), true, "task " + describe(task) + " was cancelled: its runtime shut down");
    }

    /** The task's id, and its name if it was given one: {@code 7 "fetch"}. */
    private static String describe(JoinHandle<?> task) {
        String name = task.name();
        return name.equals("task-" + task.id()) ? Long.toString(task.id()) : task.id() + " \"" + name + "\"";
    }

    /** {@return the id of the task} */
    public long taskId() {
        return taskId;
    }

    /** {@return whether the task was cancelled by {@link JoinHandle#abort()}} */
    public boolean isAborted() {
        return !shutdown;
    }

    /** {@return whether the task was cancelled because its runtime shut down} */
    public boolean isShutdown() {
        return shutdown;
    }
}
