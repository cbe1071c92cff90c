package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.imap.names.ListPattern;
import dev.surel.store.MailboxInfo;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** LSUB (RFC 3501 §6.3.9; deprecated in RFC 9051 but still answered): subscribed names matching the pattern. */
final class LsubCmd {
    private LsubCmd() { }

    // RFC 3501 §6.3.9
    static void run(ImapSession s, String tag, ImapCommand.Lsub c) throws IOException {
        ListPattern w = ListPattern.of(MailboxNames.pattern(c.reference(), s.utf8Names()), MailboxNames.pattern(c.pattern(), s.utf8Names()), '/');
        Set<String> existing = new HashSet<>();
        for (MailboxInfo m : s.store().listMailboxes(s.account())) existing.add(m.name());
        for (String name : s.store().subscriptions(s.account())) {
            if (!w.matches(name)) continue;
            ResponseBuilder b = new ResponseBuilder().raw("* LSUB ")
                    .atomList(existing.contains(name) ? List.of() : List.of("\\Noselect"))
                    .raw(" \"/\" ").string(s.encodeName(name));
            s.out().write(b.crlf());
        }
        s.ok(tag, "LSUB completed");
    }
}
