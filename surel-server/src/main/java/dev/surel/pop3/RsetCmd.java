package dev.surel.pop3;

import dev.surel.protocol.pop3.Pop3Reply;
import java.io.IOException;

/** RFC 1939 §5 RSET: unmarks every message marked deleted (retrieved marks stay: they were downloaded). */
final class RsetCmd {
    private RsetCmd() {
    }

    static void run(Pop3Session s) throws IOException {
        s.maildrop.undeleteAll();
        s.reply(Pop3Reply.ok("maildrop has " + s.maildrop.liveCount() + " messages (" + s.maildrop.liveSize() + " octets)"));
    }
}
