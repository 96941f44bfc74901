package dev.weft.io.reactor;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import dev.weft.future.internal.ShortLock;
import dev.weft.runtime.internal.Coop;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * One channel registered with a {@link Reactor} (Tokio's {@code ScheduledIo}): readiness bits
 * and one waker per direction.
 *
 * <p>How an operation uses it, for the read direction (the write direction is the same with
 * {@link #WRITE}):
 * {@snippet :
 * for (;;) {
 *     int r = reg.readiness();
 *     if (!reg.ready(cx, Registration.READ, r)) return Io.PENDING;   // waker registered
 *     int n = channel.read(dst);
 *     if (n != 0) return n;
 *     if (!reg.clearReadiness(cx, Registration.READ, r)) return Io.PENDING; // would block
 * }
 * }
 *
 * <p>Thread rules: one reader and one writer at a time (they may be different threads); the
 * driver thread calls {@link #onReady}; {@link #close()} may come from anywhere.
 */
public final class Registration {
    /*
     * Implementation notes.
     *
     * State. readiness = tick << 8 | bits. The driver sets bits and bumps the tick on every
     * event; an operation that hit "would block" clears its bit only if the tick is the one it
     * saw before its syscall, so an event that arrived during the syscall is never erased
     * (Tokio's tick rule). Readiness starts as READ | WRITE: the first operation tries the
     * syscall before asking the selector.
     *
     * Lock. readiness writes, the two waker slots and the armed interest are guarded by
     * `lock`; held only for a few field updates, never while waking. readiness is also volatile
     * so operations read it without the lock. A ShortLock rather than this object's monitor:
     * coroutines and the driving worker both take it, and a coroutine must not unmount while
     * waiting for it (see ShortLock: with one worker, the worker would wait for a coroutine
     * that needs the worker to run).
     *
     * Interest (the selector is level-triggered). A direction is armed when an operation
     * registers its waker, and stays armed while events find a waiter — the steady state of a
     * busy connection changes no interest. A read event that finds no waiter is usually a task
     * already woken and not yet run (a busy worker's selectNow reports its socket again), so
     * the read direction is disarmed only after IDLE_READ_EVENTS such events in a row — else a
     * level-triggered selector would report unread data forever for a task that stopped
     * reading. Disarming at the first one cost two epoll_ctl calls per request at 256
     * connections (the echo benchmark). The write direction is disarmed on every event: a
     * socket is writable almost always, and only a blocked writer cares.
     */

    /** The read direction (also: accept). */
    public static final int READ = 1;
    /** The write direction (also: connect). */
    public static final int WRITE = 2;
    /** The registration was closed: operations fail. */
    static final int CLOSED = 4;
    private static final int BITS = 0xff;
    private static final int TICK_ONE = 0x100;

    private final Reactor reactor;
    private final SelectableChannel channel;
    private final int readOp;
    private volatile int writeOp;
    /** Created by the driving thread when an operation first waits (see Reactor's notes). */
    private SelectionKey key;
    /** Queued on the reactor's command queue; set by submitters, cleared by apply(). */
    private final java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
    private final ShortLock lock = new ShortLock();
    /** tick << 8 | bits; written under the lock, read without it (volatile). */
    private volatile int readiness = READ | WRITE;
    private Waker readWaker;
    private Waker writeWaker;
    private int armed;
    /** Read events in a row that found no waiting reader; guarded by the lock. */
    private int idleReadEvents;
    /** Idle read events tolerated before the read direction is disarmed (see the notes). */
    static final int IDLE_READ_EVENTS = 8;

    /** Registration order on a seeded reactor (0 otherwise): the stable key of its seeded dispatch. */
    final long order;

    Registration(Reactor reactor, SelectableChannel channel, int readOp, int writeOp, long order) {
        this.reactor = reactor;
        this.order = order;
        this.channel = channel;
        this.readOp = readOp;
        this.writeOp = writeOp;
    }

    /** @return the readiness word, to pass back to {@link #ready} and {@link #clearReadiness} */
    public int readiness() {
        return readiness; // volatile read: pairs with the driver's write in onReady
    }

    /**
     * Whether the direction is ready and the task may spend budget on it; otherwise the waker
     * is registered and the caller answers pending.
     *
     * @param cx the context of the poll
     * @param dir {@link #READ} or {@link #WRITE}
     * @param r the word from {@link #readiness()}
     * @return true to go ahead with the syscall
     * @throws IOException if the registration is closed
     */
    public boolean ready(Context cx, int dir, int r) throws IOException {
        if ((r & CLOSED) != 0) {
            throw closedError();
        }
        if ((r & dir) == 0) {
            return clearReadiness(cx, dir, r) && Coop.proceed(cx);
        }
        return Coop.proceed(cx);
    }

    /**
     * The syscall would block: clears the direction's readiness (unless an event came since
     * {@code r} was read) and registers the waker.
     *
     * @param cx the context whose waker to wake
     * @param dir {@link #READ} or {@link #WRITE}
     * @param r the word read before the syscall
     * @return true if readiness came back meanwhile (try again), false if the caller must
     *     answer pending
     * @throws IOException if the registration is closed
     */
    public boolean clearReadiness(Context cx, int dir, int r) throws IOException {
        if (reactor.isClosed()) {
            throw Reactor.shutDown();
        }
        boolean arm;
        lock.lock();
        try {
            int now = readiness;
            if ((now & CLOSED) != 0) {
                throw closedError();
            }
            if ((now & ~BITS) == (r & ~BITS)) {
                now &= ~dir;
                readiness = now; // volatile write under the lock: the tick is unchanged
            }
            if ((now & dir) != 0) {
                return true;
            }
            if (dir == READ) {
                readWaker = cx.waker();
                idleReadEvents = 0;
            } else {
                writeWaker = cx.waker();
            }
            arm = (armed & dir) == 0;
            armed |= dir;
        } finally {
            lock.unlock();
        }
        if (arm) {
            updateInterest();
        }
        return false;
    }

    /**
     * A read or write moved fewer bytes than offered: the socket is drained (or full), so the
     * next operation would only meet "would block". Clears the direction's readiness unless an
     * event came since {@code r} was read, so that operation waits without a syscall (Tokio's
     * rule for short reads and writes).
     *
     * @param dir {@link #READ} or {@link #WRITE}
     * @param r the word read before the syscall
     */
    public void clearIfUnchanged(int dir, int r) {
        lock.lock();
        try {
            int now = readiness;
            if ((now & ~BITS) == (r & ~BITS) && (now & CLOSED) == 0) {
                readiness = now & ~dir; // volatile write under the lock: the tick is unchanged
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called by the driver thread with the key's ready ops. */
    void onReady(int readyOps) {
        int bits = 0;
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            bits |= READ;
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            bits |= WRITE;
        }
        Waker r = null;
        Waker w = null;
        boolean disarm = false;
        lock.lock();
        try {
            int now = readiness;
            readiness = (now + TICK_ONE) | bits; // volatile write: operations read it unlocked
            if ((bits & READ) != 0) {
                r = readWaker;
                readWaker = null;
                if (r != null) {
                    idleReadEvents = 0;
                } else if ((armed & READ) != 0 && ++idleReadEvents >= IDLE_READ_EVENTS) {
                    armed &= ~READ; // nobody reads: stop the level-triggered reports
                    idleReadEvents = 0;
                    disarm = true;
                }
            }
            if ((bits & WRITE) != 0) {
                w = writeWaker;
                writeWaker = null;
                if ((armed & WRITE) != 0) {
                    armed &= ~WRITE;
                    disarm = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (disarm) {
            updateInterest();
        }
        if (r != null) {
            r.wake();
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Asks the driving thread to set the key's interest to what {@code armed} says then. */
    private void updateInterest() {
        if (reactor.isClosed()) {
            return; // shut down: operations fail on their next poll
        }
        reactor.submit(this);
    }

    /** @return true if this call queued the registration (it was not queued already) */
    boolean markQueued() {
        return !queued.getAndSet(true);
    }

    /**
     * Applies what was asked since the last call: registers the channel, changes its
     * interest, or cancels its key and closes the channel. Driving thread only, under the
     * reactor's turnLock.
     *
     * @return whether the channel was closed
     */
    boolean apply(java.nio.channels.Selector selector) {
        queued.set(false); // before reading the state: a later change queues again
        boolean close;
        int ops;
        lock.lock();
        try {
            close = (readiness & CLOSED) != 0;
            ops = ((armed & READ) != 0 ? readOp : 0) | ((armed & WRITE) != 0 ? writeOp : 0);
        } finally {
            lock.unlock();
        }
        try {
            if (close) {
                if (key != null) {
                    key.cancel();
                }
                channel.close();
                return true;
            }
            if (key == null) {
                key = channel.register(selector, ops, this);
            } else if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        } catch (IOException | CancelledKeyException | java.nio.channels.ClosedSelectorException e) {
            close(); // the channel is unusable: fail its operations
        }
        return false;
    }

    /**
     * Switches the write direction's interest op (a socket goes from {@code OP_CONNECT} to
     * {@code OP_WRITE} once connected).
     *
     * @param op the new interest op
     */
    public void setWriteOp(int op) {
        writeOp = op;
    }

    /** @return the channel */
    public SelectableChannel channel() {
        return channel;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return (readiness & CLOSED) != 0;
    }

    /**
     * Deregisters and closes the channel; waiting operations are woken and fail with an
     * {@link IOException}. Idempotent, any thread. The driving thread does the closing; on a
     * platform thread with no select running it is done before this returns.
     */
    public void close() {
        Waker r;
        Waker w;
        lock.lock();
        try {
            if ((readiness & CLOSED) != 0) {
                return;
            }
            readiness |= CLOSED; // volatile write: operations fail from now on
            r = readWaker;
            w = writeWaker;
            readWaker = null;
            writeWaker = null;
        } finally {
            lock.unlock();
        }
        reactor.onDeregistered();
        if (reactor.isClosed()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // shutting down: nothing to report
            }
        } else {
            reactor.submit(this); // the driving thread cancels the key and closes the channel
        }
        if (r != null) {
            r.wake();
        }
        if (w != null) {
            w.wake();
        }
    }

    private IOException closedError() {
        return reactor.isClosed() ? Reactor.shutDown() : new java.nio.channels.ClosedChannelException();
    }
}
