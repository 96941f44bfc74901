package dev.weft.io.blocking;

import dev.weft.future.Poll;
import dev.weft.future.internal.ShortLock;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * A {@link BlockingStream}'s channel and the hand-off that closes it: closing while an operation
 * is in flight is deferred to that operation's end, so a handed-off write is never cut short
 * and a blocking read never races with its descriptor being closed (and reused).
 *
 * <p>Implementation notes. The three flags are guarded by {@code lock}, a {@link ShortLock}
 * rather than a monitor, like every lock a coroutine may share with a worker thread
 * (docs/design-notes.md): its sections set flags, and the channel is closed after it. The owner
 * marks an operation in flight before handing it to the pool ({@link #starting}); the blocking
 * thread clears the mark when the operation ends and closes the channel if a close was asked
 * for meanwhile ({@link #run}); {@link #close} closes at once only if nothing is in flight.
 * Exactly one of them closes the channel, once.
 */
final class ChannelGuard {
    private final BlockingChannel channel;
    private final ShortLock lock = new ShortLock();
    private boolean inFlight; // an operation was handed to the pool and has not ended
    private boolean closeRequested;
    private boolean closed;

    ChannelGuard(BlockingChannel channel) {
        this.channel = channel;
    }

    BlockingChannel channel() {
        return channel;
    }

    /** The owner, before handing an operation to the pool. */
    void starting() {
        lock.lock();
        try {
            inFlight = true;
        } finally {
            lock.unlock();
        }
    }

    /** The owner, when the hand-off failed (no runtime, or it shut down): nothing is in flight. */
    void notStarted() {
        lock.lock();
        try {
            inFlight = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The body of every blocking task, on a blocking thread: tells the channel of bytes read
     * ahead, runs {@code body}, and returns its outcome as a value.
     */
    <T> Poll<T> run(Callable<T> body, int unread) {
        try {
            if (unread > 0) {
                channel.unread(unread);
            }
            return Poll.ready(body.call());
        } catch (Exception e) {
            return Poll.failed(e);
        } finally {
            boolean close;
            lock.lock();
            try {
                inFlight = false;
                close = closeRequested && !closed;
                closed |= close;
            } finally {
                lock.unlock();
            }
            if (close) {
                closeQuietly();
            }
        }
    }

    /** The owner: closes now, or when the operation in flight ends. */
    void close() {
        boolean now;
        lock.lock();
        try {
            closeRequested = true;
            now = !inFlight && !closed;
            closed |= now;
        } finally {
            lock.unlock();
        }
        if (now) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // like a dropped Tokio File: call syncAll()/flush first to learn of faults
        }
    }
}
