package dev.surel.imap;

import dev.surel.protocol.imap.SequenceSet;
import dev.surel.store.CopyResult;
import dev.surel.store.MailboxInfo;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.util.List;

/**
 * COPY / UID COPY (RFC 9051 §6.4.7) and MOVE / UID MOVE (RFC 6851, RFC 9051 §6.4.8) with
 * COPYUID (RFC 4315 §3). A missing target is NO [TRYCREATE]. MOVE sends its COPYUID in an
 * untagged OK before the EXPUNGEs (VANISHED once QRESYNC is on) of the moved messages (RFC 6851
 * §4.3, RFC 7162 §3.2.10). The target may be the selected mailbox itself: the copies get new
 * UIDs and arrive as EXISTS at the completion, like any other new message.
 */
final class CopyCmd {
    private CopyCmd() { }

    // RFC 9051 §6.4.7 / §6.4.8, RFC 6851 §3, RFC 4315 §3
    static void run(ImapSession s, String tag, boolean uid, SequenceSet set, String mailbox, boolean move) throws IOException {
        SelectedMailbox sel = s.selected();
        List<Long> uids = Sequences.resolve(s, tag, uid, set);
        if (uids == null) return;
        String verb = move ? "MOVE" : "COPY";
        if (move && sel.readOnly()) {
            s.no(tag, "READ-ONLY", "Mailbox is read-only");
            return;
        }
        MailboxInfo target;
        try {
            target = s.store().mailbox(s.account(), s.decodeName(mailbox));
        } catch (StoreException.NotFound e) {
            s.no(tag, "TRYCREATE", "No such mailbox");
            return;
        }
        if (uids.isEmpty()) {
            s.ok(tag, verb + " completed");
            return;
        }
        CopyResult r = move
                ? s.store().move(s.account(), sel.mailboxId(), uids, target.id())
                : s.store().copy(s.account(), sel.mailboxId(), uids, target.id());
        if (r.mapping().isEmpty()) {
            s.no(tag, "EXPUNGEISSUED", "Messages were expunged");
            return;
        }
        String code = "COPYUID " + r.targetUidValidity() + " "
                + UidSets.format(r.mapping().stream().map(CopyResult.UidPair::sourceUid).toList()) + " "
                + UidSets.format(r.mapping().stream().map(CopyResult.UidPair::targetUid).toList());
        if (!move) {
            s.ok(tag, code, "COPY completed");
            return;
        }
        s.out().status("*", "OK", code, "Moved");
        s.announceExpunged(r.mapping().stream().map(CopyResult.UidPair::sourceUid).toList());
        s.ok(tag, "MOVE completed");
    }
}
