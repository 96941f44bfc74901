package dev.weft.test;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import org.junit.jupiter.api.Assertions;

/**
 * Assertions on what a future answers to one poll, as tokio-test's {@code assert_pending!},
 * {@code assert_ready!} and {@code assert_ready_err!}: each fails the test with JUnit's
 * {@code AssertionFailedError} saying what the poll was.
 *
 * {@snippet :
 * Oneshot.Channel<Integer> ch = Oneshot.channel();
 * MockTask<Integer> rx = MockTask.spawn(ch.receiver());
 * assertPending(rx.poll());
 * ch.sender().send(7);
 * assertEquals(7, assertReady(rx.poll()));
 * }
 */
public final class PollAssertions {
    private PollAssertions() {
    }

    /**
     * Polls a future once with a fresh {@link CountingWaker}; for a future whose wake-ups do
     * not matter to the test ({@link MockTask} keeps the waker).
     *
     * @param future the future
     * @param <T> its value
     * @return what it answered; an unchecked exception escaping its {@code poll} is returned as
     *         a failed poll
     * @throws IllegalArgumentException if future is null
     */
    public static <T> Poll<T> pollOnce(Future<T> future) {
        if (future == null) {
            throw new IllegalArgumentException("future must not be null");
        }
        try {
            return future.poll(new CountingWaker());
        } catch (RuntimeException | Error e) {
            return Poll.failed(e);
        }
    }

    /**
     * Asserts that a poll is pending.
     *
     * @param poll the poll
     * @throws IllegalArgumentException if poll is null
     */
    public static void assertPending(Poll<?> poll) {
        check(poll);
        if (!poll.isPending()) {
            Assertions.fail("expected pending, was " + poll, poll instanceof Poll.Failed<?> f ? f.error() : null);
        }
    }

    /**
     * Asserts that a poll is ready with a value, and returns it.
     *
     * @param poll the poll
     * @param <T> the value's type
     * @return the value
     * @throws IllegalArgumentException if poll is null
     */
    public static <T> T assertReady(Poll<T> poll) {
        check(poll);
        return switch (poll) {
            case Poll.Ready<T> r -> r.value();
            case Poll.Failed<T> f -> Assertions.fail("expected ready, failed with " + f.error(), f.error());
            case Poll.Pending<T> p -> Assertions.fail("expected ready, was pending");
        };
    }

    /**
     * Asserts that a poll is ready with a failure, and returns the failure.
     *
     * @param poll the poll
     * @return the failure
     * @throws IllegalArgumentException if poll is null
     */
    public static Throwable assertFailed(Poll<?> poll) {
        check(poll);
        if (poll instanceof Poll.Failed<?> f) {
            return f.error();
        }
        return Assertions.fail("expected a failure, was " + poll);
    }

    private static void check(Poll<?> poll) {
        if (poll == null) {
            throw new IllegalArgumentException("poll must not be null");
        }
    }
}
