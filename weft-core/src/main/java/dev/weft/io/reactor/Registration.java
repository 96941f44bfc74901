package dev.weft.io.reactor;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;

/**
 * One channel registered with a {@link Reactor} (Tokio's {@code ScheduledIo}): readiness bits
 * and one waker per direction, the same for every driver.
 *
 * <p>How an operation uses it, for the read direction (the write direction is the same with
 * {@link #WRITE}):
 * {@snippet :
 * for (;;) {
 *     int r = reg.readiness();
 *     if (!reg.ready(cx, Registration.READ, r)) return Io.PENDING;   // waker registered
 *     int n = reg.read(dst);                                         // or channel.accept(), ...
 *     if (n != 0) return n;
 *     if (!reg.clearReadiness(cx, Registration.READ, r)) return Io.PENDING; // would block
 * }
 * }
 *
 * <p>Thread rules: one reader and one writer at a time (they may be different threads); the
 * driver thread calls {@link #onReady}; {@link #close()} may come from anywhere.
 */
public abstract sealed class Registration permits NioRegistration, EpollRegistration {
    /*
     * Implementation notes.
     *
     * State. readiness = tick << 8 | bits. The driver sets bits and bumps the tick on every
     * event; an operation that hit "would block" clears its bit only if the tick is the one it
     * saw before its syscall, so an event that arrived during the syscall is never erased
     * (Tokio's tick rule). Readiness starts as READ | WRITE: the first operation tries the
     * syscall before asking the driver.
     *
     * Final states. An edge-triggered driver reports the peer's close (or a hang-up) once, so
     * it also sets READ_CLOSED / WRITE_CLOSED, which nothing clears (Tokio's rule): a short read
     * that cleared READ after the data and the end arrived together would otherwise wait for an
     * event that never comes. A direction with its closed bit goes to the syscall (which then
     * returns the end or the error) however often READ was cleared; if the syscall still would
     * block, the operation waits for the next event rather than spin. The NIO driver's
     * level-triggered reports repeat, so it never sets them.
     *
     * Lock. readiness writes, the two waker slots and the driver's interest state are guarded
     * by `lock`; held only for a few field updates, never while waking. readiness is also
     * volatile so operations read it without the lock. A ShortLock rather than this object's
     * monitor: coroutines and the driving worker both take it, and a coroutine must not unmount
     * while waiting for it (see ShortLock: with one worker, the worker would wait for a
     * coroutine that needs the worker to run).
     *
     * What a driver adds (the hooks at the end): how interest follows the waiters (NIO arms and
     * disarms a level-triggered key; epoll registers once, edge-triggered, and never changes
     * it), the byte I/O (the channel's own read and write, or system calls on its descriptor),
     * and what closing releases.
     */

    /** The read direction (also: accept). */
    public static final int READ = 1;
    /** The write direction (also: connect). */
    public static final int WRITE = 2;
    /** The registration was closed: operations fail. */
    static final int CLOSED = 4;
    /** The read direction reached a final state (the peer closed, hang-up): see the notes. */
    static final int READ_CLOSED = 8;
    /** The write direction reached a final state (hang-up, error): see the notes. */
    static final int WRITE_CLOSED = 16;
    private static final int BITS = 0xff;
    private static final int TICK_ONE = 0x100;

    private final Reactor reactor;
    /** Guards readiness writes, the wakers and the subclass's interest state. */
    final ShortLock lock = new ShortLock();
    /** tick << 8 | bits; written under the lock, read without it (volatile). */
    private volatile int readiness = READ | WRITE;
    private Waker readWaker;
    private Waker writeWaker;

    /** Registration order on a seeded reactor (0 otherwise): the stable key of its seeded dispatch. */
    final long order;

    Registration(Reactor reactor, long order) {
        this.reactor = reactor;
        this.order = order;
    }

