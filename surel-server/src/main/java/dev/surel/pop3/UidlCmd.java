package dev.surel.pop3;

import dev.surel.maildrop.Maildrop;
import dev.surel.protocol.pop3.Pop3Command;
import dev.surel.protocol.pop3.Pop3Reply;
import java.io.IOException;

/** RFC 1939 §7 UIDL [msg]: "n unique-id" per message not marked deleted (ids: see {@link Maildrop}; the listing in one write). */
final class UidlCmd {
    private UidlCmd() {
    }

    static void run(Pop3Session s, Pop3Command.Uidl c) throws IOException {
        Maildrop md = s.maildrop;
        if (c.message().isPresent()) {
            int n = c.message().getAsInt();
            Maildrop.Entry e = s.message(n);
            if (e != null) s.reply(Pop3Reply.ok(n + " " + e.uniqueId()));
            return;
        }
        s.reply(Pop3Reply.ok("unique-id listing follows"));
        Listing lines = new Listing(md.size());
        for (int n = 1; n <= md.size(); n++) {
            if (!md.isDeleted(n)) lines.number(n).octet(' ').number(md.uidValidityOf(n)).octet('.').number(md.uidOf(n)).crlf();
        }
        lines.writeTo(s.conn);
    }
}
