package dev.weft.future;

import java.util.Optional;

/**
 * The end-of-stream marker behind {@link Stream#end()} and {@link Stream#isEnd}, and the shared
 * polls the stream machinery returns (interfaces cannot hold private constants).
 */
final class StreamEnd {
    /** The value of the end poll; never handed to user code as an item. */
    static final Object MARKER = new Object() {
        @Override
        public String toString() {
            return "END";
        }
    };

    /** The end poll itself, shared so that ending allocates nothing. */
    static final Poll.Ready<Object> POLL = new Poll.Ready<>(MARKER);

    /** What {@link NextFuture} returns at the end. */
    static final Poll.Ready<Optional<Object>> READY_EMPTY = new Poll.Ready<>(Optional.empty());

    private StreamEnd() {
    }

    /**
     * @param who the stream or combinator that saw it, for the message
     * @return the failure for a {@code null} item, which the stream contract forbids
     */
    static NullPointerException nullItem(String who) {
        return new NullPointerException(who + ": the stream produced a null item (items must not be null)");
    }
}
