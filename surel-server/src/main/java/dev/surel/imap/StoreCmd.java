package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.FlagOp;
import dev.surel.store.FlagUpdate;
import dev.surel.store.Flags;
import dev.surel.store.MessageMeta;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * STORE / UID STORE (RFC 9051 §6.4.6): FLAGS, +FLAGS, -FLAGS and their .SILENT forms, one MODSEQ
 * for the whole change. Unless silent, an untagged FETCH with the new flags per message (with
 * UID for UID STORE); other sessions hear it from the change bus. Read-only: NO.
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
        Map<Long, MessageMeta> changed = new HashMap<>();
        if (!uids.isEmpty()) {
            FlagUpdate u = s.store().updateFlags(s.account(), sel.mailboxId(), uids, op, flags, -1);
            for (MessageMeta m : u.changed()) {
                changed.put(m.uid(), m);
                sel.told(m.uid(), m.flags(), m.modseq());
            }
        }
        if (!c.silent()) {
            for (long uid : uids) {
                SelectedMailbox.Known k = sel.known(uid);
                if (k == null || sel.expungePending(uid)) continue;
                s.out().untagged(sel.seqOf(uid) + " FETCH (" + (c.uid() ? "UID " + uid + " " : "")
                        + "FLAGS " + s.flagList(k.flags(), sel.recent(uid)) + ")");
            }
        }
        s.ok(tag, "STORE completed");
    }
}
