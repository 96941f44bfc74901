package dev.weft.io.reactor;

import dev.weft.io.reactor.linux.Syscalls;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;

/**
 * A channel's registration with an {@link EpollReactor}: its descriptor is in the epoll set
 * from registration to close, edge-triggered, for both directions; stream reads and writes are
 * system calls on the descriptor, straight into the caller's buffer.
 */
final class EpollRegistration extends Registration {
    /*
     * Implementation notes.
     *
     * Interest. The descriptor is added once (EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET) and
     * never modified: with edge triggering the kernel reports each new arrival of data or
     * space once, and the readiness bits of Registration remember it until an operation meets
     * "would block" (Tokio's scheme). So the hooks for interest do nothing, a busy connection
     * costs no epoll_ctl, and an idle one costs no repeated reports.
     *
     * The descriptor's lifetime. The channel owns the descriptor and closes it, but reads and
     * writes here use the number directly, so closing must wait for a system call in flight
     * on another thread: a descriptor closed and reused meanwhile would take another file's
     * bytes. `use` counts the calls in flight (users << 1) and holds RELEASED (bit 0) once
     * the registration is closed. A call enters only while RELEASED is clear; whoever sees
     * RELEASED with no user left (release() itself, or the last call to exit) finishes the
     * close, exactly once: it removes the descriptor from epoll, forgets it in the table, and
     * only then closes the channel (so the number cannot be reused while it is still watched).
     *
     * Buffers. MemorySegment.ofBuffer gives the buffer's remaining bytes as a segment: native
     * for a direct buffer, the backing array for a heap one, which the critical downcalls of
     * read and write take without a copy. C2 removes the segment object (no allocation per
     * call, measured). Each direction has its own errno segment, since a reader and a writer
     * may call at the same time.
     */

    private static final VarHandle USE;
    private static final int RELEASED = 1;
    private static final int USER = 2;

    static {
        try {
            USE = MethodHandles.lookup().findVarHandle(EpollRegistration.class, "use", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EpollReactor reactor;
    private final SelectableChannel channel;
    final int fd;
    /** The epoll user data of this registration: serial << 32 | fd (a reused fd gets a new serial). */
    final long token;
    private final MemorySegment readState;
    private final MemorySegment writeState;
    /** The segment of the last read's and the last write's buffer region (see {@link BufferSegment}); reader-only and writer-only. */
    private BufferSegment lastRead;
    private BufferSegment lastWrite;
    /** users << 1 | RELEASED; see the notes. */
    @SuppressWarnings("unused") // accessed through USE
    private volatile int use;

    EpollRegistration(EpollReactor reactor, SelectableChannel channel, int fd, long token, long order,
            MemorySegment readState, MemorySegment writeState) {
        super(reactor, order);
        this.reactor = reactor;
        this.channel = channel;
        this.fd = fd;
        this.token = token;
        this.readState = readState;
        this.writeState = writeState;
    }

    @Override
    public SelectableChannel channel() {
        return channel;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("Read-only buffer");
        }
        int len = dst.remaining();
        if (len == 0) {
            return 0;
        }
        enter();
        try {
            for (;;) {
                long n = Syscalls.read(fd, readSegment(dst), len, readState);
                if (n > 0) {
                    dst.position(dst.position() + (int) n);
                    return (int) n;
                }
                if (n == 0) {
                    return -1; // end of stream
                }
                if (n == -Syscalls.EAGAIN) {
                    return 0;
                }
                if (n != -Syscalls.EINTR) {
                    throw Syscalls.error("read", (int) -n);
                }
            }
        } finally {
            exit();
        }
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        enter();
        try {
            for (;;) {
                long n = Syscalls.write(fd, writeSegment(src), len, writeState);
                if (n >= 0) {
                    src.position(src.position() + (int) n);
                    return (int) n;
                }
                if (n == -Syscalls.EAGAIN) {
                    return 0;
                }
                if (n != -Syscalls.EINTR) {
                    throw Syscalls.error("write", (int) -n);
                }
            }
        } finally {
            exit();
        }
    }

    /** {@return the segment of {@code dst}'s region, the last read's if the region is the same} */
    private MemorySegment readSegment(ByteBuffer dst) {
        BufferSegment e = lastRead; // one read of the reference: the entry is immutable
        if (e == null || !e.covers(dst)) {
            lastRead = e = BufferSegment.of(dst);
        }
        return e.segment();
    }

    /** {@return the segment of {@code src}'s region, the last write's if the region is the same} */
    private MemorySegment writeSegment(ByteBuffer src) {
        BufferSegment e = lastWrite; // one read of the reference: the entry is immutable
        if (e == null || !e.covers(src)) {
            lastWrite = e = BufferSegment.of(src);
        }
        return e.segment();
    }

    /** Counts a system call in; fails if the registration is closed. */
    private void enter() throws IOException {
        for (;;) {
            int u = (int) USE.getVolatile(this); // volatile read: pairs with release()'s getAndBitwiseOr
            if ((u & RELEASED) != 0) {
                throw closedError();
            }
            if (USE.compareAndSet(this, u, u + USER)) { // volatile CAS: a later release() sees this user
                return;
            }
        }
    }

    /** Counts a system call out; the last one out after a close finishes it. */
    private void exit() {
        int u = (int) USE.getAndAdd(this, -USER) - USER; // volatile: orders the call before a finish on any thread
        if (u == RELEASED) {
            finish();
        }
    }

    @Override
    void release() {
        int u = (int) USE.getAndBitwiseOr(this, RELEASED); // volatile: no user enters after this
        if (u == 0) {
            finish();
        }
    }

    /** The registration is closed and no call is in flight: see the notes. Exactly once. */
    private void finish() {
        reactor.deregister(this, readState);
        try {
            channel.close();
        } catch (IOException ignored) {
            // the descriptor is gone either way; nobody is left to tell
        }
    }

    @Override
    boolean waiting(int dir) {
        return false; // registered for both directions once: see the notes
    }

    @Override
    boolean eventCame(int bits, boolean readWaiter) {
        return false;
    }

    @Override
    void updateInterest() {
        // never asked: waiting() and eventCame() return false
    }

    /**
     * The readiness that epoll events give, with mio's rules for the final states: read closed
     * on a hang-up or on readable with the peer's close; write closed on a hang-up, on an error
     * with writable, or on an error alone.
     *
     * @param events epoll event bits
     * @return {@link #READ}/{@link #WRITE} bits, and {@link #READ_CLOSED}/{@link #WRITE_CLOSED}
     */
    static int bits(int events) {
        int bits = 0;
        boolean in = (events & Syscalls.EPOLLIN) != 0;
        boolean out = (events & Syscalls.EPOLLOUT) != 0;
        boolean hup = (events & Syscalls.EPOLLHUP) != 0;
        boolean err = (events & Syscalls.EPOLLERR) != 0;
        if (in || hup || err || (events & (Syscalls.EPOLLPRI | Syscalls.EPOLLRDHUP)) != 0) {
            bits |= READ;
        }
        if (out || hup || err) {
            bits |= WRITE;
        }
        if (hup || (in && (events & Syscalls.EPOLLRDHUP) != 0)) {
            bits |= READ_CLOSED;
        }
        if (hup || (err && out) || events == Syscalls.EPOLLERR) {
            bits |= WRITE_CLOSED;
        }
        return bits;
    }
}
