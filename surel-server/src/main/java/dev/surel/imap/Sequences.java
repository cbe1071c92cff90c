package dev.surel.imap;

import dev.surel.protocol.imap.SequenceSet;
import java.io.IOException;
import java.util.List;

/**
 * Resolves a command's sequence set against the session's view (RFC 9051 §9 seq-number): by
 * UID (unknown UIDs are skipped) or by message sequence number (a number beyond the mailbox is
 * BAD, RFC 3501 §9 "invalid message sequence number"). {@code $} (RFC 5182) is the session's
 * saved search result, by UID or by sequence number alike.
 */
final class Sequences {
    private Sequences() { }

    /** The UIDs, ascending; null after answering BAD. */
    static List<Long> resolve(ImapSession s, String tag, boolean uid, SequenceSet set) throws IOException {
        SelectedMailbox sel = s.selected();
        if (set.saved()) return s.savedSearch().uidsIn(sel); // RFC 5182 §2.1 $
        if (uid) return sel.uidsIn(set);
        List<Long> out = sel.uidsAtSequences(set);
        if (out == null) s.out().bad(tag, "Invalid message sequence number");
        return out;
    }
}
