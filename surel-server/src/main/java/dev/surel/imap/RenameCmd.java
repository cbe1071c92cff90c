package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;

/**
 * RENAME (RFC 9051 §6.3.6): inferiors move along; renaming INBOX moves its messages into the
 * new mailbox and leaves INBOX empty (the store does both). An existing target is
 * NO [ALREADYEXISTS], a missing source NO [NONEXISTENT].
 */
final class RenameCmd {
    private RenameCmd() { }

    // RFC 9051 §6.3.6
    static void run(ImapSession s, String tag, ImapCommand.Rename c) throws IOException {
        String from = s.decodeName(c.from());
        String to = s.decodeName(c.to());
        if (to.equals("INBOX")) {
            s.no(tag, "ALREADYEXISTS", "INBOX always exists");
            return;
        }
        if (to.isEmpty()) {
            s.no(tag, "CANNOT", "Empty mailbox name");
            return;
        }
        s.store().renameMailbox(s.account(), from, to);
        s.ok(tag, "RENAME completed");
    }
}
