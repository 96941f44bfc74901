package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.Waker;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;

/**
 * A channel for exactly one value, from one {@link Sender} to one {@link Receiver} (Tokio's
 * {@code oneshot}): the usual way to hand a result back from another task or thread.
 *
 * <p>The receiver is itself the future of the value. It fails with
 * {@link ChannelClosedException} if the sender is closed without sending. Java has no
 * {@code drop}, so "dropping" a side is {@code close()}: a sender that will never send must
 * be closed, or the receiver waits forever. Unlike mpsc, broadcast and watch senders, an
 * unreachable oneshot sender is <em>not</em> closed by a cleaner: a oneshot is made per request
 * (a reply channel), and a cleaner registration would cost an allocation and a shared lock on
 * every one. Send or close it in a {@code finally}, or bound the receive with a timeout.
 *
 * {@snippet :
 * Oneshot.Channel<Integer> ch = Oneshot.channel();
 * Weft.spawnBlocking(() -> ch.sender().send(expensiveComputation()));
 * int result = ch.receiver().await();   // throws ChannelClosedException if never sent
 * }
 */
public final class Oneshot {
    private Oneshot() {
    }

    /**
     * The two ends of a new oneshot channel.
     *
     * @param sender sends the value
     * @param receiver receives it (a future)
     * @param <T> the type of the value
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /**
     * Makes a oneshot channel: one value, sent once, received once.
     *
     * @param <T> the type of the value
     * @return a new channel
     */
    public static <T> Channel<T> channel() {
        State<T> s = new State<>();
        return new Channel<>(new Sender<>(s), new Receiver<>(s));
    }

    /**
     * The shared state, guarded by its {@code lock}. A value moves VALUE -> taken exactly once.
     * The lock is a {@link ShortLock}, not a monitor: coroutines and poll-based tasks on the
     * workers both take it, and a coroutine that waits for a monitor unmounts and may be handed
     * it while queued, so a worker blocked on it could wait forever (docs/design-notes.md). Its
     * sections are a few field updates; wakers are called after it.
     */
    private static final class State<T> {
        final ShortLock lock = new ShortLock();
        T value;
        boolean sent; // the sender sent (value may since have been taken)
        boolean taken; // the receiver returned the value
        boolean senderClosed; // closed without sending, or sent
        boolean receiverClosed;
        Waker receiverWaker;
        Waker closedWaker; // the sender's closed() future
    }

    /**
     * The sending side: {@link #send} once, or {@link #close} to tell the receiver nothing
     * will come. Any thread may call it.
     *
     * @param <T> the type of the value
     */
    public static final class Sender<T> implements AutoCloseable {
        private final State<T> s;

        Sender(State<T> s) {
            this.s = s;
        }

        /**
         * Sends the value, without waiting. A send happens-before the receive that returns it.
         *
         * @param value the value
         * @return {@code true} if the value is now the receiver's; {@code false} if the receiver
         *         was closed (the value was not taken)
         * @throws IllegalArgumentException if {@code value} is null
         * @throws IllegalStateException if this sender already sent or was closed
         */
        public boolean send(T value) {
            Args.notNull(value, "value");
            Waker w;
            s.lock.lock();
            try {
                if (s.senderClosed) {
                    throw new IllegalStateException(s.sent ? "oneshot value already sent" : "oneshot sender was closed");
                }
                s.senderClosed = true;
                if (s.receiverClosed) {
                    return false;
                }
                s.value = value;
                s.sent = true;
                w = s.receiverWaker;
                s.receiverWaker = null;
            } finally {
                s.lock.unlock();
            }
            WaitQueue.wake(w);
            return true;
        }

        /** Closes without sending (no-op after a send): the receiver fails with {@link ChannelClosedException}. */
        @Override
        public void close() {
            Waker w;
            s.lock.lock();
            try {
                if (s.senderClosed) {
                    return;
                }
                s.senderClosed = true;
                w = s.receiverWaker;
                s.receiverWaker = null;
            } finally {
                s.lock.unlock();
            }
            WaitQueue.wake(w);
        }

        /** {@return whether the receiver was closed (a send would return false)} */
        public boolean isClosed() {
            s.lock.lock();
            try {
                return s.receiverClosed;
            } finally {
                s.lock.unlock();
            }
        }

