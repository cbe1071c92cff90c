package dev.surel.imap;

import java.io.IOException;

/**
 * CLOSE (RFC 9051 §6.4.1): leaves the selected mailbox and silently expunges its \Deleted
 * messages, unless it was opened read-only (EXAMINE). No untagged EXPUNGE is sent. UNSELECT
 * leaves without expunging ({@link UnselectCmd}).
 */
final class CloseCmd {
    private CloseCmd() { }

    // RFC 9051 §6.4.1
    static void run(ImapSession s, String tag) throws IOException {
        SelectedMailbox sel = s.selected();
        s.deselect();
        if (!sel.readOnly()) s.store().expunge(s.account(), sel.mailboxId(), null);
        s.ok(tag, "CLOSE completed");
    }
}
