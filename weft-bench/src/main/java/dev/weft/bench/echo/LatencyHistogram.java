package dev.weft.bench.echo;

/**
 * Round-trip latencies in nanoseconds, in log-linear buckets (the HdrHistogram layout, without
 * the dependency): values below 128 ns have a bucket each; above, every power of two is split
 * into 64 equal buckets, so a reported percentile is at most 1/64 (1.6 %) above the true value.
 * Recording is one array increment; single-threaded (the load generator's loop).
 */
final class LatencyHistogram {
    /*
     * Index of a value v >= 128 whose highest set bit is h: shift = h - 6 (>= 1), sub = v >>> shift
     * in [64, 128); index = 128 + (shift - 1) * 64 + (sub - 64). Bucket bounds: [sub << shift,
     * (sub + 1) << shift). Shifts up to 56 cover every positive long.
     */
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int LINEAR = 2 * SUB;

    private final long[] counts = new long[LINEAR + 57 * SUB];
    private long total;
    private long max;

    void record(long nanos) {
        long v = Math.max(0, nanos);
        counts[index(v)]++;
        total++;
        if (v > max) {
            max = v;
        }
    }

    void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        max = 0;
    }

    long count() {
        return total;
    }

    long max() {
        return max;
    }

    /**
     * @param p a fraction in (0, 1], e.g. 0.999
     * @return the upper bound of the bucket holding the value at that rank (0 if empty)
     */
    long percentile(double p) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(upperBound(i), max);
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        int sub = (int) (v >>> shift);
        return LINEAR + (shift - 1) * SUB + (sub - SUB);
    }

    /** @return the largest value that falls in bucket {@code i} */
    static long upperBound(int i) {
        if (i < LINEAR) {
            return i;
        }
        int shift = (i - LINEAR) / SUB + 1;
        long sub = (i - LINEAR) % SUB + SUB;
        return ((sub + 1) << shift) - 1;
    }
}
