package dev.surel.imap;

import java.io.IOException;

/**
 * UNSELECT (RFC 3691, RFC 9051 §6.4.2): leaves the selected mailbox for the authenticated state
 * without expunging anything, read-write or not; unlike CLOSE ({@link CloseCmd}).
 */
final class UnselectCmd {
    private UnselectCmd() { }

    // RFC 9051 §6.4.2, RFC 3691 §2
    static void run(ImapSession s, String tag) throws IOException {
        s.deselect();
        s.ok(tag, "UNSELECT completed");
    }
}
