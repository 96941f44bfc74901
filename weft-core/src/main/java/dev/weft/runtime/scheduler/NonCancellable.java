package dev.weft.runtime.scheduler;

import dev.weft.future.Future;
import dev.weft.future.internal.Suspender;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The cleanup region of a cancelled coroutine ({@code Async.nonCancellable}, and a JoinSet's
 * close waiting for its tasks): the body runs as a coroutine of its own, bounded by a timeout,
 * and the caller awaits it with its own cancellation held off ({@link Coroutine#awaitShielded}).
 * A runtime's shutdown still ends the wait ({@link Coroutine#requestCancelForShutdown}).
 *
 * <p>It reaches up to {@code dev.weft.time} for the timeout, as a JoinSet's close must bound
 * its wait; the time package's own lookup of the driver is the other half of that pair.
 */
public final class NonCancellable {
    private NonCancellable() {
    }

    /**
     * Runs {@code body} to its end, or until {@code limit} passes, even if the calling coroutine
     * is cancelled. Arguments are checked by the caller.
     *
     * @param limit how long the body may take
     * @param body the cleanup
     * @param <T> its value type
     * @return its value
     * @throws dev.weft.time.Elapsed if the limit passed first (the body is then cancelled)
     * @throws Exception the body's failure, as it is
     */
    public static <T> T run(Duration limit, Callable<T> body) throws Exception {
        Future<T> bounded = Time.timeout(limit, new Coroutine<>(body));
        return Suspender.installed() instanceof Coroutine<?> self ? self.awaitShielded(bounded) : bounded.await();
    }

    /** {@return whether the calling thread runs a coroutine's body} */
    public static boolean inCoroutine() {
        return Suspender.installed() instanceof Coroutine<?>;
    }
}
