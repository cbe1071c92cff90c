package dev.surel.imap;

import java.util.List;

/** Compact uid-set text for UIDPLUS response codes (RFC 4315 §3): ascending runs as {@code a:b}. */
final class UidSets {
    private UidSets() { }

    /** Runs in the given order ({@code 3,4,5,9} → {@code 3:5,9}); COPYUID pairs keep their order. */
    static String format(List<Long> uids) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < uids.size()) {
            long start = uids.get(i);
            int j = i;
            while (j + 1 < uids.size() && uids.get(j + 1) == uids.get(j) + 1) j++;
            if (!b.isEmpty()) b.append(',');
            b.append(start);
            if (j > i) b.append(':').append(uids.get(j));
            i = j + 1;
        }
        return b.toString();
    }
}
