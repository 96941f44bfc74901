package dev.weft.io.internal;

import dev.weft.io.IoFuture;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

/**
 * The future of one read, write or writeAll on a stream, which the stream may keep and re-arm
 * for its next operation once this one is over, so that {@code socket.read(buf).await()} in a
 * loop allocates nothing, whether or not the JIT removes the future.
 *
 * <p>Implementation notes. An op is <em>armed</em> while {@code stream} is set: from
 * {@link #tryArm} (or the constructor of a one-shot op) until it completes, fails, is cancelled,
 * or its {@code await()} takes it over ({@link #takeForAwait}, which reads what it needs first).
 * Only an idle op can be armed again, and arming is a CAS, so two callers never share one arming,
 * even when a stream is misused from two threads: the loser gets a fresh op. A caller that keeps
 * an op after it completed and polls it again gets {@code IllegalStateException}, unless the
 * stream re-armed the op for a later call in between: then it polls that call's operation. The
 * stream's Javadoc says so ("do not keep the future after it completed").
 */
public abstract sealed class StreamOp<T> implements IoFuture<T> permits CountOp, WriteAllOp {
    private static final VarHandle STREAM;

    static {
        try {
            STREAM = MethodHandles.lookup().findVarHandle(StreamOp.class, "stream", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The stream while armed; null when idle. Accessed through {@link #STREAM} when it changes hands. */
    private Object stream;
    /** The buffer of the armed operation; written by the arming thread before it hands the op out. */
    ByteBuffer buf;

    StreamOp() {
    }

    StreamOp(Object stream, ByteBuffer buf) {
        this.stream = stream;
        this.buf = buf;
    }

    /** @return whether this idle op is now armed with {@code s} and {@code b} (false: in use) */
    final boolean tryArm(Object s, ByteBuffer b) {
        // Pairs with setReleaseIdle: an arming that sees the op idle comes after the last use of
        // the previous operation's buffer.
        if (!STREAM.compareAndSet(this, (Object) null, s)) {
            return false;
        }
        buf = b;
        return true;
    }

    /** @return the armed stream, for a poll; throws if the op is idle */
    final Object armed(String what) {
        Object s = stream; // plain: the op's user is the thread that armed it or received it with a happens-before
        if (s == null) {
            throw new IllegalStateException(what + " polled after it completed or was cancelled");
        }
        return s;
    }

    /** @return the armed stream, leaving the op idle: its await works on what it read first */
    final Object takeForAwait(String what) {
        Object s = stream; // plain: as in armed
        if (s == null) {
            throw new IllegalStateException(what + " awaited after it completed or was cancelled");
        }
        setReleaseIdle();
        return s;
    }

    /** Leaves the op idle: after the last use of its buffer (release; pairs with tryArm's CAS). */
    final void setReleaseIdle() {
        STREAM.setRelease(this, (Object) null);
    }

    @Override
    public final void cancel() {
        setReleaseIdle(); // nothing else to release: the stream keeps only a waker, replaced by the next poll
    }
}
