package dev.surel.protocol.filter;

import java.nio.charset.StandardCharsets;

/**
 * The GTUBE test string (Generic Test for Unsolicited Bulk Email, SpamAssassin's; no RFC): a
 * message whose content holds it is always spam, so that a deployment's spam handling can be
 * tested end to end. Found by a streaming search that keeps only the last
 * {@code length - 1} octets between writes and stops after a limit.
 */
public final class Gtube {
    /** The string itself. */
    public static final String STRING = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";
    private static final byte[] PATTERN = STRING.getBytes(StandardCharsets.US_ASCII);
    /** KMP failure table: the pattern has repeated characters ('*', 'N'), a naive restart would miss overlaps. */
    private static final int[] FAIL = failure(PATTERN);

    private final long limit;
    private long seen;
    private int matched;
    private boolean found;

    /** @param limit octets searched at most (later ones are not looked at) */
    public Gtube(long limit) {
        this.limit = limit;
    }

    /** The next octets. */
    public void write(byte[] b, int off, int len) {
        if (found || seen >= limit) return;
        int n = (int) Math.min(len, limit - seen);
        seen += n;
        for (int i = off; i < off + n; i++) {
            byte c = b[i];
            while (matched > 0 && PATTERN[matched] != c) matched = FAIL[matched - 1];
            if (PATTERN[matched] == c && ++matched == PATTERN.length) {
                found = true;
                return;
            }
        }
    }

    /** Whether the string was seen within the limit. */
    public boolean found() {
        return found;
    }

    private static int[] failure(byte[] p) {
        int[] f = new int[p.length];
        for (int i = 1, k = 0; i < p.length; i++) {
            while (k > 0 && p[i] != p[k]) k = f[k - 1];
            if (p[i] == p[k]) k++;
            f[i] = k;
        }
        return f;
    }
}
