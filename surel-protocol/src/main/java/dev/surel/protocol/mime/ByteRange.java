package dev.surel.protocol.mime;

/**
 * A half-open range {@code [start, end)} of byte offsets in the stored message.
 * Invariant: {@code 0 <= start <= end}.
 */
public record ByteRange(long start, long end) {

    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
        }
    }

    public long length() {
        return end - start;
    }

    /**
     * The sub-range of an IMAP partial fetch {@code <origin.octets>} (RFC 9051 §6.4.5), clamped to
     * this range: an origin past the end gives an empty range at the end.
     */
    public ByteRange partial(long origin, long octets) {
        long s = Math.min(end, start + Math.max(0, origin));
        long e = Math.min(end, s + Math.max(0, octets));
        return new ByteRange(s, e);
    }
}
