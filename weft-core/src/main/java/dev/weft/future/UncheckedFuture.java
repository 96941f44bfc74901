package dev.weft.future;

import dev.weft.future.internal.Await;

/**
 * A future whose failures are all unchecked, so its {@link #await()} declares no checked
 * exception: a lock, a permit, a channel operation, a join that reports outcomes. It is the
 * narrowing of {@link Future#await()}'s {@code throws Exception} for the futures that cannot fail
 * any other way (as {@code IoFuture} narrows it to {@code IOException}), so their awaits compile
 * inside any lambda.
 *
 * {@snippet class=dev.weft.snippets.FutureSnippets region=unchecked-future}
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface UncheckedFuture<T> extends Future<T> {
    /**
     * Waits for this future, as {@link Future#await()} does; a failure is an unchecked
     * exception, thrown as it is.
     *
     * @return the value
     */
    @Override
    default T await() {
        return Await.await(this);
    }
}
