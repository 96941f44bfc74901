package dev.weft.sync;

/**
 * A channel operation failed because the other side is gone: a send after the receiver closed
 * (or after the sending handle itself was closed), or a receive whose sender closed without
 * sending ({@link Oneshot}, {@link Watch}). The one failure of every Weft channel that means
 * "closed"; an mpsc or broadcast receiver sees the end of its stream instead, once it drained
 * what was sent.
 *
 * <p>It is unchecked, like Kotlin's {@code ClosedSendChannelException} and Weft's
 * {@link SemaphoreClosedException}: a closed channel is the normal end of a conversation, which a
 * producer's lambda ({@code lines.forEach(l -> tx.send(l).await())}) should not have to declare.
 * Catch it where the end matters:
 *
 * {@snippet :
 * try {
 *     tx.send(job).await();
 * } catch (ChannelClosedException e) {
 *     // the consumer is gone: stop producing
 * }
 * }
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Makes the exception.
     *
     * @param message what was closed, for the reader of the stack trace
     */
    public ChannelClosedException(String message) {
        super(message);
    }
}
