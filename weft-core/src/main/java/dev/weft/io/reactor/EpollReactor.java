package dev.weft.io.reactor;

import dev.weft.future.internal.SeededRandom;
import dev.weft.io.reactor.linux.ChannelFds;
import dev.weft.io.reactor.linux.EpollEvents;
import dev.weft.io.reactor.linux.Syscalls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Linux I/O driver: an epoll instance called through the FFM API (no {@code Selector}, no
 * selection keys, no JNI library), an eventfd to wake it, and {@link EpollRegistration}s whose
 * reads and writes go straight between the caller's buffer and the socket's descriptor. The
 * contract is {@link Reactor}'s; sockets are still opened, connected, accepted and closed by
 * their NIO channels.
 */
final class EpollReactor extends Reactor {
    /*
     * Implementation notes.
     *
     * No commands. epoll_ctl is a system call with no Java lock, safe while another thread is in
     * epoll_wait, so registering and closing are done by the thread that asks (a coroutine
     * included), not queued for the driving thread as NioReactor must.
     *
     * Events. A registration's user data is its token, serial << 32 | fd; the driver finds the
     * registration in the FdTable by fd and drops the event if the token differs (closed, or the
     * fd reused since the events were read). WAKE is the eventfd's token.
     *
     * Waking the driver: wakeup() sets `wakeRequested`, then writes the eventfd unless a write
     * is already unread (`wakePending`). The eventfd is level-triggered, so an unread count makes
     * every epoll_wait return until the driver reads it; the driver clears wakePending only after
     * that read (a write it would miss is covered by wakeRequested). A turn(0) may read the
     * count, so a blocking turn first consumes wakeRequested and does not block if it was set
     * (as NioReactor does after a selectNow).
     *
     * The epoll instance's lifetime. Descriptors of the epoll instance and eventfd, and the
     * native memory of the arena, are used outside turnLock: by registrations (epoll_ctl) and
     * by wakeup(). `refs` counts their users: 1 for the reactor until close(), 1 per live
     * registration, 1 per wake-up in progress; the last one out closes them, so no system call
     * ever meets a number closed (and perhaps reused) under it.
     *
     * A virtual driving thread (a current-thread runtime blocked on from a virtual thread)
     * blocks in epoll_wait pinned to its carrier; it waits in slices of VIRTUAL_SLICE_MS and
     * yields between them, so other virtual threads get the carrier.
     */

    private static final System.Logger LOG = System.getLogger("dev.weft.io");
    private static final long WAKE = -1L;
    private static final int MAX_EVENTS = 1024;
    private static final int VIRTUAL_SLICE_MS = 10;
    private static final int INTEREST = Syscalls.EPOLLIN | Syscalls.EPOLLOUT | Syscalls.EPOLLRDHUP | Syscalls.EPOLLET;
    private static final VarHandle REFS;
    private static final String UNAVAILABLE;

