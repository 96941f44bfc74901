package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Sneaky;

/**
 * How a future or task ended: with a value ({@link Success}) or a failure ({@link Failure}).
 * Made by the combinators that must not fail fast, such as {@link Futures#joinAll} and
 * {@code JoinSet.joinNextOutcome()}, so one failure does not hide the other results.
 *
 * {@snippet :
 * for (Outcome<String> o : Futures.joinAll(fetches).await()) {
 *     switch (o) {
 *         case Outcome.Success<String> s -> System.out.println(s.value());
 *         case Outcome.Failure<String> f -> log(f.error());
 *     }
 * }
 * }
 *
 * @param <T> the type of the value
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Failure {

    /**
     * Ended with a value.
     *
     * @param value the value, may be {@code null} (for {@code Void} futures)
     * @param <T> the type of the value
     */
    record Success<T>(T value) implements Outcome<T> {
    }

    /**
     * Ended with a failure.
     *
     * @param error the failure, never {@code null}
     * @param <T> the type the value would have had
     */
    record Failure<T>(Throwable error) implements Outcome<T> {
        /** Checks the failure is present. */
        public Failure {
            Args.notNull(error, "error");
        }
    }

    /**
     * Returns the value, or throws the failure as it is (never wrapped).
     *
     * {@snippet :
     * String first = outcomes.get(0).get();
     * }
     *
     * @return the value
     */
    default T get() {
        return switch (this) {
            case Success<T> s -> s.value();
            case Failure<T> f -> throw Sneaky.rethrow(f.error());
        };
    }

    /** {@return {@code true} when this ended with a value} */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * The outcome of a completed poll.
     *
     * @param poll a ready or failed poll
     * @param <T> the type of the value
     * @return its outcome
     * @throws IllegalArgumentException if {@code poll} is pending
     */
    static <T> Outcome<T> of(Poll<T> poll) {
        return switch (poll) {
            case Poll.Ready<T> r -> new Success<>(r.value());
            case Poll.Failed<T> f -> new Failure<>(f.error());
            case Poll.Pending<T> p -> throw new IllegalArgumentException("a pending poll has no outcome");
        };
    }
}
