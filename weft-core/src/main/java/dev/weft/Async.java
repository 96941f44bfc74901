package dev.weft;

import dev.weft.future.Future;
import dev.weft.future.internal.Args;
import dev.weft.runtime.internal.Drivers;
import dev.weft.runtime.scheduler.Coroutine;
import dev.weft.runtime.scheduler.NonCancellable;
import java.time.Duration;
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

    /**
     * Runs {@code body} to its end even if the calling coroutine is cancelled, for at most
     * {@code limit}: the cleanup region of a cancelled coroutine (Kotlin's
     * {@code withContext(NonCancellable)}), so a {@code finally} block can still await, to wait
     * for its children, flush a {@code BufWriter} or send a goodbye.
     *
     * {@snippet class=dev.weft.snippets.WeftSnippets region=non-cancellable}
     *
     * <p><b>Rules.</b>
     * <ul>
     *   <li>The body runs as a coroutine of its own, which the caller's cancellation does not
     *       reach; the caller waits for it. A cancellation of the caller, requested before or
     *       during the body, ends the caller's first await after this call (it is deferred,
     *       never lost).
     *   <li>The limit makes the region end: when it passes, the body is cancelled (its pending
     *       await throws {@link dev.weft.future.CancelledException}, its {@code finally} runs on
     *       its own) and this call throws {@link dev.weft.time.Elapsed}. Without a limit a
     *       cleanup that hangs would keep an aborted task, and its runtime's shutdown, waiting.
     *   <li>Its value or failure is the body's, as it is.
     *   <li>Because the body is another coroutine, thread-locals and
     *       {@code Thread.currentThread()} are the body's own; a {@code ScopedValue} binding of the
     *       caller is not inherited.
     *   <li>On a thread that is not a coroutine there is no cancellation to hold off: the body is
     *       awaited there, bounded by the limit all the same.
     *   <li>Continuation engine: a coroutine future that its owner dropped (a select loser, a
     *       timed-out {@code Async.async} future) has nobody left to poll it, so its region cannot
     *       wait and ends at once with {@code CancelledException} saying so. A spawned task,
     *       aborted, is still polled by its runtime: its region waits, on both engines.
     * </ul>
     *
     * @param limit how long the body may take; positive
     * @param body the cleanup
     * @param <T> the body's result type
     * @return the body's value
     * @throws dev.weft.time.Elapsed if the limit passed first (the body was then cancelled)
     * @throws Exception the body's failure, as it is
     * @throws IllegalArgumentException if {@code limit} is null, zero or negative, or {@code body}
     *     is null
     * @throws IllegalStateException outside a runtime with time enabled
     */
    public static <T> T nonCancellable(Duration limit, Callable<T> body) throws Exception {
        Args.positive(limit, "limit");
        Args.notNull(body, "body");
        Drivers.time("Async.nonCancellable(...)"); // outside a runtime: say so naming this call
        return NonCancellable.run(limit, body);
    }
}
