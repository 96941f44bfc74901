package dev.weft.test;

import dev.weft.Weft;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.Runtime;
import dev.weft.runtime.TaskDump;
import dev.weft.runtime.TaskInfo;
import dev.weft.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;

/**
 * One {@link WeftTest}'s runtime and the run of its body on it.
 *
 * <p>Implementation notes.
 * <ul>
 * <li><b>Threads.</b> The body is spawned as a coroutine task (named after the test) and a
 *     platform thread of its own (the <em>driver</em>) calls {@code runtime.blockOn(task)};
 *     JUnit's thread waits for it with the real-time guard. Running {@code blockOn} on JUnit's
 *     thread would leave nobody to stop a body stuck in a loop that never awaits (on a
 *     current-thread runtime in {@code WEFT_SCHEDULER} or {@code CONTINUATION} mode the body
 *     runs on the thread inside {@code blockOn}); the body runs as a coroutine either way, so
 *     nothing is lost by not running on JUnit's thread.</li>
 * <li><b>Why a task</b>, not {@code blockOn}'s own future: the task dump lists tasks, and it is
 *     the only way to see the stack of a coroutine suspended in an {@code await} on the
 *     continuation engine, where a coroutine has no thread whose stack could be asked (a hung
 *     test's report). The body's task is told apart in the dump by its body's class,
 *     {@link Body}, and in the counts of the leak check by being alive there (see
 *     {@link Leftovers}). A task's join only detaches when {@code blockOn} is interrupted, so
 *     the driver aborts the body then; the shutdown that follows unwinds it.</li>
 * <li><b>Leak check</b> ({@link #settle}), in the body's coroutine after the test method
 *     returned: the clock is stopped, then the runtime gets up to {@link #SETTLE_NANOS} of real
 *     time to finish what is under way. The coroutine stays busy meanwhile (yields, then 1 ms
 *     JDK sleeps, neither of which is an {@code await}), so a paused clock cannot auto-advance
 *     either: a task waiting on a timer never finishes here. What is still alive at the end of
 *     the grace is a leak.</li>
 * <li><b>Unjoined failures</b> are complete only after {@code close()} (the runtime reports the
 *     rest there), so the runtime is always closed here, before the verdict.</li>
 * <li><b>Memory.</b> The fields the coroutine writes are volatile: JUnit's thread reads them
 *     after the driver ended (ordered by the {@link CompletableFuture}) or when the guard fires
 *     (while the body may still run).</li>
 * </ul>
 */
final class TestRun implements ExtensionContext.Store.CloseableResource {
    /** How long, in real time, work under way at the end of the body may take to finish. */
    static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How long a timed-out test's driver may take to stop once its body was cancelled. */
    private static final long STOP_MILLIS = 1_000;
    /** Yields before the leak check starts sleeping: enough for aborted tasks to unwind. */
    private static final int SETTLE_YIELDS = 16;

    private final Settings settings;
    private final String testName;
    private final Clock clock = Clock.paused();
    private final long startNanos = clock.nanoTime();
    private final UnobservedFailures failures = new UnobservedFailures();
    private final Runtime runtime;

    /**
     * The thread the body's coroutine runs on, once it runs (for the stack of a hung test that
     * does not wait in an await): its virtual thread, or on the continuation engine the thread
     * that resumes it (a started coroutine stays on it).
     */
    private volatile Thread body;
    /** The metrics report at the end of the body (null until then). */
    private volatile String endReport;
    /** What the leak check found alive (null: nothing, or not checked). */
    private volatile Leftovers leftovers;
    /** Whether {@link #execute} shut the runtime down (then {@link #close()} leaves it alone). */
    private volatile boolean shutDown;

    TestRun(Settings settings, String testName) {
        this.settings = settings;
        this.testName = testName;
        this.runtime = settings.build(clock, failures);
    }

    Runtime runtime() {
        return runtime;
    }

    Settings settings() {
        return settings;
    }

    Handle handle() {
        return runtime.handle();
    }

    /**
     * Runs the test method as a coroutine on the runtime, checks for leaks, shuts the runtime
     * down and judges the whole.
     *
     * @param invocation JUnit's invocation of the test method
     * @throws Throwable the test's failure, with the runtime's report attached, or an
     *         {@link AssertionError} for a leak, an unjoined task failure or a timeout
     */
    void execute(Invocation<Void> invocation) throws Throwable {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread driver = Thread.ofPlatform().daemon().name("weft-test-driver[" + testName + "]").unstarted(() -> {
            JoinHandle<Void> task = null;
            try {
                task = runtime.spawn(testName, new Body(this, invocation));
                runtime.blockOn(task);
                done.complete(null);
            } catch (Throwable t) {
                if (task != null) {
                    task.abort(); // interrupted: blockOn only let go of the join; a no-op if the body failed
                }
                done.completeExceptionally(t);
            }
        });
        driver.start();
        Outcome outcome;
        try {
            outcome = awaitBody(done, driver);
        } catch (InterruptedException e) { // JUnit's thread was interrupted (e.g. by JUnit's own @Timeout)
            String report = report("when the test's thread was interrupted");
            shutDown(stop(driver, done));
            Thread.currentThread().interrupt();
            throw RuntimeReport.attach(e, report);
        }
        boolean clean = shutDown(outcome.driverStopped());
        Optional<Throwable> failure = Verdict.judge(outcome, leftovers, failures.snapshot(), clean, endReport);
        if (failure.isPresent()) {
            throw failure.get();
        }
    }

