package dev.weft.io.reactor;

import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Ends a driver's native wait when the waiting thread is interrupted, as the JDK's
 * {@code Selector} does: an interrupted {@code blockOn} must see its interrupt at once, and a
 * thread blocked in {@code epoll_wait} through the FFM API would otherwise sleep through it.
 *
 * <p>The JDK's public hook for this is {@link AbstractInterruptibleChannel}: between
 * {@code begin()} and {@code end()}, {@code Thread.interrupt()} closes the channel, on the
 * interrupting thread, before it returns; here closing runs the driver's wake-up. A close is
 * final, so an interrupt spends this object: {@link #exit()} says so, and the driver makes a new
 * one for its next wait. Used by the driving thread only (under the driver's turn lock).
 */
final class InterruptWake extends AbstractInterruptibleChannel {
    private final Runnable wake;

    /** @param wake the driver's thread-safe wake-up, run by the interrupting thread */
    InterruptWake(Runnable wake) {
        this.wake = wake;
    }

    /** Before the wait: an interrupt from now on (or one already pending) runs the wake-up. */
    void enter() {
        begin();
    }

    /** @return true if no interrupt came; false if one did (this object is closed: make another) */
    boolean exit() {
        try {
            end(true);
            return isOpen();
        } catch (AsynchronousCloseException e) { // ClosedByInterruptException: the interrupt came
            return false;
        }
    }

    @Override
    protected void implCloseChannel() {
        wake.run();
    }
}
