package dev.weft.future;

/**
 * A function that may throw a checked exception: the handler type of {@link Select}, so a
 * handler can await a socket write or a send ({@code v -> { out.writeAll(buf).await(); return
 * true; }}) without wrapping {@code IOException}. What it throws is the select's failure.
 *
 * {@snippet class=dev.weft.snippets.FutureSnippets region=checked-handler}
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface CheckedFunction<T, R> {
    /**
     * Applies the function.
     *
     * @param value the argument
     * @return the result
     * @throws Exception whatever the body throws
     */
    R apply(T value) throws Exception;
}
