package dev.surel.pop3;

import dev.surel.protocol.pop3.Pop3Command;
import dev.surel.protocol.pop3.Pop3Reply;
import java.io.IOException;

/**
 * RFC 1939 §5 DELE msg: marks the message deleted in this session (later commands cannot
 * name it; a second DELE is {@code -ERR}); QUIT then expunges or hides it as the policy says.
 */
final class DeleCmd {
    private DeleCmd() {
    }

    static void run(Pop3Session s, Pop3Command.Dele c) throws IOException {
        if (s.message(c.message()) == null) return;
        s.maildrop.delete(c.message());
        s.reply(Pop3Reply.ok("message " + c.message() + " deleted"));
    }
}
