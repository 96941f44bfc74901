package dev.weft.future;

import dev.weft.future.internal.Args;
import dev.weft.future.internal.Sneaky;
import java.util.function.Function;

/**
 * The result of one {@link Future#poll}: ready with a value, ready with a failure, or pending.
 *
 * {@snippet :
 * switch (future.poll(cx)) {
 *     case Poll.Ready<String> r -> System.out.println(r.value());
 *     case Poll.Failed<String> f -> f.error().printStackTrace();
 *     case Poll.Pending<String> p -> { } // cx.waker() will be woken
 * }
 * }
 *
 * @param <T> the type of the value
 */
public sealed interface Poll<T> permits Poll.Ready, Poll.Failed, Poll.Pending {

    /**
     * A completed poll with a value.
     *
     * @param value the value, may be {@code null} (for {@code Void} futures)
     * @param <T> the type of the value
     */
    record Ready<T>(T value) implements Poll<T> {
    }

    /**
     * A completed poll with a failure.
     *
     * @param error the failure, never {@code null}
     * @param <T> the type the value would have had
     */
    record Failed<T>(Throwable error) implements Poll<T> {
        /** Checks the failure is present. */
        public Failed {
            Args.notNull(error, "error");
        }
    }

    /**
     * Not ready yet; the future arranged a wake-up. There is one instance: {@link #pending()}.
     *
     * @param <T> the type of the value
     */
    final class Pending<T> implements Poll<T> {
        static final Pending<?> INSTANCE = new Pending<>();

        private Pending() {
        }

        @Override
        public String toString() {
            return "Pending";
        }
    }

    /**
     * A ready poll with {@code value}; {@code null} gives a shared instance.
     *
     * @param value the value
     * @param <T> the type of the value
     * @return the ready poll
     */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) Shared.READY_NULL : new Ready<>(value);
    }

    /**
     * A failed poll.
     *
     * @param error the failure
     * @param <T> the type of the value
     * @return the failed poll
     */
    static <T> Poll<T> failed(Throwable error) {
        return new Failed<>(error);
    }

    /**
     * The pending poll (a singleton; returning it allocates nothing).
     *
     * @param <T> the type of the value
     * @return the pending poll
     */
    @SuppressWarnings("unchecked")
    static <T> Poll<T> pending() {
        return (Poll<T>) Pending.INSTANCE;
    }

    /** {@return {@code true} when this poll completed, with a value or a failure} */
    default boolean isReady() {
        return !(this instanceof Pending);
    }

    /** {@return {@code true} when this poll is pending} */
    default boolean isPending() {
        return this instanceof Pending;
    }

    /**
     * Returns the value, or throws the failure as it is.
     *
     * @return the value
     * @throws IllegalStateException if pending
     */
    default T get() {
        return switch (this) {
            case Ready<T> r -> r.value();
            case Failed<T> f -> throw Sneaky.rethrow(f.error());
            case Pending<T> p -> throw new IllegalStateException("Poll.get() on a pending poll");
        };
    }

    /**
     * Maps the value of a ready poll; failures and pending pass through.
     *
     * @param fn the function
     * @param <U> the new type
     * @return the mapped poll
     */
    @SuppressWarnings("unchecked")
    default <U> Poll<U> map(Function<? super T, ? extends U> fn) {
        return switch (this) {
            case Ready<T> r -> Poll.ready(fn.apply(r.value()));
            case Failed<T> f -> (Poll<U>) f;
            case Pending<T> p -> (Poll<U>) p;
        };
    }
}

/** Holder of shared poll instances (interfaces cannot have private static fields). */
final class Shared {
    static final Poll.Ready<Object> READY_NULL = new Poll.Ready<>(null);

    private Shared() {
    }
}
