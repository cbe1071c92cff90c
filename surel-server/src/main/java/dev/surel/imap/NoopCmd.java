package dev.surel.imap;

import java.io.IOException;

/**
 * NOOP (RFC 9051 §6.1.2): a safe point where pending EXISTS / EXPUNGE / FETCH updates are
 * written. CHECK answers the same way ({@link CheckCmd}).
 */
final class NoopCmd {
    private NoopCmd() { }

    // RFC 9051 §6.1.2
    static void run(ImapSession s, String tag) throws IOException {
        s.ok(tag, "NOOP completed");
    }
}
