package dev.weft.io.reactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The I/O driver of one runtime: a NIO {@link Selector} (epoll on Linux, kqueue on macOS) and
 * the {@link Registration}s of the channels that use it.
 *
 * <p>Which thread does what. There is no reactor thread: the runtime's scheduler calls
 * {@link #turn} from the thread that parks (a worker holding the driver lock, or the thread
 * of a current-thread runtime), so a ready socket wakes its task on that thread. Busy workers
 * call {@code turn(0)} now and then so I/O is not starved by a long run of tasks. Anything
 * else — registering, arming interest, closing — may happen on any thread.
 *
 * {@snippet :
 * Reactor io = Reactor.open();
 * Registration reg = io.register(channel, SelectionKey.OP_READ, SelectionKey.OP_WRITE);
 * // the loop of the thread that parks:
 * io.turn(nanosUntilNextTimer);   // blocks in select, wakes the tasks whose channel is ready
 * // another thread with new work for the parked one:
 * io.wakeup();
 * }
 */
public final class Reactor {
    /*
     * Implementation notes.
     *
     * Waking the parked thread. wakeup() calls Selector.wakeup() unconditionally; the scheduler
     * calls it only when its own parked flag says the driver may be parked (the same flag that
     * guards LockSupport.unpark for a plain park), so a busy runtime never pays the syscall.
     * A wakeup that comes before select() begins makes that select return at once: no lost
     * wake-up.
     *
     * Interest changes from other threads. The JDK queues an interest change and applies it at
     * the start of the next select. When the selecting flag is set (a volatile written before
     * select and cleared after), a thread that changed interest calls Selector.wakeup() so the
     * blocked select picks the change up. If it reads the flag as false, its queued change was
     * enqueued under the selector's update lock before the driver took that lock at the start
     * of select (the driver writes the flag before select), so the change is applied anyway.
     *
     * Closing. The JDK closes a registered channel's descriptor only when a select
     * deregisters its cancelled key; until then a closed listener still holds its port. A close
     * on a platform thread that can take turnLock (held around every select) runs a selectNow
     * itself, so the descriptor is free when close() returns. Otherwise the driver's next
     * select deregisters the key (a driver blocked in select is woken for it). A coroutine
     * never selects: inside select the JDK takes its own locks (the channel's state lock in
     * kill()), and a virtual thread that blocks there unmounts while holding turnLock and the
     * selector's monitor; the worker that would resume it may be the one waiting for turnLock.
     *
     * Dispatch uses Selector.select(Consumer, timeout): no selected-key set, no iterator, and
     * the consumer is one field, so a turn allocates nothing.
     */

    private static final System.Logger LOG = System.getLogger("dev.weft.io");

    private final Selector selector;
    private final Consumer<SelectionKey> dispatch = Reactor::dispatch;
    private final AtomicInteger registrations = new AtomicInteger();
    /** Held around every select: by the driving thread's turn, or by a close that flushes. */
    private final ReentrantLock turnLock = new ReentrantLock();
    /** True while the driver is in (or entering) a blocking select; read by interest changers. */
    private volatile boolean selecting;
    private volatile boolean closed;
    /** Written by the driving thread under turnLock; read by metrics on any thread. */
    private volatile long events;

    private Reactor(Selector selector) {
        this.selector = selector;
    }

    /**
     * @return a new driver with its own selector
     * @throws UncheckedIOException if the OS refuses a selector (out of file descriptors)
     */
    public static Reactor open() {
        try {
            return new Reactor(Selector.open());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the I/O driver's selector", e);
        }
    }

    /**
     * Registers {@code channel}, switching it to non-blocking mode.
     *
     * @param channel an open channel
     * @param readOp the interest op of the read direction ({@code OP_READ}, {@code OP_ACCEPT}), or 0
     * @param writeOp the interest op of the write direction ({@code OP_WRITE}, {@code OP_CONNECT}), or 0
     * @return the registration; close it to deregister and close the channel
     * @throws IOException if the channel is closed or the driver is shut down
     */
    public Registration register(SelectableChannel channel, int readOp, int writeOp) throws IOException {
        if (closed) {
            throw shutDown();
        }
        channel.configureBlocking(false);
        Registration reg = new Registration(this, channel, readOp, writeOp);
        try {
            reg.key = channel.register(selector, 0, reg);
        } catch (ClosedSelectorException e) {
            throw shutDown();
        }
        registrations.incrementAndGet();
        return reg;
    }

    /**
     * Waits for I/O events and wakes the tasks of the ready channels. Called only by the thread
     * that holds the right to drive (see the class notes).
     *
     * @param nanos how long to wait at most: 0 polls without blocking, a negative value waits
     *     until an event or {@link #wakeup()}
     * @return the number of channels that had events
     */
    public int turn(long nanos) {
        if (closed) {
            return 0;
        }
        int n;
        turnLock.lock();
        try {
            if (nanos == 0) {
                n = selector.selectNow(dispatch);
            } else {
                long ms = nanos < 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
                selecting = true; // volatile: an interest change after this read wakes us (class notes)
                try {
                    n = selector.select(dispatch, ms);
                } finally {
                    selecting = false;
                }
            }
        } catch (ClosedSelectorException e) {
            return 0;
        } catch (IOException | RuntimeException e) {
            // never let a driver fault kill the worker that drives: log it and go on
            LOG.log(Level.WARNING, "the I/O driver's select failed; retrying on the next turn", e);
            return 0;
        } finally {
            turnLock.unlock();
        }
        events += n; // one writer: turn() is called by the driving thread only
        return n;
    }

    private static void dispatch(SelectionKey key) {
        int ops;
        try {
            ops = key.readyOps();
        } catch (CancelledKeyException e) {
            return; // closed by another thread during this select: close() woke its waiters
        }
        ((Registration) key.attachment()).onReady(ops);
    }

    /** Makes a blocked (or the next) {@link #turn} return at once. Any thread. */
    public void wakeup() {
        selector.wakeup();
    }

    /** An interest change from a thread that is not in select: wake the select to apply it. */
    void onInterestChanged() {
        if (selecting) { // volatile: pairs with the write before select (class notes)
            selector.wakeup();
        }
    }

    /** A key was cancelled: flush it now so its descriptor closes (class notes). */
    void onDeregistered() {
        registrations.decrementAndGet();
        if (Thread.currentThread().isVirtual() || turnLock.isHeldByCurrentThread() || !turnLock.tryLock()) {
            // A coroutine never selects (class notes), and a driver in select flushes cancelled
            // keys as its select returns: wake it if it is blocked there.
            if (selecting) {
                selector.wakeup();
            }
            return;
        }
        try {
            if (!closed) {
                selector.selectNow(dispatch);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "flushing a closed channel failed", e);
        } finally {
            turnLock.unlock();
        }
    }

    /** @return the number of open registrations */
    public int registrations() {
        return registrations.get();
    }

    /** @return channels with events dispatched by {@link #turn} so far; any thread */
    public long events() {
        return events;
    }

    /** @return whether {@link #close()} was called */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Shuts the driver down: every registration still open fails its waiting and later
     * operations with an {@link IOException}; channels are closed.
     */
    public void close() {
        closed = true;
        for (SelectionKey key : selector.keys().toArray(SelectionKey[]::new)) {
            if (key.attachment() instanceof Registration reg) {
                reg.close();
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing the I/O driver's selector failed", e);
        }
    }

    static IOException shutDown() {
        return new IOException("the runtime's I/O driver is shut down");
    }
}
