package dev.weft.sync;

import dev.weft.future.Poll;
import dev.weft.future.internal.ShortLock;

/**
 * The machinery behind one {@link Mpsc.Sender}: the handle is counted in the channel from before
 * it exists until {@link #close}, and once it is closed its sends, reserves and copies fail, even
 * while other handles keep the channel open.
 *
 * <p><b>Implementation notes.</b> {@code closed} is set under {@code lock}, so a second close
 * returns only once the first took effect. The lock is a {@link ShortLock}, not a monitor
 * (coroutines and workers may both close a handle; see docs/design-notes.md); its section drops
 * the handle, which may close the channel and wake its waiters: non-blocking calls, and nothing
 * in them closes a sender handle. The sends, reserves and copies read {@code closed} without the
 * lock (volatile).
 *
 * @param <T> the type of the messages
 */
final class MpscSenderHandle<T> {
    final MpscChannel<T> chan;
    private volatile boolean closed;
    private final ShortLock lock = new ShortLock();

    MpscSenderHandle(MpscChannel<T> chan) {
        this.chan = chan;
    }

    /**
     * @return a new handle on the same channel, counted before it exists
     * @throws IllegalStateException if this handle was closed
     */
    MpscSenderHandle<T> copy() {
        if (closed) {
            throw new IllegalStateException("copy() of a closed mpsc sender");
        }
        chan.addSender();
        return new MpscSenderHandle<>(chan);
    }

    TrySend trySend(T value) {
        return closed ? TrySend.CLOSED : chan.trySend(value);
    }

    /** @return whether this handle was closed, so its sends and reserves fail */
    boolean isClosed() {
        return closed;
    }

    /**
     * Fails a send or reserve of this handle, which was closed: it leaves the senders' queue, and a
     * slot already granted to it goes on to the next waiting sender.
     *
     * @return the failure to return from its poll
     */
    <R> Poll<R> failClosed(MpscSendWaiters.SlotWaiter w) {
        chan.waiters.cancelSend(w);
        return Poll.failed(new ChannelClosedException("this mpsc sender was closed"));
    }

    /** Releases the handle (idempotent); the last handle closes the channel for sending. */
    void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                chan.dropSender();
            }
        } finally {
            lock.unlock();
        }
    }
}
