package dev.weft.io;

import dev.weft.future.Context;
import dev.weft.future.Waker;
import dev.weft.future.internal.ShortLock;

/**
 * The lock the two halves of a split stream share (Tokio's {@code BiLock}): it serialises every
 * poll of the stream. A half that finds the stream being polled through the other half answers
 * pending and is woken when that poll ends, so no thread ever waits for the lock.
 *
 * <p>Implementation notes. Not a monitor around the stream's poll, as it was: coroutines and
 * poll-based tasks on the workers both poll halves, and a coroutine that waits for a monitor
 * unmounts and may be handed it while queued, so a worker blocked on it could wait for a
 * coroutine only that worker can run (docs/design-notes.md). Nor a spin lock around the poll,
 * whose section would do I/O. {@code held} and the two waker slots (one per half: each half is
 * polled by one task at a time) are guarded by {@code guard}, a {@link ShortLock} whose sections
 * are a few field updates; wakers are woken after it. Happens-before: a poll of the stream ends
 * with {@link #unlock}'s release of {@code guard}, which the next {@link #tryLock}'s CAS on it
 * acquires.
 */
final class SplitLock {
    private final ShortLock guard = new ShortLock();
    private boolean held; // a half is polling the stream
    private Waker readWaiter; // the read half's task, which found the stream held
    private Waker writeWaiter; // the write half's task, likewise

    /**
     * @param cx the context of the half's poll; its waker is woken by the holder's unlock
     * @param reader whether the read half asks (else the write half)
     * @return whether the caller now holds the lock (and must {@link #unlock} it)
     */
    boolean tryLock(Context cx, boolean reader) {
        guard.lock();
        try {
            if (!held) {
                held = true;
                return true;
            }
            if (reader) {
                readWaiter = cx.waker(); // the newest waker is the one woken
            } else {
                writeWaiter = cx.waker();
            }
            return false;
        } finally {
            guard.unlock();
        }
    }

    /** Ends the holder's poll, and wakes a half that found the stream held meanwhile. */
    void unlock() {
        Waker r;
        Waker w;
        guard.lock();
        try {
            held = false;
            r = readWaiter;
            w = writeWaiter;
            readWaiter = null;
            writeWaiter = null;
        } finally {
            guard.unlock();
        }
        if (r != null) {
            r.wake();
        }
        if (w != null) {
            w.wake();
        }
    }
}
