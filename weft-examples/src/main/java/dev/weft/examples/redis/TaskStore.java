package dev.weft.examples.redis;

import dev.weft.Weft;
import dev.weft.runtime.JoinHandle;
import dev.weft.sync.CancellationToken;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Oneshot;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The other design of the shared store, kept to be measured against {@link MapStore}: one task
 * owns the key space, and every command goes to it over an mpsc channel and waits for its reply
 * on a oneshot (the shape of Tokio's mini-redis tutorial and of {@code KvServer}). The key space
 * itself is a {@link MapStore} that only the store task touches, so the two designs differ by
 * exactly the hand-off. {@code ./weft example mini-redis PORT task} serves with it; {@code STORE=task
 * ./weft bench redis} measures it.
 *
 * <p>Measured ({@code docs/benchmarks.md}): the hand-off costs more than the map's own
 * synchronization, which is why the server uses {@link MapStore}.
 */
final class TaskStore implements Store {
    /** A command for the store task; {@code op == null} stops it. */
    private record Command(Function<MapStore, Object> op, Oneshot.Sender<Object> reply) {
    }

    /** A command's exception, carried back to the caller and thrown there. */
    private record Failure(RuntimeException error) {
    }

    /** A command's null answer (an absent key): a oneshot carries no null. */
    private static final Object NULL = new Object();

    private final MapStore keys = new MapStore();
    private final Mpsc.Channel<Command> channel = Mpsc.bounded(1024);

    private Object call(Function<MapStore, Object> op) {
        Oneshot.Channel<Object> reply = Oneshot.channel();
        channel.sender().send(new Command(op, reply.sender())).await();
        Object r = reply.receiver().await();
        if (r instanceof Failure f) {
            throw f.error();
        }
        return r == NULL ? null : r;
    }

    @Override
    public byte[] get(String key) {
        return (byte[]) call(s -> s.get(key));
    }

    @Override
    public boolean set(String key, byte[] value, Instant expiresAt, boolean keepTtl, Condition condition) {
        return (Boolean) call(s -> s.set(key, value, expiresAt, keepTtl, condition));
    }

    @Override
    public boolean delete(String key) {
        return (Boolean) call(s -> s.delete(key));
    }

    @Override
    public boolean exists(String key) {
        return (Boolean) call(s -> s.exists(key));
    }

    @Override
    public long incrBy(String key, long delta) {
        return (Long) call(s -> s.incrBy(key, delta));
    }

    @Override
    public boolean expireAt(String key, Instant at) {
        return (Boolean) call(s -> s.expireAt(key, at));
    }

    @Override
    public long ttlMillis(String key) {
        return (Long) call(s -> s.ttlMillis(key));
    }

    @Override
    public int size() {
        return keys.size();
    }

    /** The store task: runs commands in arrival order until {@code stop} is cancelled. */
    @Override
    public Void run(CancellationToken stop) throws Exception {
        JoinHandle<Void> expiry = Weft.spawn(() -> keys.run(stop));
        Weft.spawn(() -> {
            stop.cancelled().await();
            channel.sender().send(new Command(null, null)).await(); // after what was sent before it
        });
        for (Optional<Command> next; (next = channel.receiver().recv().await()).isPresent(); ) {
            Command c = next.get();
            if (c.op() == null) {
                break;
            }
            Object result;
            try {
                result = c.op().apply(keys);
            } catch (RuntimeException e) {
                result = new Failure(e);
            }
            c.reply().send(result == null ? NULL : result);
        }
        expiry.await();
        return null;
    }
}
