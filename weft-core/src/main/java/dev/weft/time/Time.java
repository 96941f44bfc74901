package dev.weft.time;

import dev.weft.future.Future;
import dev.weft.future.Stream;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Args;
import dev.weft.runtime.internal.Drivers;
import dev.weft.time.wheel.TimeDriver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Timers: {@link #sleep}, {@link #timeout}, {@link #interval}, the runtime's {@link #now()},
 * and, for tests on a paused clock, {@link #advance}, {@link #pause()}, {@link #resume()}.
 *
 * <p>Every method needs the runtime of the calling thread (a task, a coroutine, or code
 * inside {@code blockOn}); outside one it throws {@link IllegalStateException} saying how to
 * get one. The futures bind to that runtime's timer when they are made and may then be polled
 * from any of its threads. Timers have a resolution of 1 ms and never complete early.
 *
 * <p>Instants are on the clock's wall timeline ({@link Clock#now()}): monotonic, unaffected
 * by adjustments of the system's wall clock, and standing still on a paused clock.
 *
 * {@snippet class=dev.weft.snippets.TimeSnippets region=time}
 */
public final class Time {
    private Time() {
    }

    /**
     * A future that completes once {@code duration} has passed from now (the first 1 ms tick
     * at or after it). A zero duration completes on the first poll. A duration too large to
     * add to the clock's time (beyond about 292 years of nanoseconds, e.g.
     * {@code Duration.ofSeconds(Long.MAX_VALUE)}) saturates to never: the sleep never
     * completes, and takes no place in the timer.
     *
     * <p>Awaiting it: <b>cancel safety</b>: safe (nothing is lost; the timer entry is removed
     * at once); <b>memory effects</b>: none beyond the clock. See {@link Sleep#await()}.
     *
     * @param duration how long, not negative
     * @return the sleep, lazy: it registers on its first poll
     * @throws IllegalArgumentException if {@code duration} is null or negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static Sleep sleep(Duration duration) {
        Args.nonNegative(duration, "duration");
        TimeDriver driver = Drivers.time("Time.sleep(...)");
        return new Sleep(driver, Nanos.deadline(driver.clock().nanoTime(), duration));
    }

    /**
     * A future that completes once the clock reaches {@code deadline}: at once for a deadline
     * in the past; never for one too far to represent in a long of nanoseconds (about 292
     * years). Cancel safety and memory effects as {@link #sleep}.
     *
     * @param deadline an instant on the runtime clock's wall timeline ({@link #now()})
     * @return the sleep, lazy: it registers on its first poll
     * @throws IllegalArgumentException if {@code deadline} is null
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static Sleep sleepUntil(Instant deadline) {
        Args.notNull(deadline, "deadline");
        TimeDriver driver = Drivers.time("Time.sleepUntil(...)");
        return new Sleep(driver, driver.clock().nanosAt(deadline));
    }

    /**
     * Wraps {@code future} so that it fails with {@link Elapsed} if it is not done within
     * {@code duration} from now; the inner future is then cancelled. The inner future is
     * polled first, so a result ready on time always wins, even with a zero duration (Tokio's
     * rule); a coroutine ({@code Async.async}) counts as polled once its body ran to its first
     * suspending {@code await()} or its end, on every coroutine engine (see {@link Timeout}). A
     * duration too large to add to the clock's time saturates to never (no timer at all).
     *
     * <p>Awaiting it: <b>cancel safety</b> is the inner future's, which is cancelled with the
     * timeout; <b>memory effects</b> are the inner future's. See {@link Timeout#poll}.
     *
     * @param duration the time limit, not negative
     * @param future the future to limit; the timeout owns it from now on
     * @param <T> its value type
     * @return the timeout future, lazy
     * @throws IllegalArgumentException if an argument is null, or {@code duration} negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static <T> Timeout<T> timeout(Duration duration, Future<T> future) {
        Args.nonNegative(duration, "duration");
        Args.notNull(future, "future");
        TimeDriver driver = Drivers.time("Time.timeout(...)");
        return new Timeout<>(driver, Nanos.deadline(driver.clock().nanoTime(), duration), future,
                "timed out after " + Nanos.describe(duration));
    }

    /**
     * Like {@link #timeout}, with an absolute deadline on the clock's wall timeline: a past
     * deadline fails after the first poll of the inner future, one too far to represent never
     * fails. Cancel safety and memory effects as {@link #timeout}.
     *
     * @param deadline the instant by which {@code future} must be done
     * @param future the future to limit; the timeout owns it from now on
     * @param <T> its value type
     * @return the timeout future, lazy
     * @throws IllegalArgumentException if an argument is null
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static <T> Timeout<T> timeoutAt(Instant deadline, Future<T> future) {
        Args.notNull(deadline, "deadline");
        Args.notNull(future, "future");
        TimeDriver driver = Drivers.time("Time.timeoutAt(...)");
        return new Timeout<>(driver, driver.clock().nanosAt(deadline), future,
                "deadline " + deadline + " has passed");
    }

    /**
     * The items of {@code stream}, failing with {@link Elapsed} when an item takes longer than
     * {@code duration}: the first one counted from the first poll, each next one from the
     * previous item (tokio-stream's {@code timeout}). On expiry {@code stream} is cancelled and
     * the returned stream fails; a stream failure is terminal in Weft, so unlike tokio's it does
     * not go on after an {@link Elapsed}. To keep reading after a slow gap, time each read
     * instead: {@code Time.timeout(d, stream.next())} in a loop ({@code next()} is cancel-safe,
     * so an expired read loses no item). A duration too large to add to the clock's time means
     * no limit.
     *
     * <p>The end and a failure of {@code stream} pass through. <b>Cancel safety</b> when read
     * with {@code next()}: safe, as {@code stream}'s own; cancelling the returned stream cancels
     * {@code stream} and removes the timer.
     *
     * {@snippet class=dev.weft.snippets.StreamSnippets region=timeout-each}
     *
     * @param duration the longest wait for each item, not negative
     * @param stream the stream to limit, owned by the returned one from now on
     * @param <T> the type of the items
     * @return the limited stream; it binds to this runtime's timer now
     * @throws IllegalArgumentException if an argument is null, or {@code duration} negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static <T> Stream<T> timeoutEach(Duration duration, Stream<T> stream) {
        Args.nonNegative(duration, "duration");
        Args.notNull(stream, "stream");
        TimeDriver driver = Drivers.time("Time.timeoutEach(...)");
        return new TimeoutEachStream<>(new Sleep(driver, Long.MAX_VALUE), duration, stream);
    }

    /**
     * The items of {@code stream} in batches (tokio-stream's {@code chunks_timeout}): a batch is
     * emitted when it holds {@code maxSize} items, or once {@code duration} has passed since its
     * first item, whichever comes first; an empty batch is never emitted. When {@code stream}
     * ends, the partial batch is emitted, then the end; when it fails, the partial batch is
     * emitted, then the failure, so no item is lost. Items keep their order.
     *
     * <p><b>Cancel safety:</b> not cancel-safe: cancelling the returned stream cancels
     * {@code stream} and drops the items of the batch being filled. Reading it with
     * {@code next()} is safe: a batch leaves only in the poll that returns it.
     *
     * {@snippet class=dev.weft.snippets.StreamSnippets region=chunks-timeout}
     *
     * @param stream the stream to batch, owned by the returned one from now on
     * @param maxSize the most items in a batch, at least 1
     * @param duration how long a batch may wait after its first item, positive
     * @param <T> the type of the items
     * @return the stream of batches, each an unmodifiable list; it binds to this runtime's
     *         timer now
     * @throws IllegalArgumentException if an argument is null, {@code maxSize} is less than 1,
     *         or {@code duration} is zero or negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static <T> Stream<List<T>> chunksTimeout(Stream<T> stream, int maxSize, Duration duration) {
        Args.notNull(stream, "stream");
        Args.positive(maxSize, "maxSize");
        Args.positive(duration, "duration");
        TimeDriver driver = Drivers.time("Time.chunksTimeout(...)");
        return new ChunksTimeoutStream<>(new Sleep(driver, Long.MAX_VALUE), stream, maxSize, duration);
    }

    /**
     * An interval whose first tick completes at once and whose next ticks follow every
     * {@code period}; {@link MissedTickBehavior#BURST} when ticks are missed.
     *
     * @param period the time between ticks, positive
     * @return the interval
     * @throws IllegalArgumentException if {@code period} is null, zero or negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static Interval interval(Duration period) {
        Args.positive(period, "period");
        TimeDriver driver = Drivers.time("Time.interval(...)");
        return new Interval(driver, driver.clock().nanoTime(), period);
    }

    /**
     * An interval whose first tick completes at {@code start} and whose next ticks follow
     * every {@code period}.
     *
     * @param start the first tick, on the clock's wall timeline
     * @param period the time between ticks, positive
     * @return the interval
     * @throws IllegalArgumentException if an argument is null, or {@code period} zero or negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static Interval intervalAt(Instant start, Duration period) {
        Args.notNull(start, "start");
        Args.positive(period, "period");
        TimeDriver driver = Drivers.time("Time.intervalAt(...)");
        return new Interval(driver, driver.clock().nanosAt(start), period);
    }

    /**
     * {@return the current instant on the runtime clock's wall timeline}
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static Instant now() {
        return Drivers.time("Time.now()").clock().now();
    }

    /**
     * Stops the runtime's clock (a no-op if stopped): from now on time moves only by
     * {@link #advance}, or by jumping to the next timer when every task is idle.
     *
     * @throws IllegalStateException outside a runtime, or if its clock cannot be paused (it
     *         must be built with {@link Clock#paused()})
     */
    public static void pause() {
        Drivers.time("Time.pause()").clock().pause();
    }

    /**
     * Lets the runtime's paused clock run again, from where it stands (a no-op if it runs).
     *
     * @throws IllegalStateException outside a runtime, or if its clock cannot be paused
     */
    public static void resume() {
        Drivers.time("Time.resume()").clock().resume();
    }

    /**
     * For tests: a future that moves the runtime's paused clock forward by {@code duration}
     * when first polled, fires the timers that are then due, and yields once so that the tasks
     * they woke run before the awaiting code continues (as {@code tokio::time::advance}).
     * It fails with {@link IllegalStateException} if the clock is not paused at that poll.
     *
     * <p>Awaiting it: <b>cancel safety</b>: cancelling after the first poll leaves the clock
     * advanced and the due timers fired (only the yield is skipped); <b>memory effects</b>:
     * the advance happens-before the tasks its timers woke see the new time. Call from the
     * test's task or coroutine.
     *
     * @param duration how far, not negative; too large saturates at the farthest time
     * @return the future
     * @throws IllegalArgumentException if {@code duration} is null or negative
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static UncheckedFuture<Void> advance(Duration duration) {
        Args.nonNegative(duration, "duration");
        return new Advance(Drivers.time("Time.advance(...)"), duration);
    }
}
