package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import dev.weft.future.internal.Args;
import dev.weft.future.internal.Await;
import dev.weft.runtime.internal.Coop;
import java.util.function.UnaryOperator;

/**
 * A single-value channel that keeps only the latest value (Tokio's {@code watch}): one
 * {@link Sender} replaces it, any number of {@link Receiver}s read it and wait for it to change.
 * Good for configuration, status and shutdown signals; intermediate values may be skipped.
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
     * @param initial the first value, seen already by the first receiver
     * @param <T> the type of the value
     * @return the channel
     * @throws IllegalArgumentException if {@code initial} is null
     */
    public static <T> Channel<T> channel(T initial) {
        State<T> s = new State<>(Args.notNull(initial, "initial"));
        return new Channel<>(new Sender<>(s), new Receiver<>(s, 0));
    }

    private static final class State<T> {
        T value;
        long version;
        boolean senderClosed;
        int receivers = 1;
        final ChannelWaiters waiters = new ChannelWaiters();

        State(T value) {
            this.value = value;
        }
    }

    /**
     * The one producer; any thread may call it.
     *
     * @param <T> the type of the value
     */
    public static final class Sender<T> implements AutoCloseable {
        private final State<T> s;

        Sender(State<T> s) {
            this.s = s;
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
         * to other sends and reads (the lock is held while {@code fn} runs: keep it short). If
         * {@code fn} throws, the value is unchanged and nobody is woken.
         *
         * @param fn computes the new value from the current one (it may mutate and return it)
         * @return the number of open receivers
         * @throws IllegalArgumentException if {@code fn} is null or returns null
         * @throws IllegalStateException if the sender was closed
         */
        public int sendModify(UnaryOperator<T> fn) {
            Args.notNull(fn, "fn");
            Waker[] wake;
            int n;
            synchronized (s) {
                if (s.senderClosed) {
                    throw new IllegalStateException("send on a closed watch sender");
                }
                T next = Args.notNull(fn.apply(s.value), "the value returned by fn");
                s.value = next;
                s.version++;
                n = s.receivers;
                wake = s.waiters.drain();
            }
            ChannelWaiters.wakeAll(wake);
            return n;
        }

        /** @return the current value */
        public T borrow() {
            synchronized (s) {
                return s.value;
            }
        }

        /** @return a new receiver that has seen the current value */
        public Receiver<T> subscribe() {
            synchronized (s) {
                s.receivers++;
                return new Receiver<>(s, s.version);
            }
        }

        /** @return the number of open receivers */
        public int receiverCount() {
            synchronized (s) {
                return s.receivers;
            }
        }

        /** Closes the channel (idempotent): waiting and later {@code changed()} calls fail. */
        @Override
        public void close() {
            Waker[] wake;
            synchronized (s) {
                if (s.senderClosed) {
                    return;
                }
                s.senderClosed = true;
                wake = s.waiters.drain();
            }
            ChannelWaiters.wakeAll(wake);
        }
    }

    /**
     * A reader of the latest value. Use from one task (or thread) at a time.
     *
     * @param <T> the type of the value
     */
    public static final class Receiver<T> implements AutoCloseable {
        private final State<T> s;
        private long seen; // guarded by s
        private boolean closed; // guarded by s

        Receiver(State<T> s, long seen) {
            this.s = s;
            this.seen = seen;
        }

        /** @return the latest value, without marking it seen */
        public T borrow() {
            synchronized (s) {
                return s.value;
            }
        }

        /** @return the latest value, marking it seen */
        public T borrowAndUpdate() {
            synchronized (s) {
                seen = s.version;
                return s.value;
            }
        }

        /** @return whether a value newer than the last one seen exists */
        public boolean hasChanged() {
            synchronized (s) {
                return s.version != seen;
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

        /** @return a new receiver that has seen what this one has seen */
        public Receiver<T> copy() {
            synchronized (s) {
                s.receivers++;
                return new Receiver<>(s, seen);
            }
        }

        /** Stops counting this receiver among the sender's receivers (idempotent). */
        @Override
        public void close() {
            synchronized (s) {
                if (!closed) {
                    closed = true;
                    s.receivers--;
                }
            }
        }

        /** The future of {@link Receiver#changed()}. */
        public final class ChangedFuture implements Future<Void> {
            private final ChannelWaiters.Node node = new ChannelWaiters.Node();
            private boolean done;

            ChangedFuture() {
            }

            @Override
            public Poll<Void> poll(Context cx) {
                long before;
                synchronized (s) {
                    if (done) {
                        throw new IllegalStateException("watch changed() polled after it completed");
                    }
                    before = seen;
                    if (s.version != seen) {
                        seen = s.version;
                    } else if (!s.senderClosed) {
                        node.waker = cx.waker(); // the newest waker is the one woken
                        if (!node.isQueued()) {
                            s.waiters.add(node);
                        }
                        return Poll.pending();
                    }
                    s.waiters.remove(node);
                }
                // It completes: the budget is asked only now. If it is spent, the change is
                // marked unseen again (only this receiver's owner touches seen), and the task,
                // re-woken, finds it on the next poll.
                if (!Coop.proceed(cx)) {
                    synchronized (s) {
                        seen = before;
                    }
                    return Poll.pending();
                }
                done = true;
                return before != seen ? Poll.ready(null)
                        : Poll.failed(new ChannelClosedException("watch sender was closed"));
            }

            @Override
            public void cancel() {
                synchronized (s) {
                    s.waiters.remove(node);
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
