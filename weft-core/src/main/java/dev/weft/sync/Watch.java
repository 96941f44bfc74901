package dev.weft.sync;

import dev.weft.future.internal.Carrier;
import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.Cleanup;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;
import java.lang.invoke.MethodHandles;
import java.lang.ref.Cleaner;
import java.lang.invoke.VarHandle;
import java.util.function.UnaryOperator;

/**
 * A single-value channel that keeps only the latest value (Tokio's {@code watch}): one
 * {@link Sender} replaces it, any number of {@link Receiver}s read it and wait for it to change.
 * Good for configuration, status and shutdown signals; intermediate values may be skipped.
 *
 * <p><b>A sender that is never closed</b> is closed when it becomes unreachable (a
 * {@link java.lang.ref.Cleaner}, as Rust's {@code drop} would), so a waiting receiver sees the end
 * at some point instead of waiting forever. It is a safety net, not a substitute for
 * {@code close()}: it comes only after a garbage collection found the sender unreachable.
 *
 * <p>Each receiver remembers the version it saw last. {@link Receiver#changed()} completes when
 * a newer one exists (and marks it seen); {@link Receiver#borrow()} reads without marking.
 * <b>Memory effects:</b> a send happens-before every read that returns its value, and before
 * the {@code changed()} that observes it.
 *
 * {@snippet :
 * Watch.Channel<Config> ch = Watch.channel(Config.defaults());
 * Watch.Receiver<Config> rx = ch.receiver();
 * Weft.spawn(() -> {
 *     while (true) {
 *         rx.changed().await();                 // throws ChannelClosedException when the sender closes
 *         apply(rx.borrowAndUpdate());
 *     }
 * });
 * ch.sender().send(Config.load(path));
 * }
 */
public final class Watch {
    private Watch() {
    }

