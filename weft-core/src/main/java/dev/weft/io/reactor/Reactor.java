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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The I/O driver of one runtime: a NIO {@link Selector} (epoll on Linux, kqueue on macOS) and
 * the {@link Registration}s of the channels that use it.
 *
 * <p>Which thread does what. There is no reactor thread: the runtime's scheduler calls
 * {@link #turn} from the thread that parks (a worker holding the driver lock, or the thread
 * of a current-thread runtime), so a ready socket wakes its task on that thread. Busy workers
 * call {@code turn(0)} now and then so I/O is not starved by a long run of tasks. Registering,
 * arming interest and closing may be asked from any thread; the selector work they need is
 * done by the driving thread (see the notes).
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
     * Seeded order (deterministic runtime). The selector reports ready keys in the kernel's
     * order. With a readyOrder, dispatch only collects the ready keys of one turn; then they are
     * sorted by registration order (stable across runs of one single-threaded program) and
     * shuffled with the seed before their wakers are woken, so the wake-ups of one turn follow
     * the seed. Which channels are ready in one turn still depends on the kernel's timing.
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
    private final ConcurrentLinkedQueue<Registration> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger registrations = new AtomicInteger();
    /** Held around every select and every application of queued commands. */
    private final ReentrantLock turnLock = new ReentrantLock();
    /** True while the driver is in (or entering) a blocking select: see the notes. */
    private volatile boolean selecting;
    private volatile boolean closed;
    /** Written by the driving thread under turnLock; read by metrics on any thread. */
    private volatile long events;
    /** Channels (and the wake pipe) dispatched in the current turn; driving thread only. */
    private int dispatched;

    /** Orders the ready channels of one turn (deterministic runtime), or null: the selector's order. */
    private final SeededRandom readyOrder;
    /** Ready registrations of this turn, collected when readyOrder is set; driving thread only. */
    private final ArrayList<Registration> readyRegs;
    private final ArrayList<Integer> readyOps;
    /** Registrations made, for {@link Registration#order} on a seeded reactor. */
    private final AtomicLong registered = new AtomicLong();

    private Reactor(Selector selector, Pipe wakePipe, SeededRandom readyOrder) {
        this.selector = selector;
        this.wakePipe = wakePipe;
        this.readyOrder = readyOrder;
        this.readyRegs = readyOrder == null ? null : new ArrayList<>();
        this.readyOps = readyOrder == null ? null : new ArrayList<>();
    }

    /**
     * @return a new driver with its own selector
     * @throws UncheckedIOException if the OS refuses a selector (out of file descriptors)
     */
    public static Reactor open() {
        return open(null);
    }

    /**
     * A driver that wakes the channels found ready in one turn in an order drawn from
     * {@code readyOrder} (the deterministic runtime; see the notes).
     *
     * @param readyOrder the seeded stream, or null for the selector's order
     * @return a new driver with its own selector
     * @throws UncheckedIOException if the OS refuses a selector (out of file descriptors)
     */
    public static Reactor open(SeededRandom readyOrder) {
        try {
            Selector sel = Selector.open();
            Pipe pipe = Pipe.open();
            pipe.source().configureBlocking(false);
            pipe.sink().configureBlocking(false);
            Reactor r = new Reactor(sel, pipe, readyOrder);
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

    /**
     * Makes {@code channel} non-blocking and gives it a registration. The selector learns of
     * it only when an operation first has to wait.
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
        registrations.incrementAndGet();
        return new Registration(this, channel, readOp, writeOp, readyOrder == null ? 0 : registered.incrementAndGet());
    }

    /**
     * Waits for I/O events and wakes the tasks of the ready channels. Called only by the thread
     * that holds the right to drive (see the class notes).
     *
     * @param nanos how long to wait at most: 0 polls without blocking, a negative value waits
     *     until an event or {@link #wakeup()}
     * @return the number of channels that had events, plus one if a coroutine's wake-up was
     *     read: 0 means nothing happened, so nobody is waiting for this thread to look again
     */
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
            if (readyOrder != null) {
                wakeSeeded();
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
        if (readyOrder != null) {
            readyRegs.add((Registration) att); // woken after the select, in seeded order
            readyOps.add(ops);
            return;
        }
        ((Registration) att).onReady(ops);
    }

    /** Wakes the ready channels collected in this turn: see the notes (seeded order). */
    private void wakeSeeded() {
        int n = readyRegs.size();
        if (n == 0) {
            return;
        }
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingLong(i -> readyRegs.get(i).order));
        List<Integer> order = Arrays.asList(idx); // a view: swaps shuffle idx
        for (int i = n - 1; i > 0; i--) {
            Collections.swap(order, i, readyOrder.nextInt(i + 1));
        }
        try {
            for (int i : idx) {
                readyRegs.get(i).onReady(readyOps.get(i));
            }
        } finally {
            readyRegs.clear();
            readyOps.clear();
        }
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
        Registration reg;
        while ((reg = pending.poll()) != null) {
            closedSome |= reg.apply(selector);
        }
        return closedSome;
    }

    /**
     * Queues {@code reg}'s change of interest or close for the driving thread. A platform
     * thread applies it at once when no select is running; a coroutine never does (notes).
     */
    void submit(Registration reg) {
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

    /** Makes a blocked (or the next) {@link #turn} return at once. Any thread. */
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

    void onDeregistered() {
        registrations.decrementAndGet();
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
     * Shuts the driver down: every registration with a key fails its waiting and later
     * operations with an {@link IOException}, and its channel is closed. Called by the runtime
     * after its tasks ended, on a platform thread.
     */
    public void close() {
        closed = true;
        turnLock.lock();
        try {
            applyPending();
            for (SelectionKey key : selector.keys().toArray(SelectionKey[]::new)) {
                if (key.attachment() instanceof Registration reg) {
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

    static IOException shutDown() {
        return new IOException("the runtime's I/O driver is shut down");
    }
}
