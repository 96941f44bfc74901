package dev.weft.future;

/**
 * The result of {@link Futures#select}: which future won, and its value.
 *
 * {@snippet :
 * Selected<String> s = Futures.blockOn(Futures.select(fromCache, fromDatabase));
 * System.out.println("branch " + s.index() + " answered " + s.value());
 * }
 *
 * @param index the position of the winning future in the arguments, from 0
 * @param value its value ({@code null} for a {@code Void} future)
 * @param <T> the type of the value
 */
public record Selected<T>(int index, T value) {
}
