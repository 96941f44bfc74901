package dev.weft.test;

import dev.weft.runtime.UncaughtFailureHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * The test runtime's {@link UncaughtFailureHandler}: keeps every failure of a task that nobody
 * joined, to fail the test with them. The runtime reports such a failure when the task's handle
 * is collected (on the JDK's cleaner thread) or, at the latest, while it shuts down (on the
 * closing thread), so the list is complete once {@code close()} returned.
 */
final class UnobservedFailures implements UncaughtFailureHandler {

    /** One failure: the id of the task and what it threw. */
    record Failure(long taskId, Throwable error) {
    }

    private final List<Failure> failures = new ArrayList<>();

    @Override
    public synchronized void uncaughtFailure(long taskId, Throwable failure) {
        failures.add(new Failure(taskId, failure));
    }

    /** @return the failures reported so far, in order */
    synchronized List<Failure> snapshot() {
        return List.copyOf(failures);
    }
}
