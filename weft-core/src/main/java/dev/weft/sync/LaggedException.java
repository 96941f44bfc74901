package dev.weft.sync;

/**
 * A {@link Broadcast} receiver fell behind by more than the channel's capacity: the oldest
 * messages it had not received were overwritten (Tokio's {@code RecvError::Lagged}). The
 * receiver is not closed: it now stands at the oldest message still kept, and the next
 * receive continues from there.
 *
 * <p>It is unchecked, so a receive loop in any lambda compiles; a receiver that may fall behind
 * catches it and receives again (left uncaught, it fails the task, which its
 * {@code JoinHandle} or the runtime's uncaught-failure handler reports):
 *
 * {@snippet :
 * try {
 *     Optional<Tick> t = ticks.recv().await();
 * } catch (LaggedException e) {
 *     log.warning("skipped " + e.skipped() + " ticks");   // then receive again
 * }
 * }
 */
public class LaggedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How many messages the receiver missed. */
    private final long skipped;

    /**
     * Makes the exception.
     *
     * @param skipped how many messages this receiver missed
     */
    public LaggedException(long skipped) {
        super("broadcast receiver lagged behind and missed " + skipped + " messages");
        this.skipped = skipped;
    }

    /** {@return how many messages the receiver missed} */
    public long skipped() {
        return skipped;
    }
}
