package dev.weft.examples.redis;

import dev.weft.sync.CancellationToken;
import java.time.Instant;

/**
 * The one key space every connection shares. Keys are Latin-1 strings (one char per byte, so
 * any byte string is a key, compactly), values byte arrays. A method runs in the calling
 * coroutine; an implementation may suspend it (a store owned by a task answers over a channel),
 * but a map-backed one returns at once. Expiry is the store's own: an expired key is absent for
 * every method from its deadline on, and its memory is reclaimed by {@link #run} at the deadline,
 * on the runtime's timer, not by scanning.
 *
 * <p>{@link MapStore} is the implementation the server uses; its notes say why.
 */
interface Store {
    /** How {@code SET} treats a key that exists or not. */
    enum Condition {
        ALWAYS, IF_ABSENT, IF_PRESENT
    }

    /** {@return the value, or null if the key is absent} */
    byte[] get(String key);

    /**
     * Sets the value if {@code condition} allows.
     *
     * @param expiresAt the deadline, or null for none (an existing one is dropped unless
     *     {@code keepTtl})
     * @return whether the value was set
     */
    boolean set(String key, byte[] value, Instant expiresAt, boolean keepTtl, Condition condition);

    /** {@return whether the key existed; it is gone now} */
    boolean delete(String key);

    /** {@return whether the key exists} */
    boolean exists(String key);

    /**
     * Adds {@code delta} to the decimal integer stored at the key (0 if absent), keeping its
     * deadline.
     *
     * @return the new value
     * @throws RedisError if the value is not a 64-bit decimal integer, or the sum overflows
     */
    long incrBy(String key, long delta);

    /** Sets the key's deadline; one already passed deletes it. {@return whether the key existed} */
    boolean expireAt(String key, Instant at);

    /** {@return milliseconds until the key expires, -1 if it has no deadline, -2 if it is absent} */
    long ttlMillis(String key);

    /** {@return how many keys are stored, expired ones not yet reclaimed included} */
    int size();

    /** The store's background work (reclaiming expired keys) until {@code stop} is cancelled. */
    Void run(CancellationToken stop) throws Exception;
}
