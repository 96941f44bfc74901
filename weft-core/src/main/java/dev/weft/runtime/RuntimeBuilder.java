package dev.weft.runtime;

import dev.weft.future.internal.Args;
import dev.weft.runtime.scheduler.CurrentThreadScheduler;
import dev.weft.time.Clock;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;

/**
 * Configures and builds a {@link Runtime}.
 *
 * {@snippet :
 * Runtime rt = Runtime.builder()
 *         .currentThread()
 *         .enableTime()
 *         .startPaused(true)       // virtual time for tests
 *         .build();
 * }
 */
public final class RuntimeBuilder {
    private static final System.Logger LOG = System.getLogger("dev.weft.runtime");

    private boolean time;
    private boolean startPaused;
    private Clock clock;
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private UncaughtFailureHandler failureHandler = (id, failure) ->
            LOG.log(System.Logger.Level.WARNING, "Weft task " + id + " failed and nobody joined it", failure);

    RuntimeBuilder() {
    }

    /**
     * Selects the current-thread flavor: one thread (the one inside {@code blockOn}) runs
     * everything, with no locks on the hot path.
     *
     * @return this builder
     */
    public RuntimeBuilder currentThread() {
        return this;
    }

    /** @return this builder, with the time driver enabled (sleep, timeout, interval) */
    public RuntimeBuilder enableTime() {
        this.time = true;
        return this;
    }

    /** @return this builder, with every driver enabled */
    public RuntimeBuilder enableAll() {
        return enableTime();
    }

    /**
     * Starts the runtime with a paused clock: time stands still, and jumps to the next timer's
     * deadline whenever every task is idle, so time-based tests are exact and instant.
     * Needs {@link #enableTime()}.
     *
     * @param paused whether to start paused
     * @return this builder
     */
    public RuntimeBuilder startPaused(boolean paused) {
        this.startPaused = paused;
        return this;
    }

    /**
     * Uses {@code clock} as the time source (for tests). Needs {@link #enableTime()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public RuntimeBuilder clock(Clock clock) {
        this.clock = Args.notNull(clock, "clock");
        return this;
    }

    /**
     * How long {@link Runtime#close()} waits for cancelled tasks to unwind (default 10 s).
     *
     * @param timeout the time, zero or more
     * @return this builder
     */
    public RuntimeBuilder shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Runtime.checkedTimeout(timeout);
        return this;
    }

    /**
     * Where failures of tasks that nobody joined go (default: {@link System.Logger} at WARNING).
     *
     * @param handler the handler
     * @return this builder
     */
    public RuntimeBuilder uncaughtFailureHandler(UncaughtFailureHandler handler) {
        this.failureHandler = Args.notNull(handler, "handler");
        return this;
    }

    /**
     * @return the runtime
     * @throws IllegalStateException if a clock or a paused start was asked without time enabled
     */
    public Runtime build() {
        if (!time && (startPaused || clock != null)) {
            throw new IllegalStateException("startPaused/clock need the time driver: call enableTime()");
        }
        TimeDriver driver = null;
        if (time) {
            Clock c = clock != null ? clock : (startPaused ? Clock.paused() : Clock.system());
            if (startPaused && !c.isPaused()) {
                throw new IllegalStateException("startPaused(true) needs a clock that can be paused, got " + c);
            }
            driver = new TimeDriver(c);
        }
        return new Runtime(new CurrentThreadScheduler(driver, failureHandler), shutdownTimeout);
    }
}
