package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.store.Appended;
import dev.surel.store.Flags;
import dev.surel.store.MailboxInfo;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * APPEND (RFC 9051 §6.3.12) and MULTIAPPEND (RFC 3502: all messages in one transaction, all or
 * none), answered with APPENDUID (RFC 4315 §3). The messages were spooled to the store while
 * the literals were read (bare LF already CRLF); a message with NUL octets must come as a
 * literal8 (RFC 3516 §4.4), UTF8 (~{n}) needs ENABLE UTF8=ACCEPT (RFC 6855 §4), else BAD; a
 * missing mailbox is NO [TRYCREATE], a message
 * the spool refused NO [TOOBIG] (RFC 7889) or, for a header over the store's limits (so that
 * SEARCH and HEADER.FIELDS see every field), NO [LIMIT] (RFC 9051 §7.1), quota NO [OVERQUOTA]
 * (RFC 9208 §4.3), a message the store could not take (disk full, I/O error) NO [OVERQUOTA] /
 * NO [UNAVAILABLE]. The EXISTS
 * for a selected target comes from the change bus, like any other change.
 */
final class AppendCmd {
    private AppendCmd() { }

    // RFC 9051 §6.3.12, RFC 3502 §6.3.11, RFC 4315 §3
    static void run(ImapSession s, String tag, ImapCommand.Append c) throws IOException {
        for (ImapCommand.AppendMessage m : c.messages()) {
            if (m.utf8() && !s.utf8Accept()) {
                s.out().bad(tag, "APPEND UTF8 needs ENABLE UTF8=ACCEPT"); // RFC 6855 §4
                return;
            }
            if (!m.binary() && s.spooledWithNul(m.literal())) {
                s.out().bad(tag, "NUL octet in a literal; send a literal8"); // RFC 3516 §4.4, RFC 9051 §4.3
                return;
            }
        }
        MailboxInfo target;
        try {
            target = s.store().mailbox(s.account(), s.decodeName(c.mailbox()));
        } catch (StoreException.NotFound e) {
            s.no(tag, "TRYCREATE", "No such mailbox");
            return;
        }
        List<NewMessage> messages = new ArrayList<>();
        for (ImapCommand.AppendMessage m : c.messages()) {
            StoreException.Unavailable unstored = s.unstored(m.literal());
            if (unstored != null) {
                StoreErrors.unavailable(s, tag, unstored);
                return;
            }
            SpooledMessage blob = s.spooled(m.literal());
            if (blob == null) {
                StoreException.BadMessage why = s.spoolRefusal(m.literal());
                if (why != null && why.reason() == StoreException.BadMessage.Reason.HEADER) {
                    // RFC 9051 §7.1 LIMIT: not the size, a header over the limits every stored message keeps
                    s.no(tag, "LIMIT", "Message header too large for this server");
                } else {
                    s.no(tag, "TOOBIG", "Message too large");
                }
                return;
            }
            Flags flags;
            try {
                flags = FlagNames.parse(m.flags());
            } catch (IllegalArgumentException e) {
                s.out().bad(tag, "Invalid flag");
                return;
            }
            messages.add(new NewMessage(blob, flags, m.internalDate()));
        }
        List<Appended> done;
        try {
            done = messages.size() == 1
                    ? List.of(s.store().append(s.account(), target.id(), messages.getFirst()))
                    : s.store().appendAll(s.account(), target.id(), messages);
        } catch (StoreException.NotFound e) {
            s.no(tag, "TRYCREATE", "No such mailbox");
            return;
        }
        List<Long> uids = done.stream().map(Appended::uid).toList();
        s.ok(tag, "APPENDUID " + done.getFirst().uidValidity() + " " + UidSets.format(uids), "APPEND completed");
    }
}
