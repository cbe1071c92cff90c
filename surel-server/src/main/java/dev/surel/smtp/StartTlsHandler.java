package dev.surel.smtp;

import dev.surel.net.TlsHandshakeException;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.io.IOException;

/**
 * STARTTLS (RFC 3207): offered on 25 and 587 when TLS is configured, never required on 25. The
 * go-ahead is flushed, input pipelined after the command is dropped by the connection
 * (RFC 3207 §4.2, CVE-2011-0411) and the session forgets everything: EHLO again.
 */
final class StartTlsHandler {
    private StartTlsHandler() {
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.StartTls c) throws IOException {
        if (s.conn.isTls()) return SmtpReply.of(503, "5.5.1", "TLS already active");
        if (!s.conn.canStartTls()) return SmtpReply.of(454, "4.7.0", "TLS not available");
        if (s.tx != null) return SmtpReply.of(503, "5.5.1", "STARTTLS not allowed during a mail transaction");
        s.send(SmtpReply.of(220, "2.0.0", "Ready to start TLS"), true);
        try {
            s.conn.startTls();
        } catch (TlsHandshakeException e) {
            throw new java.io.EOFException("TLS handshake failed: " + e.getMessage());
        }
        s.resetTransaction();
        s.helo = null;
        s.esmtp = false;
        s.user = null;
        return Replies.NONE;
    }
}
