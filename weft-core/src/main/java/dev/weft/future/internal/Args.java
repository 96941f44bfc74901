package dev.weft.future.internal;

import java.time.Duration;

/** Argument checks shared by every Weft package: each names the argument it rejects. */
public final class Args {
    private Args() {
    }

    /**
     * @param value the argument
     * @param name its name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null, empty or only white space
     */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was \"" + value + "\"");
        }
        return value;
    }

    /**
     * @param value the argument
     * @param name its name, for the message
     * @param <T> its type
     * @return {@code value}
     * @throws IllegalArgumentException if {@code value} is null
     */
    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * @param value the argument
     * @param name its name
     * @return {@code value}
     * @throws IllegalArgumentException if null or negative
     */
    public static Duration nonNegative(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * @param value the argument
     * @param name its name
     * @return {@code value}
     * @throws IllegalArgumentException if null, zero or negative
     */
    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * @param value the argument
     * @param name its name
     * @return {@code value}
     * @throws IllegalArgumentException if less than one
     */
    public static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }
}
