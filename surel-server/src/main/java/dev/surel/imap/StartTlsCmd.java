package dev.surel.imap;

import java.io.IOException;

/**
 * STARTTLS (RFC 9051 §6.2.1): OK, then the TLS handshake; input pipelined before it is
 * discarded by the connection. The client must ask for CAPABILITY again afterwards.
 */
final class StartTlsCmd {
    private StartTlsCmd() { }

    // RFC 9051 §6.2.1
    static void run(ImapSession s, String tag) throws IOException {
        if (!s.connection().canStartTls()) {
            s.out().bad(tag, "STARTTLS not available");
            return;
        }
        s.out().ok(tag, "Begin TLS negotiation now");
        s.connection().startTls();
    }
}
