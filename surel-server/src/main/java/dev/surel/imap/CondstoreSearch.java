package dev.surel.imap;

import dev.surel.protocol.imap.SearchKey;
import java.util.List;
import java.util.Map;

/**
 * SEARCH MODSEQ helpers (RFC 7162 §3.1.5): whether a search program has a MODSEQ key anywhere,
 * and the highest MODSEQ of the messages a SEARCH / ESEARCH response returns.
 */
final class CondstoreSearch {
    private CondstoreSearch() { }

    static boolean usesModseq(SearchKey key) {
        return switch (key) {
            case SearchKey.Modseq m -> true;
            case SearchKey.And a -> a.keys().stream().anyMatch(CondstoreSearch::usesModseq);
            case SearchKey.Or o -> usesModseq(o.left()) || usesModseq(o.right());
            case SearchKey.Not n -> usesModseq(n.key());
            default -> false;
        };
    }

    /** The hits an ESEARCH response returns (RFC 4731 §3.1): those of MIN / MAX / ALL, or all of them for COUNT only. */
    static List<Long> returned(List<Long> hits, List<String> want) {
        if (want.contains("ALL") || !(want.contains("MIN") || want.contains("MAX"))) return hits;
        if (want.contains("MIN") && want.contains("MAX")) return List.of(hits.getFirst(), hits.getLast());
        return List.of(want.contains("MIN") ? hits.getFirst() : hits.getLast());
    }

    /** The highest MODSEQ among {@code numbers} (at least 1; RFC 7162 §7 mod-sequence-value). */
    static long highest(Map<Long, Long> modseqs, List<Long> numbers) {
        long max = 1;
        for (long n : numbers) max = Math.max(max, modseqs.getOrDefault(n, 0L));
        return max;
    }
}