    /**
     * The body's coroutine: a class of its own, so the task dump shows which task is the body
     * ({@link TaskInfo#futureClass()}).
     */
    private record Body(TestRun run, Invocation<Void> invocation) implements Callable<Void> {
        @Override
        public Void call() throws Exception {
            return run.runBody(invocation);
        }
    }

    private Void runBody(Invocation<Void> invocation) throws Exception {
        body = Thread.currentThread();
        try {
            invocation.proceed();
        } catch (Throwable t) {
            endReport = report("when the test failed");
            throw Verdict.sneaky(t);
        }
        if (!settings.allowLiveTasks()) {
            leftovers = settle();
        }
        endReport = report("when the test body returned");
        return null;
    }

    /** The leak check: see the class notes. Returns what is left, or null. */
    private Leftovers settle() throws InterruptedException {
        clock.pause(); // timers stop: a task waiting for one is left over, not finishing
        long deadline = System.nanoTime() + SETTLE_NANOS;
        for (int i = 0; ; i++) {
            Leftovers left = Leftovers.of(runtime.handle().metrics());
            if (left.isEmpty()) {
                return null;
            }
            if (i < SETTLE_YIELDS) {
                Weft.yieldNow().await(); // the runtime runs what is runnable: aborted tasks unwind
            } else if (System.nanoTime() - deadline >= 0) {
                return left.withDump(othersThanBody(runtime.handle().dumpTasks()));
            } else {
                Thread.sleep(1); // not an await: the clock does not move meanwhile
                // then a turn of the runtime: a continuation body shares the driving thread, so
                // the sleep alone would leave the runtime (and its sockets) standing still
                Weft.yieldNow().await();
            }
        }
    }

    private Outcome awaitBody(CompletableFuture<Void> done, Thread driver) throws InterruptedException {
        try {
            if (settings.timeoutMillis() == 0) {
                done.get();
            } else {
                done.get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
            }
            return Outcome.PASSED;
        } catch (ExecutionException e) {
            return new Outcome.Failed(e.getCause());
        } catch (TimeoutException e) {
            return timedOut(driver, done);
        }
    }

    private Outcome timedOut(Thread driver, CompletableFuture<Void> done) {
        StackTraceElement[] where = whereTheBodyIs(driver); // before the cancel unwinds it
        String report = report("when the guard fired");
        boolean stopped = stop(driver, done);
        AssertionError e = new AssertionError("@WeftTest timed out: " + testName + " was still running after "
                + settings.timeoutMillis() + " ms of real time (timeoutMillis); the stack trace is where its body was"
                + (stopped ? ", and it was cancelled there"
                        : "; its driving thread did not stop when interrupted (a loop that never awaits?) and was"
                                + " left running")
                + "\n" + report);
        e.setStackTrace(where);
        return new Outcome.TimedOut(e, stopped);
    }

    /**
     * Where a hung body is: the stack of the {@code await} it is suspended in, from the task dump
     * (on every engine: on the continuation engine a suspended coroutine is on no thread's
     * stack); else, when it runs or is about to, the stack of the thread it runs on (on the
     * continuation engine the body's frames are mounted on it while it runs); else, before it
     * started, the driver's.
     */
    private StackTraceElement[] whereTheBodyIs(Thread driver) {
        Optional<TaskInfo> task = runtime.handle().dumpTasks().tasks().stream().filter(TestRun::isBody).findFirst();
        if (task.isPresent() && !task.get().stack().isEmpty()) {
            return task.get().stack().toArray(StackTraceElement[]::new);
        }
        Thread b = body;
        return (b != null ? b : driver).getStackTrace();
    }

    private static boolean isBody(TaskInfo task) {
        return task.coroutine() && task.futureClass().equals(Body.class.getName());
    }

    /** @return {@code dump} without the body's own task: what the leak check reports */
    private static TaskDump othersThanBody(TaskDump dump) {
        List<TaskInfo> others = dump.tasks().stream().filter(t -> !isBody(t)).toList();
        return new TaskDump(dump.runtimeName(), dump.takenAt(), others);
    }

    /** Interrupts the driver, so blockOn lets go of the body and aborts it, and waits a moment for it to end. */
    private static boolean stop(Thread driver, CompletableFuture<Void> done) {
        driver.interrupt();
        try {
            done.handle((v, t) -> null).get(STOP_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new AssertionError(e); // handle() never fails
        }
    }

    /**
     * Shuts the runtime down: aborts what is left, waits for it to unwind, reports unjoined
     * failures to {@link #failures}, closes the blocking pool.
     *
     * @param driverStopped whether the driver left {@code blockOn}; if not, a current-thread
     *        runtime cannot be driven from here, so it is shut down in the background
     * @return whether every task ended within the shutdown timeout
     */
    private boolean shutDown(boolean driverStopped) {
        shutDown = true;
        if (!driverStopped) {
            runtime.shutdownBackground();
            return false;
        }
        boolean clean = runtime.shutdownTimeout(Settings.SHUTDOWN_TIMEOUT);
        runtime.close(); // the scheduler is down already; this closes the blocking pool
        return clean;
    }

    private String report(String when) {
        long ms = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
        return "Weft runtime of " + testName + " " + when + " (" + settings.describe() + "; the clock stands at start + "
                + ms + " ms; the test's body is one of its tasks):\n" + runtime.handle().metrics();
    }

    /** JUnit closes the store after the test: a no-op unless {@link #execute} never ran. */
    @Override
    public void close() {
        if (!shutDown) {
            runtime.close();
        }
    }
}
