package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;

/** ID (RFC 2971): the server's name; the client's fields are not kept. */
final class IdCmd {
    private IdCmd() { }

    // RFC 2971 §3.1
    static void run(ImapSession s, String tag, ImapCommand.Id c) throws IOException {
        s.out().untagged("ID (\"name\" \"Surel\" \"vendor\" \"Surel\")");
        s.ok(tag, "ID completed");
    }
}
