package dev.weft.test;

/** How the driver's run of a test body ended, as JUnit's thread saw it. */
sealed interface Outcome {

    /** The body returned (and the leak check ran, if asked). */
    Outcome PASSED = new Passed();

    /** @return whether the driver left {@code blockOn}, so the runtime can be closed from JUnit's thread */
    default boolean driverStopped() {
        return true;
    }

    /** The body returned. */
    record Passed() implements Outcome {
    }

    /** The body (or {@code blockOn}) failed with {@code error}. */
    record Failed(Throwable error) implements Outcome {
    }

    /**
     * The real-time guard fired.
     *
     * @param error the failure to report, its stack trace the body's where it hung
     * @param driverStopped whether the driver ended once the body was cancelled
     */
    record TimedOut(AssertionError error, boolean driverStopped) implements Outcome {
    }
}
