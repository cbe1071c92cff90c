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
 * What SELECT ({@link SelectCmd}) and EXAMINE ({@link ExamineCmd}) share: opening a mailbox
 * (RFC 9051 §6.3.2, §6.3.3; RFC 3501 §6.3.1), read-write or read-only. A selected mailbox is closed
 * first (without expunge) and {@code * OK [CLOSED]} says so (RFC 9051 §7.1). The view is a fresh
 * snapshot taken after the queued events were discarded, so later events apply on top of it.
 * IMAP4rev1 sessions also get RECENT (their \Recent messages, see {@link RecentTracker}) and
 * [UNSEEN n]; IMAP4rev2 sessions a LIST response. FLAGS and PERMANENTFLAGS list the keywords
 * the mailbox's messages carry (RFC 3501 §7.2.6).
 * RFC 7162: {@code (CONDSTORE)} turns CONDSTORE on; once on, {@code OK [HIGHESTMODSEQ n]} (the
 * snapshot's, read before the messages, so never above what the view holds; at least 1). With
 * {@code (QRESYNC (...))} (QRESYNC enabled, else BAD) and a matching UIDVALIDITY the changes
 * since the client's MODSEQ follow ({@link QresyncSelect}); another UIDVALIDITY: a plain select.
 */
final class SelectAndExamine {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SelectAndExamine.class);

    private SelectAndExamine() { }

    /**
     * Opens the mailbox of {@code c} (read-only for EXAMINE) and writes its untagged responses;
     * false when the command has been answered here (BAD, NO [NONEXISTENT]), else the caller
     * completes it.
     */
    // RFC 9051 §6.3.2 / §6.3.3
    static boolean open(ImapSession s, String tag, ImapCommand.Select c) throws IOException {
        if (c.qresync() != null && !s.qresync()) {
            s.out().bad(tag, "QRESYNC must be enabled first"); // RFC 7162 §3.2.5
            return false;
        }
        if (s.selected() != null) {
            s.deselect();
            s.out().status("*", "OK", "CLOSED", "Previous mailbox closed");
        }
        if (c.condstore()) s.enableCondstore(); // RFC 7162 §3.1.8 (nothing selected now: SELECT says HIGHESTMODSEQ itself)
        String name = s.decodeName(c.mailbox());
        s.discardEvents();
        MailboxInfo info;
        List<MessageMeta> metas;
        try {
            info = s.store().mailbox(s.account(), name);
            metas = s.store().messages(s.account(), info.id(), UidRange.ALL);
        } catch (StoreException.NotFound e) {
            s.out().no(tag, "NONEXISTENT", "No such mailbox");
            return false;
        }
        SelectedMailbox mb = view(s, info, metas, c.examine());
        s.select(mb);
        var out = s.out();
        s.writeFlags(mb);
        out.untagged(mb.size() + " EXISTS");
        if (!s.rev2()) {
            out.untagged(mb.recentCount() + " RECENT");
            for (int seq = 1; seq <= mb.size(); seq++) {
                if (!mb.known(mb.uidAt(seq)).flags().has(Flag.SEEN)) {
                    out.status("*", "OK", "UNSEEN " + seq, "First unseen");
                    break;
                }
            }
        }
        out.status("*", "OK", "UIDVALIDITY " + info.uidValidity(), "UIDs valid");
        out.status("*", "OK", "UIDNEXT " + info.uidNext(), "Predicted next UID");
        if (s.condstore()) out.status("*", "OK", "HIGHESTMODSEQ " + Math.max(1, info.highestModseq()), "Highest");
        if (s.rev2()) {
            out.write(new ResponseBuilder().raw("* LIST () \"/\" ").string(s.encodeName(info.name())).crlf());
        }
        if (c.qresync() != null && c.qresync().uidValidity() == info.uidValidity()) {
            QresyncSelect.write(s, mb, info, metas, c.qresync());
        }
        return true;
    }

    /**
     * The session's view of the snapshot. IMAP4rev1 (RFC 3501 §2.3.2): the messages at or above
     * the mailbox's first-recent mark are \Recent here; SELECT claims them (the mark moves past
     * the snapshot and is stored at once), EXAMINE leaves them for the next session (RFC 3501
     * §6.3.2). IMAP4rev2 sessions have no \Recent and claim nothing (RFC 9051 §2.3.2).
     */
    private static SelectedMailbox view(ImapSession s, MailboxInfo info, List<MessageMeta> metas, boolean readOnly) {
        if (s.rev2()) {
            return new SelectedMailbox(info.id(), info.uidValidity(), info.name(), readOnly, metas,
                    info.highestModseq(), Long.MAX_VALUE, null);
        }
        RecentTracker tracker = s.recentTracker();
        long top = Math.max(info.uidNext(), metas.isEmpty() ? 1 : metas.getLast().uid() + 1);
        long from = tracker.open(info.id(), info.firstRecentUid(), top, !readOnly);
        if (!readOnly && top > info.firstRecentUid()) {
            try {
                s.store().claimRecent(s.account(), info.id(), top);
                tracker.stored(info.id(), top);
            } catch (RuntimeException e) {
                // the claim stays in memory and is written when the session leaves the mailbox
                log.warn("{}: \\Recent mark of mailbox {} not stored now: {}", s.connection().id(), info.id(), e.toString());
            }
        }
        long id = info.id();
        return new SelectedMailbox(id, info.uidValidity(), info.name(), readOnly, metas, info.highestModseq(), from,
                maxUid -> tracker.take(id, maxUid, !readOnly));
    }
}
