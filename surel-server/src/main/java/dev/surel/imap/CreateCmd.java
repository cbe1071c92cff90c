package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.SpecialUse;
import java.io.IOException;

/**
 * CREATE (RFC 9051 §6.3.4) with RFC 6154 §3 {@code USE (\Drafts)}: one special-use attribute at
 * most; an unknown one is NO [USEATTR]. Missing superiors are created by the store; INBOX
 * exists already (NO [ALREADYEXISTS]).
 */
final class CreateCmd {
    private CreateCmd() { }

    // RFC 9051 §6.3.4, RFC 6154 §3
    static void run(ImapSession s, String tag, ImapCommand.Create c) throws IOException {
        String name = s.decodeName(c.mailbox());
        if (name.isEmpty() || name.equals("/")) {
            s.no(tag, "CANNOT", "Empty mailbox name");
            return;
        }
        SpecialUse use = null;
        if (c.specialUse().size() > 1) {
            s.no(tag, "USEATTR", "Only one special-use attribute per mailbox");
            return;
        }
        if (c.specialUse().size() == 1) {
            try {
                use = SpecialUse.fromAttribute(c.specialUse().getFirst());
            } catch (IllegalArgumentException e) {
                s.no(tag, "USEATTR", "Unsupported special-use attribute");
                return;
            }
        }
        if (name.equals("INBOX")) {
            s.no(tag, "ALREADYEXISTS", "INBOX always exists");
            return;
        }
        s.store().createMailbox(s.account(), name, use);
        s.ok(tag, "CREATE completed");
    }
}
