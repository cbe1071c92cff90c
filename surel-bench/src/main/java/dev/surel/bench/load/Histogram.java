package dev.surel.bench.load;

/**
 * A small log-linear latency histogram in the spirit of HdrHistogram: values (microseconds) below
 * 128 have a bucket each, larger ones fall into 64 buckets per power of two, so any percentile is
 * within about 1.6% of the true value. Not thread-safe: each client records into its own and the
 * workload {@link #add}s them at the end.
 */
final class Histogram {
    private static final int SUB = 64;
    private final long[] counts = new long[SUB * 64];
    private long total;
    private long max;

    /** Records one latency in nanoseconds (negative values count as 0). */
    void recordNanos(long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        counts[index(micros)]++;
        total++;
        max = Math.max(max, micros);
    }

    void add(Histogram other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return total;
    }

    /** The value at quantile {@code q} (0..1), in milliseconds; 0 when empty. */
    double percentileMillis(double q) {
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return Math.min(midpoint(i), max) / 1000.0;
        }
        return max / 1000.0;
    }

    double maxMillis() {
        return max / 1000.0;
    }

    static int index(long v) {
        if (v < 2 * SUB) return (int) v;
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= 7
        int shift = exp - 6;                          // keeps the top 7 bits: 64..127
        return shift * SUB + (int) (v >>> shift);
    }

    /** The middle of bucket {@code i}'s range of values. */
    static long midpoint(int i) {
        if (i < 2 * SUB) return i;
        int shift = i / SUB - 1;
        long top = SUB + i % SUB;
        long low = top << shift;
        return low + ((1L << shift) - 1) / 2;
    }
}
