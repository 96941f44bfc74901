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
record Settings(Flavor flavor, int workers, boolean startPaused, long timeoutMillis, boolean allowLiveTasks,
        boolean deterministic, long seed, int seeds) {

    /** How long {@code close()} waits for cancelled tasks to unwind: short, a test is waiting. */
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

    static final Settings DEFAULTS = new Settings(Flavor.CURRENT_THREAD, 2, false, 30_000, false, false,
            WeftTest.RANDOM_SEED, 1);

    Settings {
        if (workers < 1) {
            throw new PreconditionViolationException("@WeftTest(workers) must be at least 1, was " + workers);
        }
        if (timeoutMillis < 0) {
            throw new PreconditionViolationException(
                    "@WeftTest(timeoutMillis) must be 0 (no guard) or more, was " + timeoutMillis);
        }
        if (seeds < 1) {
            throw new PreconditionViolationException("@WeftTest(seeds) must be at least 1, was " + seeds);
        }
        if (!deterministic && (seeds != 1 || seed != WeftTest.RANDOM_SEED)) {
            throw new PreconditionViolationException("@WeftTest(seed/seeds) need @WeftTest(deterministic = true)");
        }
        if (deterministic && flavor == Flavor.MULTI_THREAD) {
            throw new PreconditionViolationException("@WeftTest(deterministic = true) runs on one thread: it cannot "
                    + "be combined with flavor = MULTI_THREAD");
        }
    }

    /** @return these settings for one run under {@code s} */
    Settings withSeed(long s) {
        return new Settings(flavor, workers, true, timeoutMillis, allowLiveTasks, true, s, seeds);
    }

    /**
     * @param method the test method
     * @return its {@code @WeftTest} (found through meta-annotations too), or the defaults when
     *         the extension was registered without it
     */
    static Settings of(Method method) {
        return AnnotationSupport.findAnnotation(method, WeftTest.class)
                .map(a -> new Settings(a.flavor(), a.workers(), a.startPaused() || a.deterministic(), a.timeoutMillis(),
                        a.allowLiveTasks(), a.deterministic(), a.seed(), a.seeds()))
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
        if (deterministic) {
            b.deterministic(seed); // current-thread, paused clock (the clock given is paused)
        } else if (flavor == Flavor.MULTI_THREAD) {
            b.workerThreads(workers).threadNamePrefix("weft-test-worker-");
        } else {
            b.currentThread();
        }
        return b.build();
    }

    static String hex(long seed) {
        return "0x" + Long.toHexString(seed);
    }

    String describe() {
        if (deterministic) {
            return "@WeftTest(deterministic = true, seed = " + hex(seed) + "L)";
        }
        return "@WeftTest(flavor = " + flavor + (flavor == Flavor.MULTI_THREAD ? ", workers = " + workers : "")
                + ", startPaused = " + startPaused + ")";
    }
}
