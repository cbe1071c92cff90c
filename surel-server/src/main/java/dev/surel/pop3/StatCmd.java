package dev.surel.pop3;

import dev.surel.protocol.pop3.Pop3Reply;
import java.io.IOException;

/** RFC 1939 §5 STAT: count and octets of the messages not marked deleted, from the snapshot. */
final class StatCmd {
    private StatCmd() {
    }

    static void run(Pop3Session s) throws IOException {
        s.reply(Pop3Reply.ok(s.maildrop.liveCount() + " " + s.maildrop.liveSize()));
    }
}
