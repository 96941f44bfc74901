package dev.weft.io.reactor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** A channel's registration with a {@link NioReactor}: a lazily created, level-triggered key. */
final class NioRegistration extends Registration {
    /*
     * Implementation notes.
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
     *
     * Every change of interest, and the close, is a command applied by the driving thread
     * (see NioReactor's notes): `queued` says the registration is on the command queue.
     */

    private final NioReactor reactor;
    private final SelectableChannel channel;
    private final int readOp;
    private volatile int writeOp;
    /** Created by the driving thread when an operation first waits (see NioReactor's notes). */
    private SelectionKey key;
    /** Queued on the reactor's command queue; set by submitters, cleared by apply(). */
    private final AtomicBoolean queued = new AtomicBoolean();
    /** The directions whose interest is (to be) set; guarded by the lock. */
    private int armed;
    /** Read events in a row that found no waiting reader; guarded by the lock. */
    private int idleReadEvents;
    /** Idle read events tolerated before the read direction is disarmed (see the notes). */
    static final int IDLE_READ_EVENTS = 8;

    NioRegistration(NioReactor reactor, SelectableChannel channel, int readOp, int writeOp, long order) {
        super(reactor, order);
        this.reactor = reactor;
        this.channel = channel;
        this.readOp = readOp;
        this.writeOp = writeOp;
    }

    /** Converts a key's ready ops into {@link #READ}/{@link #WRITE} bits. */
    static int bits(int readyOps) {
        int bits = 0;
        if ((readyOps & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0) {
            bits |= READ;
        }
        if ((readyOps & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0) {
            bits |= WRITE;
        }
        return bits;
    }

    @Override
    boolean waiting(int dir) {
        if (dir == READ) {
            idleReadEvents = 0;
        }
        boolean arm = (armed & dir) == 0;
        armed |= dir;
        return arm;
    }

    @Override
    boolean eventCame(int bits, boolean readWaiter) {
        boolean disarm = false;
        if ((bits & READ) != 0) {
            if (readWaiter) {
                idleReadEvents = 0;
            } else if ((armed & READ) != 0 && ++idleReadEvents >= IDLE_READ_EVENTS) {
                armed &= ~READ; // nobody reads: stop the level-triggered reports
                idleReadEvents = 0;
                disarm = true;
            }
        }
        if ((bits & WRITE) != 0 && (armed & WRITE) != 0) {
            armed &= ~WRITE;
            disarm = true;
        }
        return disarm;
    }

    /** Asks the driving thread to set the key's interest to what {@code armed} says then. */
    @Override
    void updateInterest() {
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
    boolean apply(Selector selector) {
        queued.set(false); // before reading the state: a later change queues again
        boolean close;
        int ops;
        lock.lock();
        try {
            close = isClosed();
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
        } catch (IOException | CancelledKeyException | ClosedSelectorException e) {
            close(); // the channel is unusable: fail its operations
        }
        return false;
    }

    @Override
    public void setWriteOp(int op) {
        writeOp = op;
    }

    @Override
    public SelectableChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return ((ReadableByteChannel) channel).read(dst);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return ((WritableByteChannel) channel).write(src);
    }

    /**
     * The driving thread cancels the key and closes the channel; on a platform thread with no
     * select running it is done before {@link #close()} returns.
     */
    @Override
    void release() {
        if (reactor.isClosed()) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // shutting down: nothing to report
            }
        } else {
            reactor.submit(this);
        }
    }
}
