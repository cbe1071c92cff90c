package dev.surel.managesieve;

import dev.surel.protocol.managesieve.ManageSieveResponse;
import java.io.IOException;

/**
 * RFC 5804 §2.2 STARTTLS, before authentication, once. Octets the client pipelined after it are
 * dropped by {@code Connection.startTls} (never executed); after the handshake the server sends
 * the capabilities again, now without STARTTLS and with PLAIN and LOGIN.
 */
final class StartTlsCmd {
    private StartTlsCmd() {
    }

    static void run(ManageSieveSession s) throws IOException {
        if (!s.conn.canStartTls()) {
            s.reply(ManageSieveResponse.no(s.conn.isTls() ? "already using TLS" : "TLS is not available"));
            return;
        }
        s.reply(ManageSieveResponse.ok("Begin TLS negotiation now"));
        s.conn.startTls();
        CapabilityCmd.send(s, "TLS negotiation successful");
    }
}