    /**
     * The two ends of a new channel.
     *
     * @param sender the one sender
     * @param receiver the first receiver; {@link Sender#subscribe()} or {@link Receiver#copy()}
     *                 make more
     * @param <T> the type of the value
     */
    public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    }

    /**
     * Makes a watch channel: one sender, any number of receivers, each of which sees the latest value.
     *
     * @param initial the first value, seen already by the first receiver
     * @param <T> the type of the value
     * @return the channel
     * @throws IllegalArgumentException if {@code initial} is null
     */
    public static <T> Channel<T> channel(T initial) {
        State<T> s = new State<>(Args.notNull(initial, "initial"));
        return new Channel<>(new Sender<>(s), new Receiver<>(s, 0));
    }

    /**
     * The shared state, guarded by {@link #lock()}: a {@link ShortLock}, not a monitor, since
     * coroutines and poll-based tasks on the workers both take it, and a coroutine that waits for
     * a monitor unmounts and may be handed it while queued, so a worker blocked on it could wait
     * forever (docs/design-notes.md). Its sections are a few field updates, except that
     * {@link Sender#sendModify} runs the caller's function under it (documented: keep it short).
     * That function may use the channel, as it could under the monitor, so the holder may lock
     * again: {@code owner} and {@code depth} make it reentrant. Wakers are called after it.
     */
    private static final class State<T> {
        private final ShortLock lock = new ShortLock();
        /**
         * The holder; written by it under the lock, read by any thread without it (opaque). A
         * thread sees itself here only if it holds the lock: its own later clearing comes before
         * its next read in program order, and other threads write other values.
         */
        private Thread owner;
        private int depth; // the holder's nested locks; holder only
        T value;
        long version;
        boolean senderClosed;
        int receivers = 1;
        final WaitQueue<WaitQueue.Node> waiters = new WaitQueue<>();

        State(T value) {
            this.value = value;
        }

        void lock() {
            Thread t = Carrier.current(); // exact even in a coroutine that moved: see Carrier
            if (getOpaqueOwner() == t) {
                depth++; // from inside sendModify's function
                return;
            }
            lock.lock();
            setOpaqueOwner(t);
        }

        void unlock() {
            if (depth > 0) {
                depth--;
                return;
            }
            setOpaqueOwner(null);
            lock.unlock(); // release: also orders the clearing of owner before the next holder
        }

        private Thread getOpaqueOwner() {
            return (Thread) OWNER.getOpaque(this); // opaque: pairs with nothing; a thread finds only its own store
        }

        private void setOpaqueOwner(Thread t) {
            OWNER.setOpaque(this, t); // opaque: orders nothing; the lock orders the holder's fields
        }

        private static final VarHandle OWNER;

        static {
            try {
                OWNER = MethodHandles.lookup().findVarHandle(State.class, "owner", Thread.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * The one producer; any thread may call it.
     *
     * @param <T> the type of the value
     */
    public static final class Sender<T> implements AutoCloseable {
        private final State<T> s;
        private final Closer<T> closeAction;
        /** Runs {@code closeAction} when this sender becomes unreachable, unless close() ran it. */
        private final Cleaner.Cleanable closer;

        Sender(State<T> s) {
            this.s = s;
            this.closeAction = new Closer<>(s);
            this.closer = Cleanup.whenUnreachable(this, closeAction); // refers to the state, not to this
        }

        /**
         * Replaces the value and wakes every receiver waiting in {@code changed()}.
         *
         * @param value the new value
         * @return the number of open receivers (the value is stored even when it is 0)
         * @throws IllegalArgumentException if {@code value} is null
         * @throws IllegalStateException if the sender was closed
         */
        public int send(T value) {
            Args.notNull(value, "value");
            return sendModify(old -> value);
        }

        /**
         * Replaces the value with {@code fn} applied to the current one, atomically with respect
         * to other sends and reads (the channel's spin lock is held while {@code fn} runs: keep it
         * short and never block in it; it may read the channel). If
         * {@code fn} throws, the value is unchanged and nobody is woken.
         *
         * @param fn computes the new value from the current one (it may mutate and return it)
         * @return the number of open receivers
         * @throws IllegalArgumentException if {@code fn} is null or returns null
         * @throws IllegalStateException if the sender was closed
         */
        public int sendModify(UnaryOperator<T> fn) {
            Args.notNull(fn, "fn");
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            int n;
            s.lock();
            try {
                if (s.senderClosed) {
                    throw new IllegalStateException("send on a closed watch sender");
                }
                T next = Args.notNull(fn.apply(s.value), "the value returned by fn");
                s.value = next;
                s.version++;
                n = s.receivers;
                s.waiters.drainTo(wake);
            } finally {
                s.unlock();
            }
            wake.wakeAll();
            return n;
        }

        /** {@return the current value} */
        public T borrow() {
            s.lock();
            try {
                return s.value;
            } finally {
                s.unlock();
            }
        }

        /** {@return a new receiver that has seen the current value} */
        public Receiver<T> subscribe() {
            s.lock();
            try {
                s.receivers++;
                return new Receiver<>(s, s.version);
            } finally {
                s.unlock();
            }
        }

        /** {@return the number of open receivers} */
        public int receiverCount() {
            s.lock();
            try {
                return s.receivers;
            } finally {
                s.unlock();
            }
        }

        /**
         * Closes the channel (idempotent): waiting and later {@code changed()} calls fail. A
         * sender that becomes unreachable unclosed is closed by Weft's cleaner, as a safety net
         * (see {@link Watch}).
         */
        @Override
        public void close() {
            closeAction.run(); // idempotent; run here, not only through clean(), which a test harness may shadow
            closer.clean(); // unregisters it from the cleaner (its run is then a no-op)
        }
    }

    /** Closes the channel's sending side: at the sender's close() or by the cleaner. */
    private record Closer<T>(State<T> s) implements Runnable {
        @Override
        public void run() {
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            s.lock();
            try {
                if (s.senderClosed) {
                    return;
                }
                s.senderClosed = true;
                s.waiters.drainTo(wake);
            } finally {
                s.unlock();
            }
            wake.wakeAll();
        }
    }

    /**
     * A reader of the latest value. Use from one task (or thread) at a time.
     *
     * @param <T> the type of the value
     */
    public static final class Receiver<T> implements AutoCloseable {
        private final State<T> s;
        private long seen; // guarded by s.lock()
        private boolean closed; // guarded by s.lock()

        Receiver(State<T> s, long seen) {
            this.s = s;
            this.seen = seen;
        }

        /** {@return the latest value, without marking it seen} */
        public T borrow() {
            s.lock();
            try {
                return s.value;
            } finally {
                s.unlock();
            }
        }

        /** {@return the latest value, marking it seen} */
        public T borrowAndUpdate() {
            s.lock();
            try {
                seen = s.version;
                return s.value;
            } finally {
                s.unlock();
            }
        }

        /** {@return whether a value newer than the last one seen exists} */
        public boolean hasChanged() {
            s.lock();
            try {
                return s.version != seen;
            } finally {
                s.unlock();
            }
        }

        /**
         * A lazy future that completes when a value newer than the last one seen exists, and
         * marks it seen (read it with {@link #borrow()}). It fails with
         * {@link ChannelClosedException} if the sender closed and there is nothing newer.
         *
         * <p><b>Cancel safety:</b> safe: a cancelled {@code changed()} marks nothing seen, so
         * the next one still completes for the same change. <b>Fairness:</b> every waiting
         * receiver is woken by each send.
         *
         * @return the future
         */
        public ChangedFuture changed() {
            return new ChangedFuture();
        }

        /**
         * {@link #changed()} on a plain thread, parking it.
         *
         * @throws ChannelClosedException if the sender closed and there is nothing newer
         * @throws IllegalStateException on a Weft worker thread that polls a task
         */
        public void blockingChanged() throws ChannelClosedException {
            Await.await(new ChangedFuture());
        }

        /** {@return a new receiver that has seen what this one has seen} */
        public Receiver<T> copy() {
            s.lock();
            try {
                s.receivers++;
                return new Receiver<>(s, seen);
            } finally {
                s.unlock();
            }
        }

        /** Stops counting this receiver among the sender's receivers (idempotent). */
        @Override
        public void close() {
            s.lock();
            try {
                if (!closed) {
                    closed = true;
                    s.receivers--;
                }
            } finally {
                s.unlock();
            }
        }

        /** The future of {@link Receiver#changed()}. */
        public final class ChangedFuture implements UncheckedFuture<Void> {
            private final WaitQueue.Node node = new WaitQueue.Node();
            private boolean done;

            ChangedFuture() {
            }

            @Override
            public Poll<Void> poll(Context cx) {
                long before;
                s.lock();
                try {
                    if (done) {
                        throw new IllegalStateException("watch changed() polled after it completed");
                    }
                    before = seen;
                    if (s.version != seen) {
                        seen = s.version;
                    } else if (!s.senderClosed) {
                        node.waker = cx.waker(); // the newest waker is the one woken
                        if (!node.isQueued()) {
                            s.waiters.addLast(node);
                        }
                        return Poll.pending();
                    }
                    s.waiters.remove(node);
                } finally {
                    s.unlock();
                }
                // It completes: the budget is asked only now. If it is spent, the change is
                // marked unseen again (only this receiver's owner touches seen), and the task,
                // re-woken, finds it on the next poll.
                if (!Coop.proceed(cx)) {
                    s.lock();
                    try {
                        seen = before;
                    } finally {
                        s.unlock();
                    }
                    return Poll.pending();
                }
                done = true;
                return before != seen ? Poll.ready(null)
                        : Poll.failed(new ChannelClosedException("watch sender was closed"));
            }

            @Override
            public void cancel() {
                s.lock();
                try {
                    s.waiters.remove(node);
                } finally {
                    s.unlock();
                }
            }

            /**
             * Waits for a newer value; see {@link Receiver#changed()}.
             *
             * @return {@code null}
             * @throws ChannelClosedException if the sender closed and there is nothing newer
             */
            @Override
            public Void await() throws ChannelClosedException {
                return Await.await(this);
            }
        }
    }
}
