package dev.weft.test;

import dev.weft.runtime.Runtime;
import dev.weft.runtime.RuntimeBuilder;
import dev.weft.test.WeftTest.Flavor;
import dev.weft.time.Clock;
import java.lang.reflect.Method;
import java.time.Duration;
import org.junit.platform.commons.PreconditionViolationException;
import org.junit.platform.commons.support.AnnotationSupport;

/** One test's {@link WeftTest} attributes, checked; the defaults for a method without the annotation. */
record Settings(Flavor flavor, int workers, boolean startPaused, long timeoutMillis, boolean allowLiveTasks) {

    /** How long {@code close()} waits for cancelled tasks to unwind: short, a test is waiting. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    static final Settings DEFAULTS = new Settings(Flavor.CURRENT_THREAD, 2, false, 30_000, false);

    Settings {
        if (workers < 1) {
            throw new PreconditionViolationException("@WeftTest(workers) must be at least 1, was " + workers);
        }
        if (timeoutMillis < 0) {
            throw new PreconditionViolationException(
                    "@WeftTest(timeoutMillis) must be 0 (no guard) or more, was " + timeoutMillis);
        }
    }

    /**
     * @param method the test method
     * @return its {@code @WeftTest} (found through meta-annotations too), or the defaults when
     *         the extension was registered without it
     */
    static Settings of(Method method) {
        return AnnotationSupport.findAnnotation(method, WeftTest.class)
                .map(a -> new Settings(a.flavor(), a.workers(), a.startPaused(), a.timeoutMillis(), a.allowLiveTasks()))
                .orElse(DEFAULTS);
    }

    /**
     * Builds the runtime. The clock is always {@link Clock#paused()}, resumed at once unless
     * {@link #startPaused}: the test may pause it, and the leak check stops it (see {@link TestRun}).
     *
     * @param clock the clock, made by the caller so it can stop it later
     * @param failures where task failures that nobody joined go
     * @return the runtime
     */
    Runtime build(Clock clock, UnobservedFailures failures) {
        if (!startPaused) {
            clock.resume();
        }
        RuntimeBuilder b = Runtime.builder().enableAll().clock(clock).startPaused(startPaused)
                .shutdownTimeout(SHUTDOWN_TIMEOUT).uncaughtFailureHandler(failures)
                .captureSpawnLocations(true); // a leaked task is reported with the line that spawned it
        if (flavor == Flavor.MULTI_THREAD) {
            b.workerThreads(workers).threadNamePrefix("weft-test-worker-");
        } else {
            b.currentThread();
        }
        return b.build();
    }

    String describe() {
        return "@WeftTest(flavor = " + flavor + (flavor == Flavor.MULTI_THREAD ? ", workers = " + workers : "")
                + ", startPaused = " + startPaused + ")";
    }
}
