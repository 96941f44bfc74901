package dev.weft.test;

import dev.weft.test.UnobservedFailures.Failure;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/** Turns what happened in a test run into the exception JUnit reports, or none. */
final class Verdict {
    private Verdict() {
    }

    /**
     * @param outcome how the body ended
     * @param leftovers what the leak check found alive, or null
     * @param unjoined task failures that nobody joined, reported by the runtime
     * @param clean whether the shutdown ended every task in time
     * @param endReport the metrics report taken when the body ended, or null if it never ended
     * @return the test's failure, or empty if it passed
     */
    static Optional<Throwable> judge(Outcome outcome, Leftovers leftovers, List<Failure> unjoined, boolean clean,
            String endReport) {
        String report = endReport != null ? endReport : "(the runtime's report was not taken: the body never ran)";
        return switch (outcome) {
            case Outcome.Failed(Throwable t) when t instanceof TestAbortedException -> Optional.of(t);
            case Outcome.Failed(Throwable t) -> Optional.of(RuntimeReport.attach(withUnjoined(t, unjoined), report));
            case Outcome.TimedOut(AssertionError e, boolean stopped) -> Optional.of(withUnjoined(e, unjoined));
            case Outcome.Passed p -> passed(leftovers, unjoined, clean, report);
        };
    }

    private static Optional<Throwable> passed(Leftovers leftovers, List<Failure> unjoined, boolean clean,
            String report) {
        if (leftovers != null) {
            return Optional.of(withUnjoined(new AssertionError("@WeftTest found work still alive when the test body "
                    + "returned: " + leftovers + " (alive after " + TestRun.SETTLE_NANOS / 1_000_000
                    + " ms of real time with the clock stopped). A test must await, abort or close what it starts "
                    + "(JoinHandle.await() or abort(), JoinSet.close(), closing the senders and sockets its tasks "
                    + "wait on), or say @WeftTest(allowLiveTasks = true) to have it cancelled at shutdown.\n"
                    + leftovers.dump() + "\n" + report), unjoined));
        }
        if (!unjoined.isEmpty()) {
            Failure first = unjoined.getFirst();
            AssertionError e = new AssertionError("@WeftTest: " + Leftovers.count(unjoined.size(), "task")
                    + " failed and nobody joined " + (unjoined.size() == 1 ? "it" : "them") + " ("
                    + unjoined.stream().map(f -> "task " + f.taskId() + ": " + f.error()).collect(Collectors.joining("; "))
                    + "). Await a task's JoinHandle to see and handle its failure.\n" + report, first.error());
            for (Failure f : unjoined.subList(1, unjoined.size())) {
                e.addSuppressed(f.error());
            }
            return Optional.of(e);
        }
        if (!clean) {
            return Optional.of(new AssertionError("@WeftTest: shutting the runtime down did not end every task "
                    + "within " + Settings.SHUTDOWN_TIMEOUT.toMillis() + " ms: a task goes on after it was cancelled "
                    + "(catches CancelledException and carries on?), or a coroutine is stuck in a loop that never "
                    + "awaits.\n" + report));
        }
        return Optional.empty();
    }

    /** Adds each unjoined task failure to {@code t} as a suppressed exception naming its task. */
    private static Throwable withUnjoined(Throwable t, List<Failure> unjoined) {
        for (Failure f : unjoined) {
            t.addSuppressed(new AssertionError("task " + f.taskId() + " failed and nobody joined it", f.error()));
        }
        return t;
    }

    /** Throws {@code t} as it is, checked or not (the test method's exception, unwrapped). */
    static RuntimeException sneaky(Throwable t) {
        throw Verdict.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
