package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;

/**
 * SELECT (RFC 9051 §6.3.2; RFC 3501 §6.3.1): opens a mailbox read-write, with CONDSTORE and
 * QRESYNC parameters (RFC 7162); completes with {@code OK [READ-WRITE]}. What it shares with
 * EXAMINE is in {@link SelectAndExamine}.
 */
final class SelectCmd {
    private SelectCmd() { }

    // RFC 9051 §6.3.2
    static void run(ImapSession s, String tag, ImapCommand.Select c) throws IOException {
        if (SelectAndExamine.open(s, tag, c)) s.ok(tag, "READ-WRITE", "SELECT completed");
    }
}
