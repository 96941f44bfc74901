package dev.weft.sync;

/**
 * The outcome of a non-waiting receive ({@link Mpsc.Receiver#tryRecv},
 * {@link Oneshot.Receiver#tryRecv}): a message, nothing yet, or nothing ever again.
 *
 * {@snippet :
 * switch (rx.tryRecv()) {
 *     case TryRecv.Received<String>(var msg) -> handle(msg);
 *     case TryRecv.Empty<String> e -> doOtherWork();
 *     case TryRecv.Closed<String> c -> shutDown();
 * }
 * }
 *
 * @param <T> the type of the messages
 */
public sealed interface TryRecv<T> permits TryRecv.Received, TryRecv.Empty, TryRecv.Closed {

    /**
     * A message was taken from the channel.
     *
     * @param value the message, never null
     * @param <T> the type of the messages
     */
    record Received<T>(T value) implements TryRecv<T> {
    }

    /**
     * No message now, but one may still come. One shared instance: {@link #empty()}.
     *
     * @param <T> the type of the messages
     */
    final class Empty<T> implements TryRecv<T> {
        static final Empty<?> INSTANCE = new Empty<>();

        private Empty() {
        }

        @Override
        public String toString() {
            return "Empty";
        }
    }

    /**
     * No message now and none will come: every sender closed (or the receiver closed) and
     * the channel is drained. One shared instance: {@link #closed()}.
     *
     * @param <T> the type of the messages
     */
    final class Closed<T> implements TryRecv<T> {
        static final Closed<?> INSTANCE = new Closed<>();

        private Closed() {
        }

        @Override
        public String toString() {
            return "Closed";
        }
    }

    /**
     * The outcome of a receive that found no message.
     *
     * @param <T> the type of the messages
     * @return the shared empty outcome
     */
    @SuppressWarnings("unchecked") // holds no T
    static <T> TryRecv<T> empty() {
        return (TryRecv<T>) Empty.INSTANCE;
    }

    /**
     * The outcome of a receive on a channel that is closed and drained.
     *
     * @param <T> the type of the messages
     * @return the shared closed outcome
     */
    @SuppressWarnings("unchecked") // holds no T
    static <T> TryRecv<T> closed() {
        return (TryRecv<T>) Closed.INSTANCE;
    }
}
