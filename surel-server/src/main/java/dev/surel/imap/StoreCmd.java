package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.FlagOp;
import dev.surel.store.FlagUpdate;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * STORE / UID STORE (RFC 9051 §6.4.6): FLAGS, +FLAGS, -FLAGS and their .SILENT forms, one MODSEQ
 * for the whole change. Unless silent, an untagged FETCH with the new flags per message (with
 * UID for UID STORE); other sessions hear it from the change bus. Read-only: NO.
 * RFC 7162 §3.1.3 UNCHANGEDSINCE (turns CONDSTORE on): messages changed since that MODSEQ are
 * left alone, unless they already have what was asked for, and listed in {@code OK [MODIFIED
 * set]} (sequence numbers, or UIDs for UID STORE); every other message gets an untagged FETCH
 * with its MODSEQ even when .SILENT. Once CONDSTORE is on, STORE's FETCH responses carry MODSEQ.
 * A keyword new to the mailbox is announced first in untagged FLAGS and PERMANENTFLAGS (RFC 3501
 * §7.2.6; other sessions get them at their next safe point). A keyword spelled NIL is BAD: it
 * would read as NIL in every FLAGS list a client parses ({@link FlagNames}).
 */
final class StoreCmd {
    private StoreCmd() { }

    // RFC 9051 §6.4.6
    static void run(ImapSession s, String tag, ImapCommand.Store c) throws IOException {
        SelectedMailbox sel = s.selected();
        List<Long> uids = Sequences.resolve(s, tag, c.uid(), c.set());
        if (uids == null) return;
        if (sel.readOnly()) {
            s.no(tag, "READ-ONLY", "Mailbox is read-only");
            return;
        }
        Flags flags;
        try {
            flags = FlagNames.parse(c.flags());
        } catch (IllegalArgumentException e) {
            s.out().bad(tag, "Invalid flag");
            return;
        }
        FlagOp op = switch (c.mode()) {
            case REPLACE -> FlagOp.REPLACE;
            case ADD -> FlagOp.ADD;
            case REMOVE -> FlagOp.REMOVE;
        };
        boolean conditional = c.unchangedSince() >= 0;
        if (conditional) s.enableCondstore(); // RFC 7162 §3.1
        Map<Long, MessageMeta> changed = new HashMap<>();
        Set<Long> failed = new HashSet<>();
        if (!uids.isEmpty()) {
            FlagUpdate u = s.store().updateFlags(s.account(), sel.mailboxId(), uids, op, flags, c.unchangedSince());
            boolean newKeywords = false;
            for (MessageMeta m : u.changed()) {
                changed.put(m.uid(), m);
                sel.told(m.uid(), m.flags(), m.modseq());
                newKeywords |= sel.learnKeywords(m.flags().keywords());
            }
            if (newKeywords) s.writeFlags(sel); // RFC 3501 §7.2.6: before the FETCH that shows the keyword
            failed.addAll(u.failed());
        }
        if (!c.silent() || conditional) {
            for (long uid : uids) {
                SelectedMailbox.Known k = sel.known(uid);
                if (k == null || sel.expungePending(uid) || failed.contains(uid)) continue;
                s.out().untagged(sel.seqOf(uid) + " FETCH (" + (c.uid() ? "UID " + uid + " " : "")
                        + (c.silent() ? "" : "FLAGS " + s.flagList(k.flags(), sel.recent(uid)))
                        + (c.silent() ? "MODSEQ (" + Math.max(1, k.modseq()) + ")" : s.modseqItem(k.modseq())) + ")");
            }
        }
        if (failed.isEmpty()) {
            s.ok(tag, "STORE completed");
            return;
        }
        List<Long> modified = new ArrayList<>();
        for (long uid : uids) if (failed.contains(uid)) modified.add(c.uid() ? uid : sel.seqOf(uid));
        s.ok(tag, "MODIFIED " + UidSets.format(modified), "Conditional STORE failed"); // RFC 7162 §3.1.3
    }
}
