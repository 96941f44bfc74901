package dev.weft.future;

import dev.weft.future.internal.Args;
import java.util.List;
import java.util.function.IntFunction;

/** The child futures of {@link JoinFuture} and {@link SelectFuture}: checked copies and cancelling. */
final class Children {
    private Children() {
    }

    /**
     * Copies {@code futures} into an array, rejecting a null list or element.
     *
     * @param futures the futures
     * @param name the argument's name, for the message ({@code futures[2] must not be null})
     * @return a fresh array the caller owns
     */
    static Future<?>[] copy(List<? extends Future<?>> futures, String name) {
        Args.notNull(futures, name);
        Future<?>[] out = new Future<?>[futures.size()];
        int i = 0;
        for (Future<?> f : futures) {
            out[i] = Args.notNull(f, name + "[" + i + "]");
            i++;
        }
        return out;
    }

    /**
     * Copies the elements of a varargs array (read through {@code at}, so that the generic
     * array itself never leaves its {@code @SafeVarargs} method), rejecting a null element.
     *
     * @param length the array's length
     * @param at reads element {@code i}
     * @param name the argument's name, for the message
     * @return a fresh array the caller owns
     */
    static Future<?>[] copy(int length, IntFunction<Future<?>> at, String name) {
        Future<?>[] out = new Future<?>[length];
        for (int i = 0; i < length; i++) {
            out[i] = Args.notNull(at.apply(i), name + "[" + i + "]");
        }
        return out;
    }

    /**
     * Cancels every non-null slot once, clearing it first so no child is cancelled twice. A
     * {@code cancel()} that throws does not stop the others from being cancelled; the first
     * such exception is rethrown at the end, with the later ones suppressed.
     *
     * @param children the slots; a null slot is a child that completed or was cancelled
     */
    static void cancelAll(Future<?>[] children) {
        cancelEach(children, Future::cancel);
    }

    /**
     * {@link #cancelAll(Future[])} for streams that a combinator owns (a merge).
     *
     * @param streams the slots; a null slot is a stream that ended or was cancelled
     */
    static void cancelAll(Stream<?>[] streams) {
        cancelEach(streams, Stream::cancel);
    }

    private static <C> void cancelEach(C[] slots, java.util.function.Consumer<? super C> cancel) {
        Throwable first = null;
        for (int i = 0; i < slots.length; i++) {
            C c = slots[i];
            if (c == null) {
                continue;
            }
            slots[i] = null;
            try {
                cancel.accept(c);
            } catch (RuntimeException | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
    }

    /**
     * Fails a combinator with {@code error} after {@code cancel} released what it owns; an
     * exception from the cancelling is added to {@code error} as suppressed.
     *
     * @param cancel the combinator's cancel
     * @param error its failure
     * @param <T> the poll's type
     * @return the failed poll
     */
    static <T> Poll<T> failCancelling(Runnable cancel, Throwable error) {
        try {
            cancel.run();
        } catch (RuntimeException | Error e) {
            error.addSuppressed(e);
        }
        return Poll.failed(error);
    }
}
