package dev.surel.smtp;

import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import java.util.List;

/**
 * HELP (RFC 5321 §4.1.1.8, 214), VRFY (§4.1.1.6, §7.3: 252, discloses nothing) and EXPN
 * (§4.1.1.7, §7.3: 502, lists are not disclosed).
 */
final class InfoHandler {
    private InfoHandler() {
    }

    static SmtpReply help(SmtpSession s, SmtpCommand.Help c) {
        return new SmtpReply(214, "2.0.0", List.of(
                "Surel SMTP. Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT HELP VRFY"
                        + (s.ctx.submission() ? " AUTH" : "") + (s.conn.canStartTls() ? " STARTTLS" : ""),
                "See RFC 5321"));
    }

    static SmtpReply vrfy(SmtpCommand.Vrfy c) {
        return SmtpReply.of(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
    }

    static SmtpReply expn(SmtpCommand.Expn c) {
        return SmtpReply.of(502, "5.5.1", "EXPN not available");
    }
}
