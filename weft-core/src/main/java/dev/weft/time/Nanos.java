package dev.weft.time;

import java.time.Duration;

/** Saturating arithmetic on nanoseconds: a deadline never wraps round, it becomes never. */
final class Nanos {
    private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);
    private static final Duration MIN = Duration.ofNanos(Long.MIN_VALUE);

    private Nanos() {
    }

    /** @return {@code d} in nanoseconds, saturated at {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} */
    static long of(Duration d) {
        if (d.compareTo(MAX) >= 0) {
            return Long.MAX_VALUE;
        }
        if (d.compareTo(MIN) <= 0) {
            return Long.MIN_VALUE;
        }
        return d.toNanos();
    }

    /** @return {@code a + b}, saturated at {@link Long#MAX_VALUE}/{@link Long#MIN_VALUE} */
    static long add(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    /**
     * @param now the clock's time
     * @param d a non-negative duration
     * @return {@code now + d}, or {@link Long#MAX_VALUE} (never) if that overflows
     */
    static long deadline(long now, Duration d) {
        return add(now, of(d));
    }

    /** @return {@code d} in words for messages: "250 ms", "1.5 s", else ISO-8601 */
    static String describe(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = d.toNanos();
            return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : nanos + " ns";
        }
        if (d.compareTo(Duration.ofHours(1)) < 0 && d.toNanos() % 1_000_000 == 0) {
            return d.toMillis() / 1000.0 + " s";
        }
        return d.toString();
    }
}
