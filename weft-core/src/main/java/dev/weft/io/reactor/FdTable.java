package dev.weft.io.reactor;

import dev.weft.future.internal.ShortLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The epoll driver's registrations by file descriptor: how an event's user data (descriptor
 * and serial, see {@link EpollRegistration#token}) finds its registration without a map or an
 * allocation. Descriptors are small and dense (the kernel hands out the lowest free one), so
 * an array indexed by descriptor stays about as long as the process's open descriptors.
 *
 * <p>Threads: {@link #put} and {@link #remove} come from any thread (registering, closing) and
 * are serialized by a {@link ShortLock}; {@link #get} is the driving thread's, lock-free.
 */
final class FdTable {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(EpollRegistration[].class);

    private final ShortLock lock = new ShortLock();
    /** Replaced (grown) under the lock; volatile so get() sees the newest array. */
    private volatile EpollRegistration[] slots = new EpollRegistration[256];

    /** Publishes {@code reg} under its descriptor, before the descriptor is added to epoll. */
    void put(int fd, EpollRegistration reg) {
        lock.lock();
        try {
            EpollRegistration[] s = slots;
            if (fd >= s.length) {
                EpollRegistration[] grown = new EpollRegistration[Math.max(fd + 1, s.length * 2)];
                System.arraycopy(s, 0, grown, 0, s.length);
                slots = s = grown; // volatile write: get() reads the new array from now on
            }
            SLOT.setRelease(s, fd, reg); // release: pairs with get()'s acquire, so the driver sees a built registration
        } finally {
            lock.unlock();
        }
    }

    /** Forgets {@code reg}, if its descriptor still maps to it. */
    void remove(int fd, EpollRegistration reg) {
        lock.lock();
        try {
            EpollRegistration[] s = slots;
            if (fd < s.length && s[fd] == reg) { // plain read: writers hold the lock
                SLOT.setRelease(s, fd, null); // release: pairs with get()'s acquire
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Driving thread. A registration put before its descriptor was added to epoll is seen by a
     * lookup for an event of that descriptor: the put's writes precede the {@code epoll_ctl}
     * system call, which precedes the event that {@code epoll_wait} returns to this thread.
     *
     * @return the registration of {@code fd}, or null
     */
    EpollRegistration get(int fd) {
        EpollRegistration[] s = slots; // volatile read: the newest array
        // acquire: pairs with put's release
        return fd >= 0 && fd < s.length ? (EpollRegistration) SLOT.getAcquire(s, fd) : null;
    }

    /** @return every registration now in the table */
    List<EpollRegistration> snapshot() {
        List<EpollRegistration> all = new ArrayList<>();
        lock.lock();
        try {
            for (EpollRegistration r : slots) {
                if (r != null) {
                    all.add(r);
                }
            }
        } finally {
            lock.unlock();
        }
        return all;
    }
}
