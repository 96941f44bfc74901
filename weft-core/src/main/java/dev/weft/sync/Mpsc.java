package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Cleanup;
import dev.weft.future.internal.Suspender;
import java.lang.ref.Cleaner;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Multi-producer, single-consumer channels (Tokio's {@code mpsc}): many {@link Sender}s, one
 * {@link Receiver}, messages in FIFO order.
 *
 * <p>A {@linkplain #bounded bounded} channel holds at most {@code capacity} messages: a
 * {@code send} waits for a free slot (backpressure), and waiting senders get slots in the
 * order they started waiting. An {@linkplain #unbounded unbounded} one never makes a sender
 * wait. Java has no {@code drop}, so senders are counted explicitly: {@link Sender#copy()}
 * adds one, {@link Sender#close()} releases one, and when the last one is closed the receiver
 * drains what is left and then sees the end. {@link Receiver#close()} makes later sends fail.
 *
 * <p><b>A sender that is never closed</b> is closed when it becomes unreachable (a
 * {@link java.lang.ref.Cleaner}, as Rust's {@code drop} would), so a receiver whose producers
 * forgot their {@code close()} sees the end at some point instead of waiting forever. That is
 * a safety net, not a substitute for {@code close()}: it comes only after a garbage collection
 * found the sender unreachable, which may be much later or, in a quiet JVM, never. Close every
 * sender (try-with-resources) when its producer is done.
 *
 * <p><b>Memory effects:</b> a send happens-before the receive that returns its message.
 *
 * {@snippet class=dev.weft.snippets.SyncSnippets region=mpsc}
 */
public final class Mpsc {
    /*
     * Implementation notes. This file is the API; the machinery: MpscChannel (the shared state,
     * lock-free send and receive: start there), MpscSlots (the messages), MpscSendWaiters (the
     * senders waiting for a slot, FIFO), MpscSenderHandle (a sender's count and closing),
     * MpscReserveFuture (a reserve, which makes a Permit).
     */

    private Mpsc() {
    }

    /**
     * The two ends of a new channel.
     *
     * @param sender the first sender; {@link Sender#copy()} it for more producers
     * @param receiver the one receiver
     * @param <T> the type of the messages
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /**
     * A channel that holds at most {@code capacity} messages, counting slots reserved by
     * {@link Sender#reserve()} permits. Up to 4096 it keeps them in a
     * fixed array, allocated now, whose slots are reused: a steady-state send or receive
     * allocates nothing; larger ones link small segments as they fill.
     *
     * @param capacity the number of slots, in {@code [1, 4194303]}
     * @param <T> the type of the messages
     * @return the channel
     * @throws IllegalArgumentException if {@code capacity} is out of range
     */
    public static <T> Channel<T> bounded(int capacity) {
        Args.positive(capacity, "capacity");
        return of(new MpscChannel<>(capacity));
    }

    /**
     * A channel without bound: sends never wait (memory is the limit). Messages are kept in
     * segments of 64 slots linked as they fill, about 5 bytes per message.
     *
     * @param <T> the type of the messages
     * @return the channel
     */
    public static <T> Channel<T> unbounded() {
        return of(new MpscChannel<>(Integer.MAX_VALUE));
    }

    /** Also for tests, with a channel built on chosen slots. */
    static <T> Channel<T> of(MpscChannel<T> chan) {
        return new Channel<>(new Sender<>(new MpscSenderHandle<>(chan)), new Receiver<>(chan));
    }

    /**
     * One producer's handle. Any thread may call it; copy it for each producer and close each
     * copy when done.
     *
     * @param <T> the type of the messages
     */
    public static final class Sender<T> implements AutoCloseable {
        private final MpscSenderHandle<T> handle;
        /** Closes the handle when this sender becomes unreachable, or at {@link #close()}: once. */
        private final Cleaner.Cleanable closer;

        Sender(MpscSenderHandle<T> handle) {
            this.handle = handle;
            this.closer = Cleanup.whenUnreachable(this, handle::close); // refers to the handle, not to this
        }

        /**
         * A new sender handle on the same channel, counted separately: the channel ends for the
         * receiver only when every handle is closed.
         *
         * @return the new handle
         * @throws IllegalStateException if this handle was closed
         */
        public Sender<T> copy() {
            return new Sender<>(handle.copy());
        }

        /**
         * A lazy future that puts {@code value} into the channel, waiting for a free slot on a
         * bounded channel. It fails with {@link ChannelClosedException} if the receiver is (or
         * gets) closed, or this handle was closed.
         *
         * <p><b>Cancel safety:</b> safe. A cancelled send is not enqueued, and a slot that was
         * already handed to it goes on to the next waiting sender; the message stays the
         * caller's. A cancelled send loses its place in the queue.
         * <b>Fairness:</b> senders waiting for slots get them in FIFO order.
         * <b>Memory effects:</b> the send happens-before the receive that returns the message.
         * Poll it from one task at a time; any thread may create it.
         *
         * @param value the message
         * @return the future
         * @throws IllegalArgumentException if {@code value} is null
         */
        public SendFuture send(T value) {
            return new SendFuture(Args.notNull(value, "value"));
        }

        /**
         * Sends without waiting.
         *
         * @param value the message
         * @return {@link TrySend#SENT}, {@link TrySend#FULL} (no free slot, or senders already
         *         wait for one), or {@link TrySend#CLOSED}
         * @throws IllegalArgumentException if {@code value} is null
         */
        public TrySend trySend(T value) {
            Args.notNull(value, "value");
            return handle.trySend(value);
        }

        /**
         * Sends from a plain thread, parking it while the channel is full.
         *
         * @param value the message
         * @throws ChannelClosedException if the receiver is closed
         * @throws IllegalStateException on a Weft worker thread that polls a task
         * @throws dev.weft.future.CancelledException if the thread is interrupted (the message
         *         was then not sent)
         */
        public void blockingSend(T value) throws ChannelClosedException {
            Await.await(send(value));
        }

        /**
         * A lazy future of a {@link Permit}: one slot reserved for a message to be sent later,
         * without waiting, by {@link Permit#send}. Same failures, fairness and cancel safety
         * as {@link #send} (a cancelled reserve returns its slot).
         *
         * @return the future
         */
        public MpscReserveFuture<T> reserve() {
            return new MpscReserveFuture<>(handle);
        }

        /** {@return whether the receiver was closed, so sends fail} */
        public boolean isClosed() {
            return handle.chan.isReceiverClosed();
        }

        /**
         * Releases this handle (idempotent). Pending sends of the channel fail if it was the
         * last handle; the receiver then drains and sees the end.
         */
        @Override
        public void close() {
            closer.clean(); // runs handle.close() unless it ran already; unregisters it from the cleaner
        }

        /**
         * A send awaited in place of its (never polled) future: the first poll's fast path, and a
         * fresh future awaited only to wait or fail, so a coroutine's {@code send(v).await()} on a
         * channel with room allocates nothing.
         */
        private void awaitSend(T value) throws ChannelClosedException {
            if (!handle.isClosed()) {
                Context cx = Suspender.current().enter(); // a cancellation throws here: nothing was taken
                if (handle.chan.waiters.tryFirst(value, cx) == TrySend.SENT) {
                    return;
                }
            }
            Await.await(new SendFuture(value)); // closed, full or out of budget: its poll answers
        }

        /**
         * The future of {@link Sender#send}.
         */
        public final class SendFuture implements UncheckedFuture<Void> {
            private final T value;
            /** Made by the first poll: an await that sends on its fast path never makes one. */
            private MpscSendWaiters.SlotWaiter waiter;
            private boolean failedClosed;
            /** Sent by {@link #await}'s fast path, without a poll. */
            private boolean sent;

            SendFuture(T value) {
                this.value = value;
            }

            @Override
            public Poll<Void> poll(Context cx) {
                MpscSendWaiters.SlotWaiter w = waiter;
                if (w == null) {
                    if (sent) {
                        throw new IllegalStateException("mpsc send polled after it completed");
                    }
                    w = new MpscSendWaiters.SlotWaiter();
                    waiter = w;
                }
                if (handle.isClosed() && !failedClosed) {
                    failedClosed = true; // once: polled again, it has completed (IllegalStateException)
                    return handle.failClosed(w);
                }
                return handle.chan.waiters.pollSend(w, value, cx);
            }

            @Override
            public void cancel() {
                MpscSendWaiters.SlotWaiter w = waiter;
                if (w != null) { // never polled: owns nothing
                    handle.chan.waiters.cancelSend(w);
                }
            }

            /**
             * Waits until the message is in the channel. See {@link Sender#send} for cancel
             * safety and memory effects; call from a coroutine or a plain thread.
             *
             * @return {@code null}
             * @throws ChannelClosedException if the receiver is closed
             */
            @Override
            public Void await() throws ChannelClosedException {
                if (waiter != null || sent) {
                    return Await.await(this); // polled before, or done: the general path
                }
                // The usual case is sent at once by awaitSend, which is not given this future:
                // so it is never published and the JIT drops its allocation where it inlines
                // send(v).await() (this method is kept small for that).
                sent = true; // awaited again, it has completed (IllegalStateException)
                awaitSend(value);
                return null;
            }
        }
    }

    /**
     * One reserved slot of a channel: {@link #send} fills it without waiting, {@link #close}
     * gives it back (to the next waiting sender). Use once, from any thread.
     *
     * @param <T> the type of the messages
     */
    public static final class Permit<T> implements AutoCloseable {
        private final MpscChannel<T> chan;
        private final AtomicBoolean used = new AtomicBoolean();

        Permit(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /**
         * Puts {@code value} in the reserved slot. A permit keeps the channel open for the
         * receiver like a sender handle does.
         *
         * @param value the message
         * @return {@code true} if sent; {@code false} if the receiver was closed (not sent)
         * @throws IllegalArgumentException if {@code value} is null
         * @throws IllegalStateException if the permit was already used or closed
         */
        public boolean send(T value) {
            Args.notNull(value, "value");
            if (!used.compareAndSet(false, true)) {
                throw new IllegalStateException("mpsc permit already used");
            }
            boolean sent = chan.permitSend(value);
            chan.dropSender(); // after the message: if this was the last handle, the end comes behind it
            return sent;
        }

        /** Returns the slot unused (no-op after {@link #send}). */
        @Override
        public void close() {
            if (used.compareAndSet(false, true)) {
                chan.permitRelease();
                chan.dropSender();
            }
        }
    }

    /**
     * The one consumer's handle, and a {@link Stream} of the messages. Poll it from one task
     * (or thread) at a time.
     *
     * <p><b>Cancel safety</b> of every receive: safe. A message leaves the channel only in the
     * poll that returns it, so a cancelled {@code recv} loses none.
     *
     * @param <T> the type of the messages
     */
    public static final class Receiver<T> implements Stream<T>, AutoCloseable {
        private final MpscChannel<T> chan;

        Receiver(MpscChannel<T> chan) {
            this.chan = chan;
        }

        /**
         * A lazy future of the next message, or {@code Optional.empty()} at the end: every
         * sender (and permit) closed, or this receiver closed, and the channel drained.
         * Cancel-safe; a send happens-before the receive that returns its message. Receiving
         * frees a slot, which goes to the longest-waiting sender.
         *
         * @return the future
         */
        public RecvFuture recv() {
            return new RecvFuture();
        }

        @Override
        public Poll<T> pollNext(Context cx) {
            return chan.pollRecv(cx);
        }

        /** Deregisters the waker; nothing is lost and the receiver stays usable. */
        @Override
        public void cancel() {
            chan.clearReceiverWaker();
        }

        /**
         * Takes a message without waiting.
         *
         * @return a message, {@link TryRecv#empty()}, or {@link TryRecv#closed()} at the end
         */
        public TryRecv<T> tryRecv() {
            return chan.tryRecv();
        }

        /**
         * Receives on a plain thread, parking it while the channel is empty.
         *
         * @return the next message, or empty at the end
         * @throws IllegalStateException on a Weft worker thread that polls a task
         */
        public Optional<T> blockingRecv() {
            return Await.await(recv());
        }

        /**
         * Closes the receiving side: waiting and later sends fail with
         * {@link ChannelClosedException}; messages already in the channel can still be
         * received, then the end comes. Idempotent.
         */
        @Override
        public void close() {
            chan.closeReceiver();
        }

        /** {@return the number of messages in the channel now} */
        public int len() {
            return chan.len();
        }

        /** The future of {@link Receiver#recv}. */
        public final class RecvFuture implements UncheckedFuture<Optional<T>> {
            private boolean done;

            RecvFuture() {
            }

            @Override
            public Poll<Optional<T>> poll(Context cx) {
                if (done) {
                    throw new IllegalStateException("mpsc recv polled after it completed");
                }
                Poll<T> p = chan.pollRecv(cx);
                if (p instanceof Poll.Pending<T>) {
                    return Poll.pending();
                }
                done = true;
                return Stream.isEnd(p) ? Poll.ready(Optional.empty()) : Poll.ready(Optional.of(p.get()));
            }

            @Override
            public void cancel() {
                chan.clearReceiverWaker();
            }

            /**
             * Waits for the next message; see {@link Receiver#recv}. From a coroutine or a
             * plain thread.
             *
             * @return the message, or empty at the end
             */
            @Override
            public Optional<T> await() {
                if (done) {
                    throw new IllegalStateException("mpsc recv awaited after it completed");
                }
                Object v = Await.awaitObj(chan); // the channel is the operation: no Poll, and this future stays local
                done = true;
                @SuppressWarnings("unchecked") // the channel holds only Ts
                Optional<T> r = v == MpscChannel.END ? Optional.empty() : Optional.of((T) v);
                return r;
            }
        }
    }
}
