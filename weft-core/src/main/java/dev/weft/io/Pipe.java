package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import dev.weft.future.internal.ShortLock;
import dev.weft.future.internal.Coop;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One direction of an in-memory stream: a bounded byte ring between one reading end and one
 * writing end, behind {@link PipeReader}, {@link PipeWriter} and {@link DuplexStream}.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>State: {@code buf[head .. head+count)} (mod the array length) holds the unread bytes.
 *       The array grows on demand (doubling, from {@link #FIRST_CAPACITY}) up to {@code max},
 *       so a large bound costs memory only when it is used.
 *   <li>Concurrency: every field is guarded by {@code lock}. The reader and the writer may be
 *       on different threads. A write happens-before the read that returns its bytes (both pass
 *       through the lock: unlock is a release store, lock a volatile CAS). The lock is a
 *       {@link ShortLock}, not a monitor: coroutines and poll-based tasks on the workers both
 *       use pipes, and a coroutine that waits for a monitor unmounts and may be handed it while
 *       queued, so a worker blocked on it could wait forever (docs/design-notes.md). Its
 *       sections update fields and copy one read's or write's bytes; they never block.
 *   <li>Wakers: one slot per direction, set only when that side answers pending, taken (set to
 *       null) by the side that makes progress for it, and woken after the lock is released.
 *       A cancelled read or write leaves its waker in the slot; the next pending poll replaces
 *       it, and a stray wake is harmless (a waker of a finished task is a no-op).
 *   <li>Closing: {@code writeShutdown} gives the reader the end of the stream once the ring is
 *       drained; {@code writeClosed} (the writing end was closed) implies it. {@code readClosed}
 *       (the reading end was closed) drops the buffered bytes and fails every later write with
 *       a broken pipe.
 *   <li>Budget: each read and write spends one unit of the task's cooperative budget.
 * </ul>
 */
final class Pipe {
    static final int FIRST_CAPACITY = 1024;
    private static final byte[] NO_BYTES = new byte[0];

    private final ShortLock lock = new ShortLock();
    private final int max;
    private byte[] buf = NO_BYTES;
    private int head;
    private int count;
    private boolean writeShutdown;
    private boolean writeClosed;
    private boolean readClosed;
    private Waker readWaker;
    private Waker writeWaker;

    Pipe(int max) {
        this.max = max;
    }

    int pollRead(Context cx, ByteBuffer dst, String who) throws IOException {
        if (!Coop.proceed(cx)) {
            return Io.PENDING; // budget spent: the task is already re-woken
        }
        Waker wake;
        int n;
        lock.lock();
        try {
            if (readClosed) {
                throw new ClosedException(who + ": read after close");
            }
            if (!dst.hasRemaining()) {
                return 0;
            }
            if (count == 0) {
                if (writeShutdown) {
                    return Io.EOF;
                }
                readWaker = cx.waker(); // the newest waker is the one woken
                return Io.PENDING;
            }
            n = Math.min(count, dst.remaining());
            int first = Math.min(n, buf.length - head);
            dst.put(buf, head, first);
            dst.put(buf, 0, n - first);
            count -= n;
            head = count == 0 ? 0 : (head + n) % buf.length;
            wake = writeWaker;
            writeWaker = null;
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.wake();
        }
        return n;
    }

    int pollWrite(Context cx, ByteBuffer src, String who) throws IOException {
        if (!Coop.proceed(cx)) {
            return Io.PENDING;
        }
        Waker wake;
        int n;
        lock.lock();
        try {
            checkWritable(who);
            if (!src.hasRemaining()) {
                return 0;
            }
            if (count == max) {
                writeWaker = cx.waker(); // backpressure: woken by the next read, or a close
                return Io.PENDING;
            }
            n = Math.min(src.remaining(), max - count);
            if (count + n > buf.length) {
                grow(count + n);
            }
            int tail = (head + count) % buf.length;
            int first = Math.min(n, buf.length - tail);
            src.get(buf, tail, first);
            src.get(buf, 0, n - first);
            count += n;
            wake = readWaker;
            readWaker = null;
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.wake();
        }
        return n;
    }

    private void checkWritable(String who) throws IOException {
        if (writeClosed) {
            throw new ClosedException(who + ": write after close");
        }
        if (writeShutdown) {
            throw new IOException(who + ": write after shutdown");
        }
        if (readClosed) {
            throw new IOException("broken pipe: the reading end of " + who + " was closed");
        }
    }

    /** Grows the ring to hold at least {@code need} bytes, its data moved to the front. */
    private void grow(int need) {
        int cap = Math.min(max, Math.max(need, Math.max(FIRST_CAPACITY, buf.length * 2)));
        byte[] next = new byte[cap];
        int first = Math.min(count, buf.length - head);
        System.arraycopy(buf, head, next, 0, first);
        System.arraycopy(buf, 0, next, first, count - first);
        buf = next;
        head = 0;
    }

    /** Flushing has nothing to do: written bytes are already where the reader reads them. */
    void checkFlushable(String who) throws IOException {
        boolean closed;
        lock.lock();
        try {
            closed = writeClosed;
        } finally {
            lock.unlock();
        }
        if (closed) {
            throw new ClosedException(who + ": flush after close");
        }
    }

    /** Half-close: the reader gets the end of the stream after the buffered bytes. */
    void shutdownWrite(String who) throws IOException {
        Waker wake;
        lock.lock();
        try {
            if (writeClosed) {
                throw new ClosedException(who + ": shutdown after close");
            }
            writeShutdown = true;
            wake = readWaker;
            readWaker = null;
        } finally {
            lock.unlock();
        }
        if (wake != null) {
            wake.wake();
        }
    }

    /**
     * The writing end is closed: as a shutdown, and further use of that end fails. Both wakers
     * are woken: the reader to see the end, a write of the closed end to fail.
     */
    void closeWrite() {
        Waker r;
        Waker w;
        lock.lock();
        try {
            writeShutdown = true;
            writeClosed = true;
            r = readWaker;
            w = writeWaker;
            readWaker = null;
            writeWaker = null;
        } finally {
            lock.unlock();
        }
        wake(r, w);
    }

    /**
     * The reading end is closed: buffered bytes are dropped, the writer's writes fail. Both
     * wakers are woken: the writer to fail, a read of the closed end to fail.
     */
    void closeRead() {
        Waker r;
        Waker w;
        lock.lock();
        try {
            readClosed = true;
            buf = NO_BYTES;
            head = 0;
            count = 0;
            r = readWaker;
            w = writeWaker;
            readWaker = null;
            writeWaker = null;
        } finally {
            lock.unlock();
        }
        wake(r, w);
    }

    private static void wake(Waker a, Waker b) {
        if (a != null) {
            a.wake();
        }
        if (b != null) {
            b.wake();
        }
    }

    /** @return the bytes written and not yet read */
    int buffered() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
