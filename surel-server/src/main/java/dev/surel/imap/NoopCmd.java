package dev.surel.imap;

import java.io.IOException;

/**
 * NOOP (RFC 9051 §6.1.2) and CHECK (RFC 3501 §6.4.1, an IMAP4rev1 NOOP): a safe point where
 * pending EXISTS / EXPUNGE / FETCH updates are written.
 */
final class NoopCmd {
    private NoopCmd() { }

    // RFC 9051 §6.1.2, RFC 3501 §6.4.1
    static void run(ImapSession s, String tag) throws IOException {
        s.ok(tag, "NOOP completed");
    }
}
