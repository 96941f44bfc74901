/**
 * Time: wait for a duration ({@link dev.weft.time.Time#sleep}), bound another future
 * ({@link dev.weft.time.Time#timeout}), tick at a period ({@link dev.weft.time.Time#interval}),
 * and the {@link dev.weft.time.Clock} a runtime reads, which tests can pause.
 *
 * <p>Every future here needs a runtime with time enabled and binds to it when made; outside
 * one the factory throws {@link java.lang.IllegalStateException} saying how to get one. Timers
 * have 1 ms resolution and never complete early. Futures are lazy: a timer registers on its
 * first poll, and {@code cancel()} removes it at once. Durations too large to add to the clock
 * saturate to "never" rather than wrapping round.
 *
 * <p>On a paused clock time moves only when a test {@linkplain dev.weft.time.Time#advance
 * advances} it, or, inside a runtime, when every task is idle: then it jumps to the next
 * timer. A test of a one-hour timeout takes microseconds and always behaves the same way.
 *
 * {@snippet class=dev.weft.snippets.TimeSnippets region=package}
 */
package dev.weft.time;