        /**
         * A future that completes when the receiver is closed, so a producer can stop work
         * nobody will read.
         *
         * <p><b>Cancel safety:</b> safe, it only observes. Call from one task at a time.
         *
         * @return the future
         */
        public UncheckedFuture<Void> closed() {
            return new UncheckedFuture<>() {
                @Override
                public Poll<Void> poll(Context cx) {
                    s.lock.lock();
                    try {
                        if (!s.receiverClosed) {
                            s.closedWaker = cx.waker();
                            return Poll.pending();
                        }
                    } finally {
                        s.lock.unlock();
                    }
                    // closed for good: the budget is asked only now
                    return Coop.proceed(cx) ? Poll.ready(null) : Poll.pending();
                }

                @Override
                public void cancel() {
                    s.lock.lock();
                    try {
                        s.closedWaker = null;
                    } finally {
                        s.lock.unlock();
                    }
                }

                @Override
                public Void await() {
                    return Await.await(this);
                }
            };
        }
    }

    /**
     * The receiving side, and the future of the value: completes with the value, or fails with
     * {@link ChannelClosedException} if the sender closed without sending (or this receiver was
     * closed first). Polled by one task at a time.
     *
     * <p><b>Cancel safety:</b> safe. Cancelling a wait (a {@code select} loser, a timeout) only
     * deregisters the waker: a value sent meanwhile stays in the channel, and the receiver may
     * be awaited again or asked with {@link #tryRecv}. Java has no {@code drop}: call
     * {@link #close()} to tell the sender nobody will receive.
     *
     * @param <T> the type of the value
     */
    public static final class Receiver<T> implements UncheckedFuture<T>, AutoCloseable {
        private final State<T> s;

        Receiver(State<T> s) {
            this.s = s;
        }

        @Override
        public Poll<T> poll(Context cx) {
            s.lock.lock();
            try {
                if (s.taken) {
                    throw new IllegalStateException("oneshot receiver polled after it returned its value");
                }
                if (!s.sent && !s.senderClosed && !s.receiverClosed) {
                    s.receiverWaker = cx.waker();
                    return Poll.pending();
                }
            } finally {
                s.lock.unlock();
            }
            // Ready for good (only this receiver takes the value): the budget is asked only now,
            // and if it is spent nothing was taken.
            if (!Coop.proceed(cx)) {
                return Poll.pending();
            }
            T v = null;
            boolean sent;
            boolean receiverClosed;
            s.lock.lock();
            try {
                sent = s.sent;
                receiverClosed = s.receiverClosed;
                if (sent) {
                    v = take();
                }
            } finally {
                s.lock.unlock();
            }
            return sent ? Poll.ready(v) : Poll.failed(closedError(receiverClosed)); // made outside the lock
        }

        private T take() {
            T v = s.value;
            s.value = null;
            s.taken = true;
            return v;
        }

        private static ChannelClosedException closedError(boolean receiverClosed) {
            return new ChannelClosedException(receiverClosed
                    ? "oneshot receiver was closed before a value was sent"
                    : "oneshot sender was closed without sending");
        }

        /**
         * Waits for the value. From a coroutine or a plain thread, not from a worker polling a
         * task. The send happens-before this returns.
         *
         * @return the value
         * @throws ChannelClosedException if the sender closed without sending
         */
        @Override
        public T await() throws ChannelClosedException {
            return Await.await(this);
        }

        /**
         * Waits for the value on a plain thread (parks it); same as {@link #await()}.
         *
         * @return the value
         * @throws ChannelClosedException if the sender closed without sending
         * @throws IllegalStateException on a Weft worker thread that polls a task
         */
        public T blockingRecv() throws ChannelClosedException {
            return Await.await(this);
        }

        /**
         * Takes the value if it was sent, without waiting.
         *
         * @return the value, {@link TryRecv#empty()} if not sent yet, or {@link TryRecv#closed()}
         *         if it never will be (or was already taken)
         */
        public TryRecv<T> tryRecv() {
            s.lock.lock();
            try {
                if (s.sent && !s.taken) {
                    return new TryRecv.Received<>(take());
                }
                return s.senderClosed || s.receiverClosed || s.taken ? TryRecv.closed() : TryRecv.empty();
            } finally {
                s.lock.unlock();
            }
        }

        /**
         * Closes the receiver: a later {@code send} returns false and the sender's
         * {@code closed()} completes. A value sent before stays available to {@link #tryRecv}.
         */
        @Override
        public void close() {
            Waker w;
            s.lock.lock();
            try {
                if (s.receiverClosed) {
                    return;
                }
                s.receiverClosed = true;
                w = s.closedWaker;
                s.closedWaker = null;
                s.receiverWaker = null;
            } finally {
                s.lock.unlock();
            }
            WaitQueue.wake(w);
        }

        /** Abandons this wait: deregisters the waker; the value (if sent) stays for a later receive. */
        @Override
        public void cancel() {
            s.lock.lock();
            try {
                s.receiverWaker = null;
            } finally {
                s.lock.unlock();
            }
        }
    }
}
