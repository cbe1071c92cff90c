package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.Expunged;
import java.io.IOException;
import java.util.List;

/**
 * EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): one untagged EXPUNGE per removed
 * message, each sequence number valid at the moment it is sent, or one VANISHED once QRESYNC is
 * on (RFC 7162 §3.2.10). A read-only mailbox is NO.
 */
final class ExpungeCmd {
    private ExpungeCmd() { }

    // RFC 9051 §6.4.3, RFC 4315 §2.1
    static void run(ImapSession s, String tag, ImapCommand.Expunge c) throws IOException {
        SelectedMailbox sel = s.selected();
        if (sel.readOnly()) {
            s.no(tag, "READ-ONLY", "Mailbox is read-only");
            return;
        }
        List<Long> only = null;
        if (c.uids() != null) {
            only = Sequences.resolve(s, tag, true, c.uids()); // UID EXPUNGE, also UID EXPUNGE $
            if (only == null) return;
        }
        if (only != null && only.isEmpty()) {
            s.ok(tag, "EXPUNGE completed");
            return;
        }
        Expunged gone = s.store().expunge(s.account(), sel.mailboxId(), only);
        s.announceExpunged(gone.uids());
        s.ok(tag, "EXPUNGE completed");
    }
}
