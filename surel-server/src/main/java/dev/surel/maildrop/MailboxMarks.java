package dev.surel.maildrop;

import java.util.Arrays;

/**
 * What POP3 recorded about one mailbox's messages ({@code pop3_messages}): the UIDs first
 * downloaded and the UIDs hidden (DELE under the hide policy), each ascending, without an object
 * per message. Immutable: {@link #with} returns a new one.
 */
public record MailboxMarks(long[] downloaded, long[] hidden) {
    static final MailboxMarks NONE = new MailboxMarks(new long[0], new long[0]);

    public boolean isDownloaded(long uid) {
        return Arrays.binarySearch(downloaded, uid) >= 0;
    }

    public boolean isHidden(long uid) {
        return Arrays.binarySearch(hidden, uid) >= 0;
    }

    /** UIDs held in all (for the cache's memory budget). */
    long count() {
        return downloaded.length + (long) hidden.length;
    }

    /** These marks and more (each ascending or not; duplicates kept once). */
    MailboxMarks with(long[] moreDownloaded, long[] moreHidden) {
        return new MailboxMarks(union(downloaded, moreDownloaded), union(hidden, moreHidden));
    }

    /** The sorted union of an ascending array and any others. */
    static long[] union(long[] sorted, long[] more) {
        if (more.length == 0) return sorted;
        long[] m = more.clone();
        Arrays.sort(m);
        long[] out = new long[sorted.length + m.length];
        int i = 0, j = 0, n = 0;
        while (i < sorted.length || j < m.length) {
            long v = j >= m.length || (i < sorted.length && sorted[i] <= m[j]) ? sorted[i++] : m[j++];
            if (n == 0 || out[n - 1] != v) out[n++] = v;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
