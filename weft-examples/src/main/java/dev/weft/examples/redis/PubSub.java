package dev.weft.examples.redis;

import dev.weft.sync.Broadcast;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channels of {@code PUBLISH} and {@code SUBSCRIBE}: a {@link Broadcast} per channel that has
 * subscribers. A message is encoded once, as the frame every subscriber writes
 * ({@link RespOut#message}). A channel exists while it has subscribers: the count and the
 * broadcast change together inside the map's {@code compute}, so a subscriber never joins a
 * channel being removed, and {@code PUBLISH} to a channel nobody listens to costs a map lookup.
 */
final class PubSub {
    /** How many messages a slow subscriber may fall behind before it is disconnected. */
    static final int CAPACITY = 1024;

    private static final class Channel {
        final Broadcast.Sender<byte[]> sender;
        int subscribers; // guarded by the map's lock of this key

        Channel() {
            Broadcast.Channel<byte[]> ch = Broadcast.channel(CAPACITY);
            ch.receiver().close(); // subscribers come through subscribe()
            sender = ch.sender();
        }
    }

    private final ConcurrentHashMap<String, Channel> channels = new ConcurrentHashMap<>();

    /** {@return a receiver of the channel's messages from now on} */
    Broadcast.Receiver<byte[]> subscribe(String channel) {
        Object[] rx = new Object[1];
        channels.compute(channel, (k, c) -> {
            Channel ch = c == null ? new Channel() : c;
            ch.subscribers++;
            rx[0] = ch.sender.subscribe();
            return ch;
        });
        @SuppressWarnings("unchecked")
        Broadcast.Receiver<byte[]> r = (Broadcast.Receiver<byte[]>) rx[0];
        return r;
    }

    /** Closes {@code rx}, a receiver of {@code channel}; the last one removes the channel. */
    void unsubscribe(String channel, Broadcast.Receiver<byte[]> rx) {
        channels.computeIfPresent(channel, (k, c) -> {
            rx.close();
            if (--c.subscribers > 0) {
                return c;
            }
            c.sender.close();
            return null;
        });
    }

    /** {@return how many subscribers will receive the message} */
    int publish(byte[] channel, byte[] payload) {
        Channel c = channels.get(RedisCommands.key(channel));
        if (c == null) {
            return 0;
        }
        try {
            return c.sender.send(RespOut.message(channel, payload));
        } catch (IllegalStateException lastOneLeft) { // closed since the lookup: nobody listens
            return 0;
        }
    }

    /** {@return how many channels have subscribers} */
    int channels() {
        return channels.size();
    }
}
