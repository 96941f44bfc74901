package dev.weft.future.internal;

import dev.weft.future.CancelledException;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.future.Waker;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * How the current thread waits inside {@code await()}.
 *
 * <p>A plain thread (platform or virtual) gets a {@link ThreadSuspender}: its waker unparks the
 * thread. The runtime installs its own suspender for coroutines (which tracks their idle state
 * and cancellation) and a refusing one on worker threads while they poll tasks. The futures
 * core knows nothing about runtimes; the runtime plugs in here.
 */
public abstract class Suspender {
    /**
     * Other threads' suspenders; a runtime's own threads keep theirs in a field ({@link
     * ThreadSlots}), found through {@code Thread.currentThread()}: exact here, because a
     * continuation coroutine never changes threads ({@link Carrier}), and the cheapest read.
     */
    private static final ThreadLocal<Suspender> CURRENT = new ThreadLocal<>();

    static {
        // Initializes Poll's ready type now: if a million awaits suspend before any future is
        // ready, the JIT compiles awaitPending's "ready" path while that class is uninitialized,
        // as a trap, and each suspended await then deoptimizes on its own when it resumes.
        Poll.ready(null);
    }

    /** For subclasses. */
    protected Suspender() {
    }

    /** @return the suspender of the current thread, creating a thread parker if there is none */
    public static Suspender current() {
        Suspender s = ThreadSlots.of(Thread.currentThread()) instanceof ThreadSlots slots ? slots.suspenderSlot() : CURRENT.get();
        if (s == null) {
            s = new ThreadSuspender(Thread.currentThread());
            install(s);
        }
        return s;
    }

    /**
     * Installs {@code s} for the current thread and returns the previous one.
     *
     * @param s the suspender, or null to remove
     * @return the previous suspender, possibly null
     */
    public static Suspender install(Suspender s) {
        if (ThreadSlots.of(Thread.currentThread()) instanceof ThreadSlots slots) {
            Suspender prev = slots.suspenderSlot();
            slots.suspenderSlot(s);
            return prev;
        }
        Suspender prev = CURRENT.get();
        if (s == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(s);
        }
        return prev;
    }

    /** @return the installed suspender of the current thread, or null (never creates one) */
    public static Suspender installed() {
        return ThreadSlots.of(Thread.currentThread()) instanceof ThreadSlots slots ? slots.suspenderSlot() : CURRENT.get();
    }

    /**
     * Starts an await: checks that waiting is allowed here and not cancelled.
     *
     * @return the context to poll with
     * @throws CancelledException if the waiter is already cancelled
     * @throws IllegalStateException if this thread must not wait
     */
    public abstract Context enter();

    /**
     * The cooperative budget: Weft resources (timers, channels, sockets) call this before they
     * complete a poll. When the running task or coroutine has spent its budget for this turn,
     * it returns false after waking {@code cx}'s waker, and the resource answers pending, so one
     * hot task cannot starve the others. Plain threads have no budget.
     *
     * @param cx the context of the poll
     * @return whether the resource may complete now
     */
    public boolean proceed(Context cx) {
        return true;
    }

    /**
     * Waits until the context's waker is woken (spurious returns are allowed: the caller polls
     * again).
     *
     * @throws CancelledException if the waiter was cancelled
     */
    public abstract void suspend();

    /**
     * Waits until {@code future}, which just answered pending to a poll with {@code cx}, is
     * ready, and returns its value or throws its failure as it is. The default suspends and
     * polls again until then; a suspender whose waiter is resumed by a poller may have that
     * poller poll the future instead, so a wake-up that finds it still pending resumes nothing.
     * When the wait itself ends (cancellation, an await that cannot suspend here) this method
     * cancels the future and throws.
     *
     * @param future the future being awaited
     * @param cx the context it was polled with
     * @param <T> its value type
     * @return its value
     * @throws CancelledException if the waiter was cancelled
     */
    public <T> T awaitPending(Future<T> future, Context cx) {
        for (;;) {
            suspendReleasing(future);
            // Not shared with Await's first poll: this code runs only after a suspension, and a
            // shared helper would carry the first poll's profile into it (see Coroutine.awaitPending).
            Poll<T> p = future.poll(cx);
            if (p instanceof Poll.Ready<T> r) {
                return r.value();
            }
            if (p instanceof Poll.Failed<T> f) {
                throw Sneaky.rethrow(f.error());
            }
        }
    }

