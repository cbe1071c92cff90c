package dev.surel.pop3;

import dev.surel.maildrop.Maildrop;
import dev.surel.protocol.pop3.Pop3Command;
import dev.surel.protocol.pop3.Pop3Reply;
import java.io.IOException;

/** RFC 1939 §5 LIST [msg]: "n size" per message not marked deleted, from the snapshot (the listing in one write). */
final class ListCmd {
    private ListCmd() {
    }

    static void run(Pop3Session s, Pop3Command.List c) throws IOException {
        Maildrop md = s.maildrop;
        if (c.message().isPresent()) {
            int n = c.message().getAsInt();
            Maildrop.Entry e = s.message(n);
            if (e != null) s.reply(Pop3Reply.ok(n + " " + e.size()));
            return;
        }
        s.reply(Pop3Reply.ok(md.liveCount() + " messages (" + md.liveSize() + " octets)"));
        Listing lines = new Listing(md.size());
        for (int n = 1; n <= md.size(); n++) {
            if (!md.isDeleted(n)) lines.number(n).octet(' ').number(md.sizeOf(n)).crlf();
        }
        lines.writeTo(s.conn);
    }
}
