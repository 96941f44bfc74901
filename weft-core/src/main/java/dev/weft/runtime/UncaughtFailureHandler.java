package dev.weft.runtime;

/**
 * Receives the failure of a task that nobody joined: reported when the task's handle becomes
 * unreachable without being awaited, or at the latest when the runtime closes. The default logs
 * through {@link System.Logger} at WARNING.
 *
 * {@snippet :
 * Runtime rt = Runtime.builder()
 *         .uncaughtFailureHandler((taskId, failure) -> metrics.count("task.failed"))
 *         .build();
 * }
 */
@FunctionalInterface
public interface UncaughtFailureHandler {

    /**
     * Called with the failure of a task that nobody joined.
     *
     * @param taskId the id of the failed task
     * @param failure its failure
     */
    void uncaughtFailure(long taskId, Throwable failure);
}
