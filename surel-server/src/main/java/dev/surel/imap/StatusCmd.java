package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.imap.StatusItem;
import dev.surel.store.MailboxInfo;
import java.io.IOException;
import java.util.List;

/**
 * STATUS (RFC 9051 §6.3.11) with DELETED and SIZE (RFC 8438), APPENDLIMIT (RFC 7889 §4) and
 * RECENT (IMAP4rev1, RFC 3501 §6.3.10: the messages the next session to select the mailbox sees
 * as \Recent; not sent to IMAP4rev2 sessions). Also writes the STATUS lines of LIST-STATUS
 * (RFC 5819). HIGHESTMODSEQ (RFC 7162 §3.1.6) turns CONDSTORE on.
 */
final class StatusCmd {
    private StatusCmd() { }

    // RFC 9051 §6.3.11
    static void run(ImapSession s, String tag, ImapCommand.Status c) throws IOException {
        MailboxInfo info = s.store().mailbox(s.account(), s.decodeName(c.mailbox()));
        if (c.items().contains(StatusItem.HIGHESTMODSEQ)) s.enableCondstore(); // RFC 7162 §3.1.6
        write(s, info, c.items());
        s.ok(tag, "STATUS completed");
    }

    static void write(ImapSession s, MailboxInfo info, List<StatusItem> items) throws IOException {
        ResponseBuilder b = new ResponseBuilder().raw("* STATUS ").string(s.encodeName(info.name())).raw(" (");
        boolean first = true;
        for (StatusItem item : items) {
            if (item == StatusItem.RECENT && s.rev2()) continue;
            if (!first) b.sp();
            first = false;
            b.raw(item.name()).sp().number(switch (item) {
                case MESSAGES -> info.messages();
                case UIDNEXT -> info.uidNext();
                case UIDVALIDITY -> info.uidValidity();
                case UNSEEN -> info.unseen();
                case DELETED -> info.deleted();
                case SIZE -> info.size();
                case RECENT -> s.recentCount(info);
                case APPENDLIMIT -> s.appendLimit();
                case HIGHESTMODSEQ -> Math.max(1, info.highestModseq());
            });
        }
        s.out().write(b.raw(")").crlf());
    }
}
