package dev.surel.fulltext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.SearcherManager;

/**
 * One open index and what it holds: per mailbox the UIDVALIDITY it was indexed under and the
 * highest UID up to which every live message is in the index ({@link Mark}). A search reads the
 * mark and then acquires a searcher of the same generation; the worker raises a mark only after
 * the documents below it are visible to new searchers, so a searcher always holds at least what
 * the mark read before it promises. A rebuilt index is a new generation with no marks.
 */
record Generation(SearcherManager searchers, Map<Box, Mark> marks) {

    Generation(SearcherManager searchers) {
        this(searchers, new ConcurrentHashMap<>());
    }

    /** A mailbox of an account. */
    record Box(long accountId, long mailboxId) { }

    /** Every live message of the mailbox with a UID up to {@code upTo} is indexed (under {@code uidValidity}). */
    record Mark(long uidValidity, long upTo) { }

    /** The marks as one commit-data value: {@code account/mailbox=uidvalidity:upto;...}. */
    String encodeMarks() {
        StringBuilder b = new StringBuilder();
        marks.forEach((box, m) -> b.append(box.accountId()).append('/').append(box.mailboxId()).append('=')
                .append(m.uidValidity()).append(':').append(m.upTo()).append(';'));
        return b.toString();
    }

    /** Reads {@link #encodeMarks}'s form; a malformed value throws (the index is then rebuilt). */
    void decodeMarks(String encoded) {
        if (encoded == null) return;
        for (String entry : encoded.split(";")) {
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            int eq = entry.indexOf('=');
            int colon = entry.indexOf(':');
            if (slash < 0 || eq < slash || colon < eq) throw new IllegalArgumentException("bad mark " + entry);
            marks.put(new Box(Long.parseLong(entry.substring(0, slash)), Long.parseLong(entry.substring(slash + 1, eq))),
                    new Mark(Long.parseLong(entry.substring(eq + 1, colon)), Long.parseLong(entry.substring(colon + 1))));
        }
    }
}
