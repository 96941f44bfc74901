package dev.weft.sync;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.UncheckedFuture;
import dev.weft.future.internal.Await;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * A signal that asks work to stop: Tokio's {@code CancellationToken}. {@link #cancel()} is
 * idempotent and reaches every {@link #child()} token (transitively); cancelling a child does
 * not affect its parent.
 *
 * <p><b>Memory effects:</b> {@code cancel()} happens-before {@link #isCancelled()} returning true
 * and before every {@link #cancelled()} future completing, on this token and its descendants.
 *
 * <p><b>Threads:</b> every method may be called from any thread.
 *
 * <h2>Implementation notes</h2>
 * A child holds its parent strongly; a parent holds its children through weak references
 * (purged as they grow), so a child nobody references any more is collected instead of piling
 * up under a long-lived parent — Java has no {@code drop} to unregister it. A child that is
 * referenced keeps its ancestors reachable, so it is always reached by their cancellation.
 * Each token's state is guarded by its own {@code lock}; {@code cancel} holds one lock at a
 * time, walking the tree iteratively. Because of that, {@code isCancelled} and
 * {@code cancelled()} also look at the ancestors' flags: the linearization point of a
 * {@code cancel} is the write of its own token's flag, not the end of the walk.
 * The lock is a {@link ShortLock}, not a monitor: coroutines and poll-based tasks on the workers
 * both take it, and a coroutine that waits for a monitor unmounts and may be handed it while
 * queued, so a worker blocked on it could wait forever (docs/design-notes.md). Its sections are
 * a few field updates; wakers are called after it.
 *
 * {@snippet :
 * CancellationToken shutdown = new CancellationToken();
 * Weft.spawn(() -> {
 *     CancellationToken mine = shutdown.child();
 *     Selected<Object> s = Weft.<Object>select(mine.cancelled(), server.accept()).await();
 *     ...
 * });
 * shutdown.cancel();   // every child's cancelled() completes
 * }
 */
public final class CancellationToken {
    private final CancellationToken parent;
    /** Guards the waiter queue and {@code children}; see the notes. */
    private final ShortLock lock = new ShortLock();
    private final WaitQueue<Cancelled> waiters = new WaitQueue<>();
    /** Set under the lock; read lock-free by isCancelled and the fast path of Cancelled.poll. */
    private volatile boolean cancelled;
    /** Guarded by {@code lock}; null once cancelled. */
    private ArrayList<WeakReference<CancellationToken>> children = new ArrayList<>();
    private int purgeAt = 16;

    /** A token that is not cancelled. */
    public CancellationToken() {
        this(null);
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /**
     * A token cancelled with this one (and with this one's ancestors); cancelling it does not
     * cancel this one. A child of a cancelled token starts cancelled.
     *
     * @return the child
     */
    public CancellationToken child() {
        CancellationToken c = new CancellationToken(this);
        lock.lock();
        try {
            if (children == null) {
                c.cancelled = true; // no waiters yet, nothing else to do; volatile write for readers
                c.children = null;
                return c;
            }
            if (children.size() >= purgeAt) {
                children.removeIf(r -> r.get() == null);
                purgeAt = Math.max(16, children.size() * 2);
            }
            children.add(new WeakReference<>(c));
        } finally {
            lock.unlock();
        }
        return c;
    }

    /** Cancels this token and every descendant; wakes their waiters. Idempotent. */
    public void cancel() {
        ArrayDeque<CancellationToken> todo = new ArrayDeque<>();
        todo.push(this);
        while (!todo.isEmpty()) {
            CancellationToken t = todo.pop();
            WaitQueue.WakeList wake = new WaitQueue.WakeList();
            ArrayList<WeakReference<CancellationToken>> kids;
            t.lock.lock();
            try {
                if (t.cancelled) {
                    continue;
                }
                t.cancelled = true; // volatile write: pairs with the lock-free reads
                Cancelled c;
                while ((c = t.waiters.pollFirst()) != null) {
                    wake.take(c);
                }
                kids = t.children;
                t.children = null;
            } finally {
                t.lock.unlock();
            }
            wake.wakeAll();
            for (WeakReference<CancellationToken> r : kids) {
                CancellationToken k = r.get();
                if (k != null) {
                    todo.push(k);
                }
            }
        }
        if (parent != null) {
            parent.forget(this);
        }
    }

    private void forget(CancellationToken child) {
        lock.lock();
        try {
            if (children != null) {
                children.removeIf(r -> r.get() == null || r.get() == child);
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@return whether this token was cancelled (directly or through an ancestor)} */
    public boolean isCancelled() {
        // Ancestors too: cancel() marks one token at a time, and an observer that saw the parent
        // cancelled must not then see this child active (found by CancellationTokenLincheckTest).
        for (CancellationToken t = this; t != null; t = t.parent) {
            if (t.cancelled) { // volatile read: pairs with the write in cancel()
                return true;
            }
        }
        return false;
    }

    /**
     * A future that completes when this token is cancelled (at once if it already is).
     *
     * <p><b>Cancel safety:</b> safe; cancelling it only leaves the waiter queue, and there is
     * nothing to lose. <b>Fairness:</b> {@code cancel()} wakes all waiters.
     *
     * @return a lazy future; it registers when first polled
     */
    public Cancelled cancelled() {
        return new Cancelled(this);
    }

    /**
     * A guard that cancels this token when closed, unless {@linkplain DropGuard#disarm()
     * disarmed}: ties a token to a try-with-resources scope.
     *
     * @return the guard
     */
    public DropGuard dropGuard() {
        return new DropGuard(this);
    }

    @Override
    public String toString() {
        return isCancelled() ? "CancellationToken[cancelled]" : "CancellationToken[active]";
    }

    /** Completes when the token is cancelled; see {@link CancellationToken#cancelled()}. */
    public static final class Cancelled extends WaitQueue.Node implements UncheckedFuture<Void> {
        private final CancellationToken token;
        private boolean done;

        Cancelled(CancellationToken token) {
            this.token = token;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("cancelled() polled after it completed");
            }
            if (!token.isCancelled()) {
                token.lock.lock();
                try {
                    if (!token.isCancelled()) {
                        waker = cx.waker();
                        if (!isQueued()) {
                            token.waiters.addLast(this);
                        }
                        return Poll.pending();
                    }
                    token.waiters.remove(this); // an ancestor is cancelled; the cascade may not have come yet
                    waker = null;
                } finally {
                    token.lock.unlock();
                }
            }
            if (!Coop.proceed(cx)) {
                return Poll.pending(); // cancelled, but the budget is spent: the task is re-woken
            }
            done = true;
            return Poll.ready(null);
        }

        /** Leaves the waiter queue. */
        @Override
        public void cancel() {
            token.lock.lock();
            try {
                token.waiters.remove(this);
                waker = null;
            } finally {
                token.lock.unlock();
            }
        }

        /**
         * Waits for the cancellation. Call from a coroutine or a plain thread, not from a worker
         * that polls a task. <b>Cancel safety:</b> safe.
         *
         * @return {@code null}
         */
        @Override
        public Void await() {
            return Await.await(this);
        }
    }

    /** Cancels its token on {@link #close()} unless {@link #disarm()}ed first. */
    public static final class DropGuard implements AutoCloseable {
        private volatile CancellationToken token;

        DropGuard(CancellationToken token) {
            this.token = token;
        }

        /** {@return the token, which this guard will no longer cancel} */
        public CancellationToken disarm() {
            CancellationToken t = token;
            token = null;
            return t;
        }

        /** Cancels the token, unless disarmed. */
        @Override
        public void close() {
            CancellationToken t = token;
            token = null;
            if (t != null) {
                t.cancel();
            }
        }
    }
}