    static {
        try {
            REFS = MethodHandles.lookup().findVarHandle(EpollReactor.class, "refs", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        String why = Syscalls.unavailableReason();
        if (why == null) {
            why = ChannelFds.unavailableReason();
        }
        UNAVAILABLE = why;
        if (why != null) {
            LOG.log(Level.DEBUG, "the epoll I/O driver is not available, NIO is used: {0}", why);
        }
    }

    private final int epfd;
    private final int wakeFd;
    private final Arena arena;
    private final EpollEvents ready;
    /** errno of the driving thread's calls (under turnLock). */
    private final MemorySegment turnState;
    /** 8 bytes holding 1: what a wake-up writes. Read-only after construction. */
    private final MemorySegment wakeValue;
    /** errno of wake-ups, from any thread at once: written, never read. */
    private final MemorySegment wakeState;
    /** Ends a blocking wait when the waiting thread is interrupted; replaced once spent (under turnLock). */
    private InterruptWake interruptWake = new InterruptWake(this::wakeup);
    /** 8 bytes the driver reads the eventfd's count into (under turnLock). */
    private final MemorySegment wakeDrain;
    private final FdTable table = new FdTable();
    private final AtomicInteger serials = new AtomicInteger();
    /** A wake-up was asked and no blocking turn has begun since: the next one must not block. */
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    /** A wake-up's eventfd write is unread: later wake-ups need not write. */
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private final ReentrantLock turnLock = new ReentrantLock();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Users of the epoll instance: see the notes. */
    @SuppressWarnings("unused") // accessed through REFS
    private volatile int refs = 1;
    /** Written by the driving thread under turnLock; read by metrics on any thread. */
    private volatile long events;
    /** Channels (and the wake-up) dispatched in the current turn; driving thread only. */
    private int dispatched;
    /** Collects one turn's ready channels in seeded order (deterministic runtime), or null. */
    private final SeededReady seeded;
    /** Registrations made, for {@link Registration#order} on a seeded reactor. */
    private final AtomicLong registered = new AtomicLong();

    private EpollReactor(int epfd, int wakeFd, Arena arena, SeededRandom readyOrder) {
        this.epfd = epfd;
        this.wakeFd = wakeFd;
        this.arena = arena;
        this.ready = new EpollEvents(arena, MAX_EVENTS);
        this.turnState = Syscalls.newCallState(arena);
        this.wakeValue = arena.allocate(ValueLayout.JAVA_LONG);
        this.wakeValue.set(ValueLayout.JAVA_LONG, 0, 1L);
        this.wakeDrain = arena.allocate(ValueLayout.JAVA_LONG);
        this.wakeState = Syscalls.newCallState(arena);
        this.seeded = readyOrder == null ? null : new SeededReady(readyOrder);
    }

    /** @return why this driver cannot run in this JVM, or null if it can */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * @param readyOrder the seeded stream of a deterministic runtime, or null
     * @return a new driver with its own epoll instance
     * @throws IllegalStateException if the driver is not available here
     * @throws UncheckedIOException if the OS refuses the descriptors
     */
    static EpollReactor create(SeededRandom readyOrder) {
        if (UNAVAILABLE != null) {
            throw new IllegalStateException("the epoll I/O driver is not available: " + UNAVAILABLE);
        }
        int epfd = -1;
        int wakeFd = -1;
        Arena arena = Arena.ofShared();
        try {
            epfd = Syscalls.epollCreate();
            wakeFd = Syscalls.eventfd();
            EpollReactor r = new EpollReactor(epfd, wakeFd, arena, readyOrder);
            EpollEvents one = new EpollEvents(arena, 1);
            one.set(0, Syscalls.EPOLLIN, WAKE); // level-triggered: an unread count keeps waking
            int err = Syscalls.epollCtl(epfd, Syscalls.EPOLL_CTL_ADD, wakeFd, one.segment(), r.turnState);
            if (err != 0) {
                throw Syscalls.error("epoll_ctl", err);
            }
            return r;
        } catch (IOException e) {
            if (wakeFd >= 0) {
                Syscalls.close(wakeFd);
            }
            if (epfd >= 0) {
                Syscalls.close(epfd);
            }
            arena.close();
            throw new UncheckedIOException("could not open the epoll I/O driver", e);
        }
    }

    @Override
    public boolean isEpoll() {
        return true;
    }

    /** {@inheritDoc} The descriptor joins the epoll set at once, for good: see EpollRegistration. */
    @Override
    public Registration register(SelectableChannel channel, int readOp, int writeOp) throws IOException {
        if (closed.get()) { // volatile read: the quick refusal; the re-check below is the one that counts
            throw shutDown();
        }
        channel.configureBlocking(false);
        int fd = ChannelFds.fdOf(channel);
        if (!acquire()) {
            throw shutDown();
        }
        Arena mem = Arena.ofAuto(); // freed by the GC with the registration
        long stateSize = Syscalls.callStateSize();
        MemorySegment block = mem.allocate(2 * stateSize + EpollEvents.SIZE, 8);
        MemorySegment readState = block.asSlice(0, stateSize);
        long token = (long) serials.incrementAndGet() << 32 | (fd & 0xffff_ffffL);
        EpollRegistration reg = new EpollRegistration(this, channel, fd, token,
                seeded == null ? 0 : registered.incrementAndGet(), readState, block.asSlice(stateSize, stateSize));
        EpollEvents event = new EpollEvents(block.asSlice(2 * stateSize, EpollEvents.SIZE));
        event.set(0, writeOp == 0 ? INTEREST & ~Syscalls.EPOLLOUT : INTEREST, token);
        table.put(fd, reg); // before the add: its first event may be reported at once
        int err = Syscalls.epollCtl(epfd, Syscalls.EPOLL_CTL_ADD, fd, event.segment(), readState);
        if (err != 0) {
            table.remove(fd, reg);
            release();
            throw Syscalls.error("epoll_ctl", err);
        }
        onRegistered();
        if (closed.get()) { // volatile read after the put: close() sets it before its sweep, so one sees the other
            reg.close();
            throw shutDown();
        }
        return reg;
    }

    /**
     * Removes a closed registration's descriptor from the epoll set and the table, before its
     * channel closes it. Called once per registration, by whichever thread finishes its close.
     */
    void deregister(EpollRegistration reg, MemorySegment state) {
        Syscalls.epollCtl(epfd, Syscalls.EPOLL_CTL_DEL, reg.fd, MemorySegment.NULL, state); // failures: nothing to undo
        table.remove(reg.fd, reg);
        release();
    }

    @Override
    public int turn(long nanos) {
        if (closed.get()) { // volatile read: a closed driver does nothing
            return 0;
        }
        int n;
        boolean yieldAfter = false;
        turnLock.lock();
        try {
            if (closed.get()) { // again under turnLock: close() sets it, then waits for this lock
                return 0;
            }
            int timeout;
            if (nanos == 0 || wakeRequested.getAndSet(false)) { // volatile: pairs with wakeup()'s set
                timeout = 0; // a poll, or a wake-up came (maybe eaten by a poll): see the notes
            } else {
                long ms = Math.max(1, nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1)); // rounded up
                timeout = nanos < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, ms);
                if (Thread.currentThread().isVirtual() && (timeout < 0 || timeout > VIRTUAL_SLICE_MS)) {
                    timeout = VIRTUAL_SLICE_MS; // pinned while blocked: see the notes
                    yieldAfter = true;
                }
            }
            dispatched = 0;
            int count;
            if (timeout == 0) {
                count = Syscalls.epollWait(epfd, ready.segment(), ready.capacity(), 0, turnState);
            } else {
                InterruptWake iw = interruptWake;
                iw.enter(); // an interrupt of this thread ends the wait, as it ends a selector's
                try {
                    count = Syscalls.epollWait(epfd, ready.segment(), ready.capacity(), timeout, turnState);
                } finally {
                    if (!iw.exit()) {
                        interruptWake = new InterruptWake(this::wakeup); // that one is spent
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                dispatch(ready.events(i), ready.data(i));
            }
            if (seeded != null) {
                seeded.wakeAll();
            }
            n = dispatched;
        } catch (IOException | RuntimeException e) {
            // never let a driver fault kill the worker that drives: log it and go on
            LOG.log(Level.WARNING, "the I/O driver's epoll_wait failed; retrying on the next turn", e);
            return 0;
        } finally {
            turnLock.unlock();
        }
        events += n; // one writer: turn() is called by the driving thread only
        if (yieldAfter && n == 0) {
            Thread.yield();
        }
        return n;
    }

    private void dispatch(int evts, long data) {
        if (data == WAKE) {
            dispatched++; // someone asked the driving thread to look again
            drainWake();
            return;
        }
        EpollRegistration reg = table.get((int) data);
        if (reg == null || reg.token != data) {
            return; // closed since the event was read (or its fd reused): the close woke its waiters
        }
        dispatched++;
        if (seeded != null) {
            seeded.add(reg, EpollRegistration.bits(evts)); // woken after the wait, in seeded order
            return;
        }
        reg.onReady(EpollRegistration.bits(evts));
    }

    private void drainWake() {
        Syscalls.read(wakeFd, wakeDrain, 8, turnState); // resets the count; EAGAIN if another turn read it
        // After the read, not before: a write between a reset and the read would leave
        // wakePending set with a zero count, and every later wake-up would be lost.
        wakePending.set(false); // volatile: after the read, pairs with wakeup()'s CAS
    }

    @Override
    public void wakeup() {
        wakeRequested.set(true); // before the signal: a turn(0) that eats the signal leaves this
        if (!wakePending.compareAndSet(false, true)) { // volatile CAS: pairs with drainWake()'s reset
            return; // an unread write will end the wait
        }
        if (!acquire()) {
            return; // closed: nobody to wake
        }
        try {
            // a failure (none expected) only costs this signal; wakeRequested still stands
            if (Syscalls.write(wakeFd, wakeValue, 8, wakeState) < 0) {
                wakePending.set(false);
            }
        } finally {
            release();
        }
    }

    @Override
    public long events() {
        return events;
    }

    @Override
    public boolean isClosed() {
        return closed.get(); // volatile read: pairs with close()'s getAndSet
    }

    /**
     * {@inheritDoc} Every registration is closed, whether or not it ever waited; a descriptor
     * whose read or write is in flight on another thread is closed when that call returns.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) { // volatile: before the wake-up and the sweep; once
            return;
        }
        wakeup(); // a blocked turn returns and lets go of turnLock
        turnLock.lock();
        try {
            for (EpollRegistration reg : table.snapshot()) {
                reg.close();
            }
        } finally {
            turnLock.unlock();
        }
        release(); // the reactor's own reference: see the notes
    }

    /** @return whether the epoll instance is still open; then it stays open until {@link #release()} */
    private boolean acquire() {
        for (;;) {
            int r = (int) REFS.getVolatile(this); // volatile read: pairs with release()'s decrement
            if (r == 0) {
                return false;
            }
            if (REFS.compareAndSet(this, r, r + 1)) { // volatile CAS: the last release() sees this user
                return true;
            }
        }
    }

    private void release() {
        if ((int) REFS.getAndAdd(this, -1) == 1) { // volatile: every user's calls precede the closing
            Syscalls.close(wakeFd);
            Syscalls.close(epfd);
            arena.close();
        }
    }
}
