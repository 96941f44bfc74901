package dev.weft;

import dev.weft.future.Future;
import dev.weft.future.internal.Args;
import dev.weft.runtime.scheduler.Coroutine;
import java.util.concurrent.Callable;

/**
 * Coroutines: sequential code where {@code future.await()} suspends instead of blocking.
 *
 * <p>{@link #async} returns a lazy future: nothing runs until it is first polled (awaited,
 * spawned, joined, selected). The body then runs on a virtual thread that the runtime which
 * polled it schedules; cancelling the future makes the body's pending (or next)
 * {@code await()} throw {@code CancelledException}, and interrupts a blocking JDK call it
 * sits in, so its {@code finally} blocks run. An exception thrown by the body is the future's
 * failure, with its original type and stack.
 *
 * {@snippet class=dev.weft.snippets.WeftSnippets region=async}
 */
public final class Async {
    private Async() {
    }

    /**
     * Makes a coroutine of {@code body}: a lazy future that runs the body when first polled.
     *
     * @param body the coroutine's code
     * @param <T> its result type
     * @return a lazy future of the body's result
     */
    public static <T> Future<T> async(Callable<T> body) {
        return new Coroutine<>(Args.notNull(body, "body"));
    }
}
