package dev.weft.future;

/**
 * Wakes a task so its future is polled again.
 *
 * <p>{@link #wake()} is cheap, thread-safe, idempotent while the task is already scheduled
 * (and then allocates nothing), and a no-op after the task finished.
 *
 * {@snippet :
 * Waker w = cx.waker();
 * otherThread.submit(() -> { result = compute(); w.wake(); });
 * return Poll.pending();
 * }
 */
@FunctionalInterface
public interface Waker {

    /** Schedules the task to be polled again. */
    void wake();

    /**
     * A waker that does nothing.
     *
     * @return the no-op waker
     */
    static Waker noop() {
        return NoopWaker.INSTANCE;
    }
}

/** The no-op waker and its context. */
final class NoopWaker implements Waker, Context {
    static final NoopWaker INSTANCE = new NoopWaker();

    @Override
    public void wake() {
    }

    @Override
    public Waker waker() {
        return this;
    }
}
