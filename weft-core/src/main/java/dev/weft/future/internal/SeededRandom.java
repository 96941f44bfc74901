package dev.weft.future.internal;

/**
 * A small seeded generator (SplitMix64) for the deterministic runtime: the run queue, the time
 * driver, the I/O driver and {@code Select} each draw from their own stream of one seed, so a
 * seed replays the same choices on every JDK (our own code, not {@code SplittableRandom}, whose
 * output is an implementation detail of the JDK). Not thread-safe: each stream belongs to the
 * one thread that drives a deterministic runtime.
 *
 * {@snippet :
 * SeededRandom queueOrder = new SeededRandom(seed, SeededRandom.RUN_QUEUE);
 * int next = queueOrder.nextInt(runnable.size());   // which ready task runs now
 * }
 */
public final class SeededRandom {
    /** The stream that picks the next runnable task or coroutine continuation. */
    public static final int RUN_QUEUE = 1;
    /** The stream that orders timers due at the same instant. */
    public static final int TIMERS = 2;
    /** The stream that orders channels found ready in one turn of the I/O driver. */
    public static final int IO = 3;
    /** The stream of {@code Select}'s first branch. */
    public static final int SELECT = 4;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    /**
     * @param seed the runtime's seed
     * @param stream which consumer draws (one of the constants), so consumers do not shift
     *        each other's choices
     */
    public SeededRandom(long seed, int stream) {
        this.state = mix(seed + GOLDEN * stream); // distinct streams of one seed start far apart
    }

    /** @return the next 64 random bits */
    public long nextLong() {
        return mix(state += GOLDEN);
    }

    /**
     * @param bound the upper bound, exclusive, at least 1
     * @return a number in {@code [0, bound)}; the bias of the multiply-shift is below 2^-32
     */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** SplitMix64's finaliser (Steele, Lea, Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
