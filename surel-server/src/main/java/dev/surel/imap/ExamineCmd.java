package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import java.io.IOException;

/**
 * EXAMINE (RFC 9051 §6.3.3; RFC 3501 §6.3.2): SELECT, read-only: completes with
 * {@code OK [READ-ONLY]}, PERMANENTFLAGS is empty, STORE, EXPUNGE and MOVE are refused
 * (NO [READ-ONLY]), CLOSE expunges nothing, and an IMAP4rev1 session leaves the \Recent
 * messages to the next session. What it shares with SELECT is in {@link SelectAndExamine}.
 */
final class ExamineCmd {
    private ExamineCmd() { }

    // RFC 9051 §6.3.3
    static void run(ImapSession s, String tag, ImapCommand.Select c) throws IOException {
        if (SelectAndExamine.open(s, tag, c)) s.ok(tag, "READ-ONLY", "EXAMINE completed");
    }
}
