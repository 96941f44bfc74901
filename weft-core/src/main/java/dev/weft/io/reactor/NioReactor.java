package dev.weft.io.reactor;

import dev.weft.future.internal.SeededRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The portable I/O driver: a NIO {@link Selector} (epoll on Linux, kqueue on macOS) and the
 * {@link NioRegistration}s of the channels that use it. Registering, arming interest and
 * closing may be asked from any thread; the selector work they need is done by the driving
 * thread (see the notes). The contract is {@link Reactor}'s.
 */
final class NioReactor extends Reactor {
    /*
     * Implementation notes.
     *
     * Coroutines never touch the selector. Inside select the driving thread takes the JDK's
     * selector locks (the update queue, the cancelled-key queue, the wakeup lock, a channel's
     * state lock in kill()). A coroutine is a virtual thread on this runtime's workers: if it
     * blocks on one of those locks it unmounts, and the lock's next owner may be a virtual
     * thread that only a worker stuck behind it could run — a deadlock the churn test found.
     * So registering a channel with the selector, changing its interest and cancelling its key
     * are commands: a Registration queues itself (once, flag `queued`) on `pending`, and the
     * driving thread applies the queue under turnLock before every select. A platform thread
     * that can take turnLock applies the queue itself at once. Keys are created lazily, on the
     * first interest: a connection that never has to wait costs the selector nothing.
     *
     * Waking the driver. The scheduler calls wakeup() only when its own parked flag says the
     * driver may be in select. A selectNow (a busy worker's poll, a platform thread flushing a
     * close) clears the JDK's wake-up and may read the pipe's byte, so a wake-up is also
     * recorded in `wakeRequested`, which only the next blocking turn clears: it then polls
     * instead of blocking. From a platform thread that is Selector.wakeup(); from a
     * virtual thread it is one byte written to a self-pipe registered with the selector (at
     * most one byte in flight, flag `pipeFull`), so no coroutine takes the selector's wakeup
     * lock either. A wakeup that comes before select begins makes that select return at once.
     *
     * Queued commands and a blocked select. The driver writes `selecting` (volatile) before it
     * drains `pending`; a submitter adds to `pending` before it reads `selecting`. One of them
     * sees the other: either the driver drains the command, or the submitter wakes the select.
     *
     * Closing. The JDK closes a registered channel's descriptor only when a select deregisters
     * its key. A close applied by a platform thread that holds turnLock flushes at once with a
     * selectNow, so the port or descriptor is free when close() returns; otherwise the driver's
     * next select flushes it (the driver is woken if it is blocked).
     *
     * Seeded order (deterministic runtime): see SeededReady.
     *
     * Dispatch uses Selector.select(Consumer, timeout): no selected-key set, no iterator, and
     * the consumer is one field, so a turn allocates nothing.
     */

    private static final System.Logger LOG = System.getLogger("dev.weft.io");

    private final Selector selector;
    private final Pipe wakePipe;
    private static final byte[] WAKE_BYTE = {1};
    private final ByteBuffer drainBuf = ByteBuffer.allocateDirect(64);
    private final AtomicBoolean pipeFull = new AtomicBoolean();
    /** A wake-up was asked and no blocking select has begun since: the next one must not block. */
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private final Consumer<SelectionKey> dispatch = this::dispatch;
    private final ConcurrentLinkedQueue<NioRegistration> pending = new ConcurrentLinkedQueue<>();
    /** Held around every select and every application of queued commands. */
    private final ReentrantLock turnLock = new ReentrantLock();
    /** True while the driver is in (or entering) a blocking select: see the notes. */
    private volatile boolean selecting;
    private volatile boolean closed;
    /** Written by the driving thread under turnLock; read by metrics on any thread. */
    private volatile long events;
    /** Channels (and the wake pipe) dispatched in the current turn; driving thread only. */
    private int dispatched;

    /** Collects one turn's ready channels in seeded order (deterministic runtime), or null. */
    private final SeededReady seeded;
    /** Registrations made, for {@link Registration#order} on a seeded reactor. */
    private final AtomicLong registered = new AtomicLong();

    private NioReactor(Selector selector, Pipe wakePipe, SeededRandom readyOrder) {
        this.selector = selector;
        this.wakePipe = wakePipe;
        this.seeded = readyOrder == null ? null : new SeededReady(readyOrder);
    }

    /**
     * A driver that wakes the channels found ready in one turn in an order drawn from
     * {@code readyOrder} (the deterministic runtime; see {@link SeededReady}).
     *
     * @param readyOrder the seeded stream, or null for the selector's order
     * @return a new driver with its own selector
     * @throws UncheckedIOException if the OS refuses a selector (out of file descriptors)
     */
    static NioReactor create(SeededRandom readyOrder) {
        try {
            Selector sel = Selector.open();
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
            NioReactor r = new NioReactor(sel, pipe, readyOrder);
            pipe.source().register(sel, SelectionKey.OP_READ, r.wakePipe);
            // The JVM's first select initializes sun.nio.ch.Net (address and socket-option tables:
            // 5-7 ms measured); done here, on the building thread, it does not delay the first
            // park of the worker that the runtime's first tasks wait for.
            sel.selectNow(key -> { }); // nothing is ready yet: no key to dispatch
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the I/O driver's selector", e);
        }
    }

