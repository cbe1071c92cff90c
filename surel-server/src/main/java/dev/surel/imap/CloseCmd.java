package dev.surel.imap;

import java.io.IOException;

/**
 * CLOSE (RFC 9051 §6.4.1: silently expunges \Deleted messages unless read-only) and UNSELECT
 * (RFC 3691, RFC 9051 §6.4.2: no expunge). Either way no untagged EXPUNGE is sent.
 */
final class CloseCmd {
    private CloseCmd() { }

    // RFC 9051 §6.4.1 / §6.4.2
    static void run(ImapSession s, String tag, boolean expunge) throws IOException {
        SelectedMailbox sel = s.selected();
        s.deselect();
        if (expunge && !sel.readOnly()) s.store().expunge(s.account(), sel.mailboxId(), null);
        s.ok(tag, expunge ? "CLOSE completed" : "UNSELECT completed");
    }
}