    /**
     * Waits until {@code op}, which just answered {@link IntOp#PENDING} to a poll with
     * {@code cx}, answers something else, and returns that. As {@link #awaitPending}, without
     * a future: a resumer that polls for its waiter polls {@code op}. An I/O operation loses
     * nothing when its wait ends early, so nothing is cancelled then.
     *
     * @param op the operation
     * @param cx the context it was polled with
     * @return its answer
     * @throws IOException the operation's fault
     * @throws CancelledException if the waiter was cancelled
     */
    public int awaitInt(IntOp op, Context cx) throws IOException {
        for (;;) {
            suspend();
            int n = op.pollInt(cx);
            if (n != IntOp.PENDING) {
                return n;
            }
        }
    }

    /**
     * Waits until {@code op}, which just answered {@link ObjOp#PENDING} to a poll with
     * {@code cx}, answers something else, and returns that. As {@link #awaitPending}, without
     * a future: a resumer that polls for its waiter polls {@code op}; when the wait itself ends
     * early, {@link ObjOp#abandon()} takes the place of the future's cancel.
     *
     * @param op the operation
     * @param cx the context it was polled with
     * @return its answer
     * @throws CancelledException if the waiter was cancelled
     */
    public Object awaitObj(ObjOp op, Context cx) {
        for (;;) {
            suspendReleasing(op);
            Object v = op.pollObj(cx);
            if (v != ObjOp.PENDING) {
                return v;
            }
        }
    }

    /**
     * Suspends; when the wait itself ends (cancelled, or an await that cannot suspend here),
     * releases what is awaited first: a future is cancelled, an {@link ObjOp} abandoned.
     *
     * @param awaited a {@link Future} or an {@link ObjOp}
     */
    private void suspendReleasing(Object awaited) {
        try {
            suspend();
        } catch (RuntimeException | Error e) {
            if (awaited instanceof ObjOp op) {
                op.abandon();
            } else {
                ((Future<?>) awaited).cancel();
            }
            throw e;
        }
    }

    /**
     * @return the scratch object the I/O layer keeps with this waiter (one await at a time
     *     uses it), or null before the first
     */
    public Object scratch() {
        return scratch;
    }

    /** @param o the I/O layer's scratch object for this waiter */
    public void scratch(Object o) {
        scratch = o;
    }

    /** Waiter-only: see {@link #scratch()}. */
    private Object scratch;

    /** The suspender of a plain thread: park until the waker unparks it. */
    static final class ThreadSuspender extends Suspender implements Waker, Context {
        private static final VarHandle WOKEN;

        static {
            try {
                WOKEN = MethodHandles.lookup().findVarHandle(ThreadSuspender.class, "woken", boolean.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Thread thread;
        // Set by wake() before unpark; swapped back to false by the waiting thread, so the
        // waker's writes happen-before the re-poll that follows.
        @SuppressWarnings("unused")
        private volatile boolean woken;

        ThreadSuspender(Thread thread) {
            this.thread = thread;
        }

        @Override
        public Context enter() {
            if (thread.isInterrupted()) {
                throw new CancelledException("await() on an interrupted thread");
            }
            return this;
        }

        @Override
        public void suspend() {
            // getAndSet: reads the latest wake() write (synchronizes with it) and re-arms in one step.
            while (!(boolean) WOKEN.getAndSet(this, false)) {
                LockSupport.park(this);
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancelledException("await() interrupted");
                }
            }
        }

        @Override
        public void wake() {
            woken = true; // volatile write: seen by suspend() after unpark
            LockSupport.unpark(thread);
        }

        @Override
        public Waker waker() {
            return this;
        }
    }
}
