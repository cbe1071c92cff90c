package dev.surel.pop3;

import dev.surel.protocol.pop3.Pop3Reply;
import java.io.IOException;

/**
 * RFC 2595 §4 STLS, in AUTHORIZATION only, once. Octets the client pipelined after STLS are
 * dropped by {@code Connection.startTls} (never executed); a pending USER is forgotten.
 */
final class StlsCmd {
    private StlsCmd() {
    }

    static void run(Pop3Session s) throws IOException {
        if (!s.conn.canStartTls()) {
            s.reply(Pop3Reply.err(s.conn.isTls() ? "already using TLS" : "TLS is not available"));
            return;
        }
        s.reply(Pop3Reply.ok("Begin TLS negotiation"));
        s.conn.startTls();
        s.pendingUser = null;
    }
}
