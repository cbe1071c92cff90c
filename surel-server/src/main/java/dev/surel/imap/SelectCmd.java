package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.store.Flag;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.StoreException;
import dev.surel.store.UidRange;
import java.io.IOException;
import java.util.List;

/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2, §6.3.3; RFC 3501 §6.3.1). A selected mailbox is closed
 * first (without expunge) and {@code * OK [CLOSED]} says so (RFC 9051 §7.1). The view is a fresh
 * snapshot taken after the queued events were discarded, so later events apply on top of it.
 * IMAP4rev1 sessions also get RECENT and [UNSEEN n]; IMAP4rev2 sessions a LIST response.
 */
final class SelectCmd {
    private SelectCmd() { }

    // RFC 9051 §6.3.2 / §6.3.3
    static void run(ImapSession s, String tag, ImapCommand.Select c) throws IOException {
        if (s.selected() != null) {
            s.deselect();
            s.out().status("*", "OK", "CLOSED", "Previous mailbox closed");
        }
        String name = s.decodeName(c.mailbox());
        s.discardEvents();
        MailboxInfo info;
        List<MessageMeta> metas;
        try {
            info = s.store().mailbox(s.account(), name);
            metas = s.store().messages(s.account(), info.id(), UidRange.ALL);
        } catch (StoreException.NotFound e) {
            s.out().no(tag, "NONEXISTENT", "No such mailbox");
            return;
        }
        SelectedMailbox mb = new SelectedMailbox(info.id(), info.uidValidity(), info.name(), c.examine(), metas);
        var out = s.out();
        out.untagged("FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)");
        out.status("*", "OK", "PERMANENTFLAGS " + (c.examine() ? "()" : "(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)"),
                c.examine() ? "No permanent flags permitted" : "Flags permitted");
        out.untagged(mb.size() + " EXISTS");
        if (!s.rev2()) {
            out.untagged("0 RECENT");
            for (int seq = 1; seq <= mb.size(); seq++) {
                if (!mb.known(mb.uidAt(seq)).flags().has(Flag.SEEN)) {
                    out.status("*", "OK", "UNSEEN " + seq, "First unseen");
                    break;
                }
            }
        }
        out.status("*", "OK", "UIDVALIDITY " + info.uidValidity(), "UIDs valid");
        out.status("*", "OK", "UIDNEXT " + info.uidNext(), "Predicted next UID");
        if (s.rev2()) {
            out.write(new ResponseBuilder().raw("* LIST () \"/\" ").string(s.encodeName(info.name())).crlf());
        }
        s.select(mb);
        s.ok(tag, c.examine() ? "READ-ONLY" : "READ-WRITE", (c.examine() ? "EXAMINE" : "SELECT") + " completed");
    }
}
