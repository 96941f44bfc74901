package dev.weft.sync;

/**
 * The outcome of {@link Mpsc.Sender#trySend}: the message is in the channel, or it was not
 * sent because the channel is full or closed (the caller still holds it).
 *
 * {@snippet :
 * switch (tx.trySend(event)) {
 *     case SENT -> { }
 *     case FULL -> dropped++;             // load shedding
 *     case CLOSED -> { return; }          // nobody listens any more
 * }
 * }
 */
public enum TrySend {
    /** The message is in the channel. */
    SENT,
    /** A bounded channel has no free slot (or earlier senders are waiting for one). */
    FULL,
    /** The receiver closed, or this sender handle was closed: the message was not sent. */
    CLOSED
}
