package dev.surel.imap;

import dev.surel.protocol.imap.SequenceSet;
import dev.surel.store.CopyResult;
import dev.surel.store.MailboxInfo;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.util.List;

/**
 * What COPY ({@link CopyCmd}) and MOVE ({@link MoveCmd}) share: the messages a set names, the
 * target mailbox (missing: NO [TRYCREATE], RFC 9051 §6.4.7), and the COPYUID response code
 * (RFC 4315 §3). MOVE also needs a read-write source (RFC 6851 §3.3: it expunges), refused
 * before the target is looked up.
 */
final class CopyAndMove {
    private CopyAndMove() { }

    /** The source mailbox, the UIDs to transfer (not empty) and the target. */
    record Request(long sourceMailbox, List<Long> uids, MailboxInfo target) { }

    /**
     * The request of a COPY (or a MOVE when {@code move}), or null when the command has been
     * answered here: a bad set, a read-only source for MOVE, no such target, or no message to
     * transfer (OK: UIDs that name no message are not an error, RFC 9051 §6.4.9).
     */
    static Request request(ImapSession s, String tag, boolean uid, SequenceSet set, String mailbox, boolean move) throws IOException {
        SelectedMailbox sel = s.selected();
        List<Long> uids = Sequences.resolve(s, tag, uid, set);
        if (uids == null) return null;
        if (move && sel.readOnly()) {
            s.no(tag, "READ-ONLY", "Mailbox is read-only");
            return null;
        }
        MailboxInfo target;
        try {
            target = s.store().mailbox(s.account(), s.decodeName(mailbox));
        } catch (StoreException.NotFound e) {
            s.no(tag, "TRYCREATE", "No such mailbox");
            return null;
        }
        if (uids.isEmpty()) {
            s.ok(tag, (move ? "MOVE" : "COPY") + " completed");
            return null;
        }
        return new Request(sel.mailboxId(), uids, target);
    }

    /**
     * The COPYUID response code of what the store transferred (RFC 4315 §3), or null when it
     * transferred nothing because every message was expunged meanwhile: then the command has
     * been answered NO [EXPUNGEISSUED] (RFC 9051 §7.1).
     */
    static String copyUid(ImapSession s, String tag, CopyResult r) throws IOException {
        if (r.mapping().isEmpty()) {
            s.no(tag, "EXPUNGEISSUED", "Messages were expunged");
            return null;
        }
        return "COPYUID " + r.targetUidValidity() + " "
                + UidSets.format(r.mapping().stream().map(CopyResult.UidPair::sourceUid).toList()) + " "
                + UidSets.format(r.mapping().stream().map(CopyResult.UidPair::targetUid).toList());
    }
}
