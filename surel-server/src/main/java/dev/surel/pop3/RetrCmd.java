package dev.surel.pop3;

import dev.surel.maildrop.Maildrop;
import dev.surel.protocol.pop3.Pop3Command;
import java.io.IOException;

/** RFC 1939 §5 RETR msg: the whole message; marks it retrieved (\Seen and first download at QUIT). */
final class RetrCmd {
    private RetrCmd() {
    }

    static void run(Pop3Session s, Pop3Command.Retr c) throws IOException {
        Maildrop.Entry e = s.message(c.message());
        if (e != null && MessageSender.send(s, e, -1) == MessageSender.Sent.WHOLE) s.maildrop.retrieved(c.message());
    }
}
