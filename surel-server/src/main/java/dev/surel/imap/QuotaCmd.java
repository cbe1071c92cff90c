package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.store.Quota;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * QUOTA (RFC 9208): one quota root "" per account with STORAGE (in units of 1024 octets,
 * RFC 9208 §5.1) and MESSAGE (§5.2) where a limit is set. SETQUOTA is refused: limits are the
 * administrator's (§4.1.4 allows NO).
 */
final class QuotaCmd {
    private QuotaCmd() { }

    // RFC 9208 §4.1.1
    static void getQuota(ImapSession s, String tag, ImapCommand.GetQuota c) throws IOException {
        if (!c.root().isEmpty()) {
            s.no(tag, "NONEXISTENT", "No such quota root");
            return;
        }
        writeQuota(s);
        s.ok(tag, "GETQUOTA completed");
    }

    // RFC 9208 §4.1.2
    static void getQuotaRoot(ImapSession s, String tag, ImapCommand.GetQuotaRoot c) throws IOException {
        var info = s.store().mailbox(s.account(), s.decodeName(c.mailbox()));
        s.out().write(new ResponseBuilder().raw("* QUOTAROOT ").string(s.encodeName(info.name())).raw(" \"\"").crlf());
        writeQuota(s);
        s.ok(tag, "GETQUOTAROOT completed");
    }

    // RFC 9208 §4.1.4
    static void setQuota(ImapSession s, String tag) throws IOException {
        s.no(tag, "CANNOT", "Quota limits are set by the administrator");
    }

    private static void writeQuota(ImapSession s) throws IOException {
        Quota q = s.store().quota(s.account());
        List<String> parts = new ArrayList<>();
        if (q.limitBytes() > 0) parts.add("STORAGE " + (q.usedBytes() + 1023) / 1024 + " " + q.limitBytes() / 1024);
        if (q.limitMessages() > 0) parts.add("MESSAGE " + q.usedMessages() + " " + q.limitMessages());
        s.out().untagged("QUOTA \"\" (" + String.join(" ", parts) + ")");
    }
}
