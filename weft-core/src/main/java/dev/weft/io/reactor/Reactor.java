package dev.weft.io.reactor;

import dev.weft.future.internal.SeededRandom;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The I/O driver of one runtime: it turns the OS's readiness reports into wake-ups of the tasks
 * waiting on {@link Registration}s. Two implementations keep one contract: {@link NioReactor}
 * (a NIO {@code Selector}: epoll on Linux, kqueue on macOS; portable) and {@link EpollReactor}
 * (Linux epoll called through the FFM API, reads and writes straight to the descriptor).
 *
 * <p>Which thread does what. There is no reactor thread: the runtime's scheduler calls
 * {@link #turn} from the thread that parks (a worker holding the driver lock, or the thread
 * of a current-thread runtime), so a ready socket wakes its task on that thread. Busy workers
 * call {@code turn(0)} now and then so I/O is not starved by a long run of tasks. Registering,
 * waiting, closing and {@link #wakeup()} may come from any thread, coroutines included.
 *
 * {@snippet :
 * Reactor io = Reactor.open();
 * Registration reg = io.register(channel, SelectionKey.OP_READ, SelectionKey.OP_WRITE);
 * // the loop of the thread that parks:
 * io.turn(nanosUntilNextTimer);   // blocks until events, wakes the tasks whose channel is ready
 * // another thread with new work for the parked one:
 * io.wakeup();
 * }
 */
public abstract sealed class Reactor permits NioReactor, EpollReactor {
    private final AtomicInteger registrations = new AtomicInteger();

    Reactor() {
    }

    /**
     * @return a new NIO driver with its own selector
     * @throws UncheckedIOException if the OS refuses a selector (out of file descriptors)
     */
    public static Reactor open() {
        return NioReactor.create(null);
    }

    /**
     * A NIO driver that wakes the channels found ready in one turn in an order drawn from
     * {@code readyOrder} (the deterministic runtime; see {@link SeededReady}).
     *
     * @param readyOrder the seeded stream, or null for the selector's order
     * @return a new driver with its own selector
     * @throws UncheckedIOException if the OS refuses a selector (out of file descriptors)
     */
    public static Reactor open(SeededRandom readyOrder) {
        return NioReactor.create(readyOrder);
    }

    /**
     * Opens the native epoll driver (Linux, with native access).
     *
     * @param readyOrder the seeded stream of a deterministic runtime, or null
     * @return a new epoll driver
     * @throws IllegalStateException if epoll cannot run here ({@link #epollUnavailableReason})
     * @throws UncheckedIOException if the OS refuses the driver its descriptors
     */
    public static Reactor openEpoll(SeededRandom readyOrder) {
        return EpollReactor.create(readyOrder);
    }

    /** {@return why the epoll driver cannot run in this JVM, or null if it can} */
    public static String epollUnavailableReason() {
        return EpollReactor.unavailableReason();
    }

    /** {@return whether this is the epoll driver (else the NIO selector)} */
    public abstract boolean isEpoll();

    /**
     * Makes {@code channel} non-blocking and gives it a registration.
     *
     * @param channel an open channel
     * @param readOp the interest op of the read direction ({@code OP_READ}, {@code OP_ACCEPT}), or 0
     * @param writeOp the interest op of the write direction ({@code OP_WRITE}, {@code OP_CONNECT}), or 0
     * @return the registration; close it to deregister and close the channel
     * @throws IOException if the channel is closed or the driver is shut down
     */
    public abstract Registration register(SelectableChannel channel, int readOp, int writeOp) throws IOException;

    /**
     * Waits for I/O events and wakes the tasks of the ready channels. Called only by the thread
     * that holds the right to drive (see the class notes).
     *
     * @param nanos how long to wait at most: 0 polls without blocking, a negative value waits
     *     until an event or {@link #wakeup()}; it may return earlier
     * @return the number of channels that had events, plus one if a wake-up was read: 0 means
     *     nothing happened, so nobody is waiting for this thread to look again
     */
    public abstract int turn(long nanos);

    /** Makes a blocked (or the next) {@link #turn} return at once. Any thread. */
    public abstract void wakeup();

    /** @return the number of open registrations */
    public final int registrations() {
        return registrations.get();
    }

    /** @return channels with events dispatched by {@link #turn} so far; any thread */
    public abstract long events();

    /** @return whether {@link #close()} was called */
    public abstract boolean isClosed();

    /**
     * Shuts the driver down: registrations fail their waiting and later operations with an
     * {@link IOException}, and their channels are closed. Called by the runtime after its tasks
     * ended, on a platform thread.
     */
    public abstract void close();

    final void onRegistered() {
        registrations.incrementAndGet();
    }

    final void onDeregistered() {
        registrations.decrementAndGet();
    }

    static IOException shutDown() {
        return new IOException("the runtime's I/O driver is shut down");
    }
}
