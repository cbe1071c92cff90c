package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;

/**
 * DELETE (RFC 9051 §6.3.5): INBOX cannot be deleted (NO [CANNOT]); a missing mailbox is
 * NO [NONEXISTENT]. Deleting this session's selected mailbox deselects it first
 * ({@code * OK [CLOSED]}); other sessions that had it selected get BYE.
 */
final class DeleteCmd {
    private DeleteCmd() { }

    // RFC 9051 §6.3.5
    static void run(ImapSession s, String tag, ImapCommand.Delete c) throws IOException {
        String name = s.decodeName(c.mailbox());
        if (name.equals("INBOX")) {
            s.no(tag, "CANNOT", "INBOX cannot be deleted");
            return;
        }
        var info = s.store().mailbox(s.account(), name);
        if (s.selected() != null && s.selected().mailboxId() == info.id()) {
            s.deselect();
            s.out().status("*", "OK", "CLOSED", "Mailbox closed");
        }
        s.store().deleteMailbox(s.account(), name);
        s.ok(tag, "DELETE completed");
    }
}
