package dev.weft.io.blocking;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.ShortLock;
import dev.weft.io.IoFuture;
import dev.weft.runtime.Handle;
import dev.weft.runtime.JoinHandle;
import dev.weft.future.internal.Coop;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A lazy future of one blocking call: the first poll hands {@code body} to the blocking pool of
 * the runtime it runs on ({@code Handle.current().spawnBlocking}); the future completes with the
 * call's value, or fails with its exception as it is ({@code NoSuchFileException} stays one).
 *
 * <p>Cancelling it before the call started on its blocking thread means the call never runs;
 * after, the call runs to its end and the value is dropped. A value that owns a resource (an
 * open file) is given to {@code discard} when nobody will take it, so it is not leaked.
 *
 * <p>Implementation notes. The body's outcome travels as a {@code Poll} value of the blocking
 * task, never as the task's failure, so a fault of a call whose future was cancelled is not
 * reported as an uncaught failure. With a {@code discard}, the body and {@code cancel()} meet
 * under {@code lock}: whichever comes second disposes of the value, after the lock. The lock is a
 * {@link ShortLock}, not a monitor, like every lock a coroutine may share with a worker thread
 * (docs/design-notes.md); its sections are a few field updates.
 *
 * @param <T> the call's value
 */
public final class BlockingFuture<T> implements IoFuture<T> {
    private final Callable<T> body;
    private final Consumer<? super T> discard;
    private JoinHandle<Poll<T>> handle;
    private boolean done;

    private final ShortLock lock = new ShortLock();
    private boolean cancelled; // guarded by lock
    private T unclaimed; // guarded by lock: the value, until the owner takes it

    private BlockingFuture(Callable<T> body, Consumer<? super T> discard) {
        this.body = Args.notNull(body, "body");
        this.discard = discard;
    }

    /**
     * @param body the blocking call
     * @param <T> its value
     * @return a lazy future of it
     */
    public static <T> BlockingFuture<T> of(Callable<T> body) {
        return new BlockingFuture<>(body, null);
    }

    /**
     * @param body the blocking call
     * @param discard disposes of a value nobody will take (the future was cancelled)
     * @param <T> its value
     * @return a lazy future of it
     */
    public static <T> BlockingFuture<T> of(Callable<T> body, Consumer<? super T> discard) {
        return new BlockingFuture<>(body, Args.notNull(discard, "discard"));
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("I/O future polled after it completed");
        }
        if (handle == null) {
            handle = Handle.current().spawnBlocking(this::run);
        }
        if (!Coop.proceed(cx)) {
            return Poll.pending();
        }
        Poll<Poll<T>> p = handle.poll(cx);
        if (p.isPending()) {
            return Poll.pending();
        }
        done = true;
        if (p instanceof Poll.Ready<Poll<T>> r) {
            if (discard != null) {
                lock.lock();
                try {
                    unclaimed = null;
                } finally {
                    lock.unlock();
                }
            }
            return r.value();
        }
        return Poll.failed(((Poll.Failed<Poll<T>>) p).error()); // JoinError: the runtime shut down before the call ran
    }

    /** Abandons the call: it does not run if it has not started; a running one is left to end. */
    @Override
    public void cancel() {
        if (handle == null || done) {
            return;
        }
        done = true;
        handle.cancel(); // first: detach the waker, so the abort below wakes nobody
        handle.abort();
        if (discard != null) {
            T v;
            lock.lock();
            try {
                cancelled = true;
                v = unclaimed;
                unclaimed = null;
            } finally {
                lock.unlock();
            }
            if (v != null) {
                discard.accept(v);
            }
        }
    }

    /** On the blocking thread. */
    private Poll<T> run() {
        T v;
        try {
            v = body.call();
        } catch (Exception e) {
            return Poll.failed(e);
        }
        if (discard != null && v != null) {
            lock.lock();
            try {
                if (!cancelled) {
                    unclaimed = v;
                    return Poll.ready(v);
                }
            } finally {
                lock.unlock();
            }
            discard.accept(v);
        }
        return Poll.ready(v);
    }
}
