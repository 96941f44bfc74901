package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Stream;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Cleanup;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;
import java.lang.ref.Cleaner;
import java.util.Optional;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every message sent after
 * it subscribed (Tokio's {@code broadcast}).
 *
 * <p>The channel keeps the last {@code capacity} messages. Senders never wait: a receiver that
 * falls more than {@code capacity} messages behind loses the oldest ones, and its next receive
 * fails with {@link LaggedException} (saying how many), after which it continues from the
 * oldest message kept. When every sender is closed, receivers drain what they have not seen
 * and then see the end.
 *
 * <p><b>A sender that is never closed</b> is closed when it becomes unreachable (a
 * {@link java.lang.ref.Cleaner}, as Rust's {@code drop} would), so a waiting receiver sees the end
 * at some point instead of waiting forever. It is a safety net, not a substitute for
 * {@code close()}: it comes only after a garbage collection found the sender unreachable.
 *
 * <p><b>Implementation notes.</b> One lock guards a ring of {@code capacity} slots and the
 * sequence number {@code tail} of the next message; a receiver holds the sequence number of
 * the next message it wants. A send wakes every waiting receiver, after the lock. The lock is a
 * {@link ShortLock}, not a monitor: coroutines and poll-based tasks on the workers both take it,
 * and a coroutine that waits for a monitor unmounts and may be handed it while queued, so a
 * worker blocked on it could wait forever (docs/design-notes.md); its sections are a few field
 * updates. The ring keeps the last
 * {@code capacity} messages reachable even after every receiver saw them. <b>Memory
 * effects:</b> a send happens-before every receive that returns its message.
 *
 * {@snippet :
 * Broadcast.Channel<String> ch = Broadcast.channel(16);
 * Broadcast.Receiver<String> second = ch.sender().subscribe();
 * ch.sender().send("hello");                     // both receivers get it
 * ch.sender().close();
 * System.out.println(ch.receiver().recv().await());   // Optional[hello]
 * System.out.println(second.recv().await());          // Optional[hello]
 * System.out.println(second.recv().await());          // Optional.empty: the end
 * }
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * The two ends of a new channel.
     *
     * @param sender the first sender; {@link Sender#copy()} it for more producers
     * @param receiver the first receiver; {@link Sender#subscribe()} makes more
     * @param <T> the type of the messages
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /**
     * Makes a broadcast channel: every receiver sees every message sent after it subscribed.
     *
     * @param capacity how many of the latest messages are kept for slow receivers, at least 1
     * @param <T> the type of the messages
     * @return the channel
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static <T> Channel<T> channel(int capacity) {
        State<T> s = new State<>(Args.positive(capacity, "capacity"));
        return new Channel<>(new Sender<>(s), new Receiver<>(s, 0));
    }

    private static final class State<T> {
        /** Guards everything here and the handles' fields; see the notes. */
        final ShortLock lock = new ShortLock();
        final Object[] ring;
        long tail; // sequence number of the next message
        int senders = 1;
        int receivers = 1;
        final WaitQueue<WaitQueue.Node> waiters = new WaitQueue<>();

        State(int capacity) {
            ring = new Object[capacity];
        }
    }

    /**
     * A producer's handle; any thread may call it.
     *
     * @param <T> the type of the messages
     */
    public static final class Sender<T> implements AutoCloseable {
        private final State<T> s;
        private final Handle<T> handle;
        /** Closes the handle when this sender becomes unreachable, or at {@link #close()}: once. */
        private final Cleaner.Cleanable closer;

        Sender(State<T> s) {
            this.s = s;
            this.handle = new Handle<>(s);
            this.closer = Cleanup.whenUnreachable(this, handle); // refers to the handle, not to this
        }

        /**
         * Sends {@code value} to every current receiver, without waiting; the oldest kept
         * message is overwritten if the ring is full.
         *
         * @param value the message
         * @return how many receivers will see it; 0 means none, and the message was dropped
         * @throws IllegalArgumentException if {@code value} is null
         * @throws IllegalStateException if this handle was closed
         */
        public int send(T value) {
            Args.notNull(value, "value");
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            int n;
            s.lock.lock();
            try {
                if (handle.closed) {
                    throw new IllegalStateException("send on a closed broadcast sender");
                }
                n = s.receivers;
                if (n == 0) {
                    return 0;
                }
                s.ring[(int) (s.tail % s.ring.length)] = value;
                s.tail++;
                s.waiters.drainTo(wake);
            } finally {
                s.lock.unlock();
            }
            wake.wakeAll();
            return n;
        }

        /**
         * A new receiver that sees the messages sent from now on.
         *
         * @return the receiver
         */
        public Receiver<T> subscribe() {
            s.lock.lock();
            try {
                s.receivers++;
                return new Receiver<>(s, s.tail);
            } finally {
                s.lock.unlock();
            }
        }

        /** {@return the number of open receivers} */
        public int receiverCount() {
            s.lock.lock();
            try {
                return s.receivers;
            } finally {
                s.lock.unlock();
            }
        }

        /**
         * {@return another sender handle, counted separately (see {@link #close})}
         * @throws IllegalStateException if this handle was closed
         */
        public Sender<T> copy() {
            s.lock.lock();
            try {
                if (handle.closed) {
                    throw new IllegalStateException("copy() of a closed broadcast sender");
                }
                s.senders++;
            } finally {
                s.lock.unlock();
            }
            return new Sender<>(s);
        }

        /**
         * Releases this handle (idempotent); after the last one, receivers drain and end. A
         * sender that becomes unreachable unclosed is closed by Weft's cleaner, as a safety net
         * (see {@link Broadcast}).
         */
        @Override
        public void close() {
            handle.run(); // idempotent; run here, not only through clean(), which a test harness may shadow
            closer.clean(); // unregisters it from the cleaner (its run is then a no-op)
        }
    }

    /** A sender's count in the channel, released once: by close() or by the cleaner. */
    private static final class Handle<T> implements Runnable {
        private final State<T> s;
        /** Guarded by {@code s.lock}. */
        boolean closed;

        Handle(State<T> s) {
            this.s = s;
        }

        @Override
        public void run() {
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            s.lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (--s.senders > 0) {
                    return;
                }
                s.waiters.drainTo(wake);
            } finally {
                s.lock.unlock();
            }
            wake.wakeAll();
        }
    }

    /**
     * A consumer's handle, and a {@link Stream} of the messages. Poll it from one task (or
     * thread) at a time.
     *
     * <p><b>Cancel safety</b> of every receive: safe; a message is consumed only by the poll
     * that returns it, so a cancelled {@code recv} misses nothing.
     *
     * @param <T> the type of the messages
     */
    public static final class Receiver<T> implements Stream<T>, AutoCloseable {
        private final State<T> s;
        private final WaitQueue.Node node = new WaitQueue.Node();
        private long next; // guarded by s.lock
        private boolean closed; // guarded by s.lock
        private long missed; // guarded by s.lock

        Receiver(State<T> s, long next) {
            this.s = s;
            this.next = next;
        }

        /** @return the next message, end, a {@link LaggedException} failure, or pending */
        private Poll<T> pollRecv(Context cx) {
            long nextBefore;
            long missedBefore;
            Poll<T> result;
            s.lock.lock();
            try {
                nextBefore = next;
                missedBefore = missed;
                result = pollLocked(cx);
            } finally {
                s.lock.unlock();
            }
            if (result == null) { // lagged: the exception is made outside the lock
                result = Poll.failed(new LaggedException(missed - missedBefore)); // missed: written by this owner only
            }
            if (result.isPending() || Coop.proceed(cx)) {
                return result;
            }
            // The budget is spent: undo the receive (only this receiver's owner moves its
            // position), so the task, re-woken, gets the same outcome on its next poll.
            s.lock.lock();
            try {
                next = nextBefore;
                missed = missedBefore;
            } finally {
                s.lock.unlock();
            }
            return Poll.pending();
        }

        /**
         * The receive itself, under the lock.
         *
         * @return the outcome, or null if this receiver lagged and skipped ahead (see pollRecv)
         */
        @SuppressWarnings("unchecked") // the ring holds only Ts
        private Poll<T> pollLocked(Context cx) {
            long oldest = Math.max(0, s.tail - s.ring.length);
            if (closed) {
                return Stream.end();
            }
            if (next < oldest) {
                long skipped = oldest - next;
                next = oldest;
                missed += skipped;
                return null; // lagged by skipped (= missed - missedBefore): pollRecv fails it
            }
            if (next < s.tail) {
                return Poll.ready((T) s.ring[(int) (next++ % s.ring.length)]);
            }
            if (s.senders == 0) {
                return Stream.end();
            }
            node.waker = cx.waker(); // the newest waker is the one woken
            if (!node.isQueued()) {
                s.waiters.addLast(node);
            }
            return Poll.pending();
        }

        /**
         * A lazy future of the next message, or {@code Optional.empty()} at the end (every
         * sender closed and this receiver caught up, or this receiver closed). It fails with
         * {@link LaggedException} if messages were overwritten before this receiver got them;
         * receive again to continue from the oldest kept one. Cancel-safe; fair in the sense
         * that every receiver sees every message in send order.
         *
         * @return the future
         */
        public RecvFuture recv() {
            return new RecvFuture();
        }

        /**
         * Receives on a plain thread, parking it while there is nothing new.
         *
         * @return the next message, or empty at the end
         * @throws LaggedException if this receiver lagged (receive again to continue)
         * @throws IllegalStateException on a Weft worker thread that polls a task
         */
        public Optional<T> blockingRecv() throws LaggedException {
            return Await.await(recv());
        }

        /**
         * The stream of the messages. A lag does not end it: the missed messages are skipped
         * and counted in {@link #missed()}.
         */
        @Override
        public Poll<T> pollNext(Context cx) {
            for (;;) {
                Poll<T> p = pollRecv(cx);
                if (!(p instanceof Poll.Failed<T>)) {
                    return p;
                }
            }
        }

        /** Deregisters the waker; the receiver stays usable and misses nothing. */
        @Override
        public void cancel() {
            s.lock.lock();
            try {
                s.waiters.remove(node);
            } finally {
                s.lock.unlock();
            }
        }

        /** {@return how many messages this receiver lost to lagging so far} */
        public long missed() {
            s.lock.lock();
            try {
                return missed;
            } finally {
                s.lock.unlock();
            }
        }

        /** Unsubscribes (idempotent): senders stop counting this receiver; it sees the end. */
        @Override
        public void close() {
            s.lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                s.receivers--;
                s.waiters.remove(node);
            } finally {
                s.lock.unlock();
            }
        }

        /** The future of {@link Receiver#recv}. */
        public final class RecvFuture implements UncheckedFuture<Optional<T>> {
            private boolean done;

            RecvFuture() {
            }

            @Override
            public Poll<Optional<T>> poll(Context cx) {
                if (done) {
                    throw new IllegalStateException("broadcast recv polled after it completed");
                }
                Poll<T> p = pollRecv(cx);
                return switch (p) {
                    case Poll.Pending<T> pending -> Poll.pending();
                    case Poll.Failed<T> f -> {
                        done = true;
                        yield Poll.failed(f.error());
                    }
                    case Poll.Ready<T> r -> {
                        done = true;
                        yield Poll.ready(Stream.isEnd(p) ? Optional.empty() : Optional.of(r.value()));
                    }
                };
            }

            @Override
            public void cancel() {
                Receiver.this.cancel();
            }

            /**
             * Waits for the next message; see {@link Receiver#recv}.
             *
             * @return the message, or empty at the end
             * @throws LaggedException if this receiver lagged
             */
            @Override
            public Optional<T> await() throws LaggedException {
                return Await.await(this);
            }
        }
    }
}
