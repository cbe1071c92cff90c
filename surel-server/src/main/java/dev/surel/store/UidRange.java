package dev.surel.store;

/** An inclusive UID range; {@link #ALL} covers every UID. */
public record UidRange(long first, long last) {
    public static final UidRange ALL = new UidRange(1, Long.MAX_VALUE);

    public UidRange {
        if (first < 1 || last < first) throw new IllegalArgumentException("bad uid range " + first + ":" + last);
    }

    public boolean contains(long uid) { return uid >= first && uid <= last; }
}
