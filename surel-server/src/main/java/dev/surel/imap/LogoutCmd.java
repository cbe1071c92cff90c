package dev.surel.imap;

import java.io.IOException;

/** LOGOUT (RFC 9051 §6.1.3): untagged BYE, then the tagged OK, then the connection closes. */
final class LogoutCmd {
    private LogoutCmd() { }

    // RFC 9051 §6.1.3
    static void run(ImapSession s, String tag) throws IOException {
        s.out().untagged("BYE Surel logging out");
        s.out().ok(tag, "LOGOUT completed");
        s.logout();
    }
}
