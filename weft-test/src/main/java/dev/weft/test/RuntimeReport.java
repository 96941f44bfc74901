package dev.weft.test;

import java.io.Serial;

/**
 * The runtime's metrics at a test's failure, attached to the test's own exception as a
 * suppressed exception, so that exception (an assertion's, with its expected and actual values)
 * stays what it is. It has no stack trace of its own: its message is the report.
 */
final class RuntimeReport extends Throwable {
    @Serial
    private static final long serialVersionUID = 1L;

    RuntimeReport(String report) {
        super(report, null, false, false);
    }

    /**
     * Attaches {@code report} to {@code failure}: as a suppressed {@code RuntimeReport}, or, for
     * an exception that does not record suppressed ones, by wrapping it in an
     * {@link AssertionError} whose message adds the report.
     *
     * @return the exception to throw: {@code failure} itself, or its wrapper
     */
    static Throwable attach(Throwable failure, String report) {
        failure.addSuppressed(new RuntimeReport(report));
        for (Throwable s : failure.getSuppressed()) {
            if (s instanceof RuntimeReport) {
                return failure;
            }
        }
        return new AssertionError(failure + "\n" + report, failure);
    }
}