    @Override
    public boolean isEpoll() {
        return false;
    }

    /** {@inheritDoc} The selector learns of the channel only when an operation first has to wait. */
    @Override
    public Registration register(SelectableChannel channel, int readOp, int writeOp) throws IOException {
        if (closed) {
            throw shutDown();
        }
        channel.configureBlocking(false);
        onRegistered();
        return new NioRegistration(this, channel, readOp, writeOp, seeded == null ? 0 : registered.incrementAndGet());
    }

    @Override
    public int turn(long nanos) {
        if (closed) {
            return 0;
        }
        int n;
        turnLock.lock();
        try {
            dispatched = 0;
            if (nanos == 0) {
                applyPending();
                selector.selectNow(dispatch);
            } else {
                long ms = nanos < 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
                selecting = true; // volatile write, then drain `pending`: see the notes
                try {
                    applyPending();
                    if (wakeRequested.getAndSet(false)) {
                        selector.selectNow(dispatch); // a wake-up came, maybe eaten by a selectNow
                    } else {
                        selector.select(dispatch, ms);
                    }
                } finally {
                    selecting = false;
                }
            }
            if (seeded != null) {
                seeded.wakeAll();
            }
            n = dispatched;
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

    private void dispatch(SelectionKey key) {
        Object att = key.attachment();
        if (att == wakePipe) {
            dispatched++; // a wake-up: someone asked the driving thread to look again
            drainWakePipe();
            return;
        }
        int ops;
        try {
            ops = key.readyOps();
        } catch (CancelledKeyException e) {
            return; // cancelled during this select: its close already woke the waiters
        }
        dispatched++;
        if (seeded != null) {
            seeded.add((Registration) att, NioRegistration.bits(ops)); // woken after the select
            return;
        }
        ((Registration) att).onReady(NioRegistration.bits(ops));
    }

    private void drainWakePipe() {
        try {
            while (true) {
                drainBuf.clear();
                if (wakePipe.source().read(drainBuf) <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "draining the wake pipe failed", e);
        }
        // After the pipe is empty, not before: a byte written after a reset but read here would
        // leave pipeFull set with nothing in the pipe, and every later wake-up would be lost. A
        // wake-up refused meanwhile is not needed: this thread is awake and re-checks its queues
        // (and `pending`) before it selects again.
        pipeFull.set(false);
    }

    /** Applies queued commands; the caller holds turnLock. */
    private boolean applyPending() {
        boolean closedSome = false;
        NioRegistration reg;
        while ((reg = pending.poll()) != null) {
            closedSome |= reg.apply(selector);
        }
        return closedSome;
    }

    /**
     * Queues {@code reg}'s change of interest or close for the driving thread. A platform
     * thread applies it at once when no select is running; a coroutine never does (notes).
     */
    void submit(NioRegistration reg) {
        if (reg.markQueued()) {
            pending.add(reg);
        }
        if (turnLock.isHeldByCurrentThread()) {
            return; // the driver itself (dispatching): applied before its next select
        }
        if (!Thread.currentThread().isVirtual() && turnLock.tryLock()) {
            try {
                if (!closed && applyPending()) {
                    selector.selectNow(dispatch); // flush cancelled keys: descriptors close now
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "applying I/O registrations failed", e);
            } finally {
                turnLock.unlock();
            }
            return;
        }
        if (selecting) { // volatile read after the add: see the notes
            wakeup();
        }
    }

    @Override
    public void wakeup() {
        wakeRequested.set(true); // before the signal: a selectNow that eats the signal leaves this
        if (!Thread.currentThread().isVirtual()) {
            selector.wakeup();
            return;
        }
        if (pipeFull.compareAndSet(false, true)) {
            try {
                // A buffer per write: the previous writer may still be updating its buffer after
                // its byte was read and pipeFull cleared, so a shared one could write nothing.
                if (wakePipe.sink().write(ByteBuffer.wrap(WAKE_BYTE)) == 0) {
                    pipeFull.set(false);
                }
            } catch (IOException e) {
                pipeFull.set(false);
                LOG.log(Level.DEBUG, "writing the wake pipe failed", e);
            }
        }
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /**
     * {@inheritDoc} Only registrations with a key (an operation waited once) are closed here;
     * the others fail their operations and close when their owner closes them.
     */
    @Override
    public void close() {
        closed = true;
        turnLock.lock();
        try {
            applyPending();
            for (SelectionKey key : selector.keys().toArray(SelectionKey[]::new)) {
                if (key.attachment() instanceof NioRegistration reg) {
                    reg.close();
                }
            }
            applyPending();
            wakePipe.sink().close();
            wakePipe.source().close();
            selector.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the I/O driver failed", e);
        } finally {
            turnLock.unlock();
        }
    }
}
