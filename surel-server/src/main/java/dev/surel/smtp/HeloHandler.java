package dev.surel.smtp;

import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.util.ArrayList;
import java.util.List;

/**
 * EHLO and HELO (RFC 5321 §4.1.1.1): both reset the transaction (§4.1.4). EHLO lists the
 * extensions Surel honours, without enhanced codes (RFC 2034 §3): PIPELINING (RFC 2920), SIZE
 * (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), ENHANCEDSTATUSCODES (RFC 2034),
 * CHUNKING (RFC 3030), DSN (RFC 3461), STARTTLS before TLS (RFC 3207), REQUIRETLS over TLS
 * (RFC 8689) and, on submission only,
 * AUTH with the mechanisms the clear-text rule allows (RFC 4954).
 */
final class HeloHandler {
    private HeloHandler() {
    }

    static SmtpReply ehlo(SmtpSession s, SmtpCommand.Ehlo c) {
        s.resetTransaction();
        s.helo = c.domain();
        s.esmtp = true;
        List<String> lines = new ArrayList<>();
        lines.add(s.ctx.hostname() + " Hello " + SmtpReply.safe(c.domain()));
        lines.add("PIPELINING");
        lines.add("SIZE " + s.ctx.settings().maxMessageSize());
        lines.add("8BITMIME");
        lines.add("SMTPUTF8");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("CHUNKING");
        lines.add("DSN");
        if (s.conn.canStartTls()) lines.add("STARTTLS");
        if (s.conn.tlsInfo().isPresent()) lines.add("REQUIRETLS"); // RFC 8689 §3: only over TLS
        if (s.ctx.submission() && !s.authenticated()) {
            List<String> mechs = AuthHandler.mechanisms(s).stream().map(SaslMechanism::name).toList();
            if (!mechs.isEmpty()) lines.add("AUTH " + String.join(" ", mechs));
        }
        lines.add("HELP");
        return new SmtpReply(250, null, lines);
    }

    static SmtpReply helo(SmtpSession s, SmtpCommand.Helo c) {
        s.resetTransaction();
        s.helo = c.domain();
        s.esmtp = false;
        return SmtpReply.plain(250, s.ctx.hostname() + " Hello " + SmtpReply.safe(c.domain()));
    }
}