    /** @return the readiness word, to pass back to {@link #ready} and {@link #clearReadiness} */
    public final int readiness() {
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
    public final boolean ready(Context cx, int dir, int r) throws IOException {
        if ((r & CLOSED) != 0) {
            throw closedError();
        }
        if ((r & (dir | finalBit(dir))) == 0) {
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
    public final boolean clearReadiness(Context cx, int dir, int r) throws IOException {
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
            } else {
                writeWaker = cx.waker();
            }
            arm = waiting(dir);
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
    public final void clearIfUnchanged(int dir, int r) {
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

    /** @return the final-state bit of direction {@code dir} */
    private static int finalBit(int dir) {
        return dir == READ ? READ_CLOSED : WRITE_CLOSED;
    }

    /**
     * Called by the driver thread with the directions found ready.
     *
     * @param bits {@link #READ} and/or {@link #WRITE}, and the final states found
     *     ({@link #READ_CLOSED}, {@link #WRITE_CLOSED})
     */
    final void onReady(int bits) {
        Waker r = null;
        Waker w = null;
        boolean change;
        lock.lock();
        try {
            int now = readiness;
            readiness = (now + TICK_ONE) | bits; // volatile write: operations read it unlocked
            if ((bits & (READ | READ_CLOSED)) != 0) {
                r = readWaker;
                readWaker = null;
            }
            if ((bits & (WRITE | WRITE_CLOSED)) != 0) {
                w = writeWaker;
                writeWaker = null;
            }
            change = eventCame(bits, r != null);
        } finally {
            lock.unlock();
        }
        if (change) {
            updateInterest();
        }
        if (r != null) {
            r.wake();
        }
        if (w != null) {
            w.wake();
        }
    }

    /** @return the channel */
    public abstract SelectableChannel channel();

    /**
     * Reads from the (stream) channel into {@code dst}, advancing its position.
     *
     * @param dst the buffer
     * @return the bytes read, 0 if the read would block, -1 at the end of the stream
     * @throws IOException as the channel's {@code read} would
     */
    public abstract int read(ByteBuffer dst) throws IOException;

    /**
     * Writes from {@code src} to the (stream) channel, advancing its position.
     *
     * @param src the buffer
     * @return the bytes written, 0 if the write would block
     * @throws IOException as the channel's {@code write} would
     */
    public abstract int write(ByteBuffer src) throws IOException;

    /**
     * Switches the write direction's interest op (a socket goes from {@code OP_CONNECT} to
     * {@code OP_WRITE} once connected). A driver that watches both at once ignores it.
     *
     * @param op the new interest op
     */
    public void setWriteOp(int op) {
    }

    /** @return whether {@link #close()} was called */
    public final boolean isClosed() {
        return (readiness & CLOSED) != 0;
    }

    /**
     * Deregisters and closes the channel; waiting operations are woken and fail with an
     * {@link IOException}. Idempotent, any thread. When the descriptor is actually closed
     * depends on the driver (see its notes).
     */
    public final void close() {
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
        release();
        if (r != null) {
            r.wake();
        }
        if (w != null) {
            w.wake();
        }
    }

    final IOException closedError() {
        return reactor.isClosed() ? Reactor.shutDown() : new ClosedChannelException();
    }

    // ---- what a driver adds -----------------------------------------------------------------

    /**
     * An operation registered its waker for {@code dir}. Called under the lock.
     *
     * @return whether the driver's interest must change ({@link #updateInterest()} follows)
     */
    abstract boolean waiting(int dir);

    /**
     * An event came for {@code bits}; {@code readWaiter} says whether it found a waiting
     * reader. Called under the lock.
     *
     * @return whether the driver's interest must change ({@link #updateInterest()} follows)
     */
    abstract boolean eventCame(int bits, boolean readWaiter);

    /** Brings the driver's interest in line with the state; called without the lock. */
    abstract void updateInterest();

    /** Releases the channel once the registration is marked closed; called once, without the lock. */
    abstract void release();
}
