package dev.surel.protocol.imap;

import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP sequence set (RFC 9051 §9 {@code sequence-set}) of message sequence numbers or UIDs,
 * as the client wrote it: ranges whose ends may be {@code *} ({@link #STAR}, "the largest
 * number in use"). {@code 4:2} is the same as {@code 2:4} (RFC 9051 §9, seq-range).
 */
public record SequenceSet(List<Range> ranges, boolean saved) {

    /** {@code *}: resolved against the mailbox when the command runs. */
    public static final long STAR = Long.MAX_VALUE;

    public SequenceSet {
        ranges = List.copyOf(ranges);
        if (saved != ranges.isEmpty()) throw new IllegalArgumentException(saved ? "$ has no ranges" : "empty sequence set");
    }

    public SequenceSet(List<Range> ranges) {
        this(ranges, false);
    }

    /**
     * RFC 5182 {@code $}: the session's saved search result, which the session substitutes
     * before it uses the set; {@link #contains} and {@link #resolve} refuse it.
     */
    public static SequenceSet savedResult() {
        return new SequenceSet(List.of(), true);
    }

    public static SequenceSet of(Range... ranges) {
        return new SequenceSet(List.of(ranges));
    }

    /** One range {@code from:to}, or a single number when {@code from == to}; either end may be {@link #STAR}. */
    public record Range(long from, long to) {
        public Range {
            if (from < 1 || to < 1) throw new IllegalArgumentException("sequence numbers start at 1");
        }

        public static Range single(long n) {
            return new Range(n, n);
        }

        /** The range with {@code *} replaced by {@code max} and its ends ordered. */
        public Range resolve(long max) {
            long a = from == STAR ? max : from;
            long b = to == STAR ? max : to;
            return new Range(Math.max(1, Math.min(a, b)), Math.max(1, Math.max(a, b)));
        }

        public boolean contains(long n, long max) {
            Range r = resolve(max);
            return n >= r.from && n <= r.to;
        }
    }

    /** True when {@code n} is in the set, {@code *} meaning {@code max} (max 0: an empty mailbox, nothing matches). */
    public boolean contains(long n, long max) {
        requireRanges();
        if (max == 0) return false;
        for (Range r : ranges) {
            if (r.contains(n, max)) return true;
        }
        return false;
    }

    /** The ranges with {@code *} resolved against {@code max}. */
    public List<Range> resolve(long max) {
        requireRanges();
        List<Range> out = new ArrayList<>(ranges.size());
        for (Range r : ranges) out.add(r.resolve(max));
        return out;
    }

    private void requireRanges() {
        if (saved) throw new IllegalStateException("$ must be replaced by the saved search result first");
    }
}
