package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;

/**
 * The future of {@link Mpsc.Sender#reserve()}: waits for a slot in the senders' FIFO exactly as
 * a send does ({@link MpscSendWaiters#pollSend} with no message), then hands the slot to the
 * caller as a {@link Mpsc.Permit}. The permit was counted as a sender handle when the slot was
 * taken, so the channel stays open for the receiver until the permit is used or closed.
 *
 * <p><b>Cancel safety</b> as for a send: a cancelled reserve leaves the queue, and a slot already
 * granted to it goes on to the next waiting sender ({@link MpscSendWaiters#cancelSend}).
 *
 * @param <T> the type of the messages
 */
public final class MpscReserveFuture<T> implements UncheckedFuture<Mpsc.Permit<T>> {
    private final MpscSenderHandle<T> handle;
    private final MpscChannel<T> chan;
    private final MpscSendWaiters.SlotWaiter waiter = new MpscSendWaiters.SlotWaiter();

    MpscReserveFuture(MpscSenderHandle<T> handle) {
        this.handle = handle;
        this.chan = handle.chan;
    }

    @Override
    public Poll<Mpsc.Permit<T>> poll(Context cx) {
        if (handle.isClosed()) {
            return handle.failClosed(waiter);
        }
        return switch (chan.waiters.pollSend(waiter, null, cx)) {
            case Poll.Ready<Void> r -> Poll.ready(new Mpsc.Permit<>(chan));
            case Poll.Failed<Void> f -> Poll.failed(f.error());
            case Poll.Pending<Void> p -> Poll.pending();
        };
    }

    @Override
    public void cancel() {
        chan.waiters.cancelSend(waiter);
    }

    /**
     * Waits for the slot. See {@link Mpsc.Sender#reserve()} for fairness and cancel safety;
     * call from a coroutine or a plain thread.
     *
     * @return the permit for the slot
     * @throws ChannelClosedException if the receiver is closed (unchecked)
     */
    @Override
    public Mpsc.Permit<T> await() throws ChannelClosedException {
        return Await.await(this);
    }
}
