package dev.surel.smtp;

import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import dev.surel.store.StoreException;

/**
 * MAIL FROM (RFC 5321 §4.1.1.2): starts a transaction. Refusals: before EHLO/HELO or inside a
 * transaction 503 5.5.1; on submission before AUTH 530 5.7.0 (RFC 4954 §6) and a sender the
 * user does not own 553 5.7.1 ({@link SenderPolicy}); SIZE above the limit 552 5.3.4
 * (RFC 1870 §6.2); a non-ASCII address without SMTPUTF8 553 5.6.7 (RFC 6531 §3.7.4.2);
 * BODY=BINARYMIME (not advertised: content must be lines) 504 5.5.4; less free disk space than
 * {@code store.min_free_space} (plus the declared SIZE) 452 4.3.1 (RFC 5321 §4.2.3, RFC 1870 §6.2),
 * before any content is sent. {@code MAIL FROM:<>} is accepted on port 25 (RFC 5321 §4.5.5).
 * On port 25 the SPF check runs here (its outcome is acted on at the end of the data, with DKIM and DMARC).
 */
final class MailHandler {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MailHandler.class);
    private MailHandler() {
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.Mail c) {
        if (s.helo == null) return Replies.BAD_SEQUENCE_HELO;
        if (s.tx != null) return Replies.NESTED_MAIL;
        if (s.ctx.submission() && !s.authenticated()) return Replies.AUTH_REQUIRED;
        SmtpCommand.MailParams p = c.params();
        if (p.size().isPresent() && p.size().get() > s.ctx.settings().maxMessageSize()) {
            return SmtpReply.of(552, "5.3.4", "Message size exceeds fixed limit");
        }
        if (p.body().orElse(SmtpCommand.Body.SEVEN_BIT) == SmtpCommand.Body.BINARY_MIME) {
            return SmtpReply.of(504, "5.5.4", "BODY=BINARYMIME is not supported");
        }
        if (p.requireTls() && s.conn.tlsInfo().isEmpty()) { // RFC 8689 §4.1: REQUIRETLS only over TLS
            return SmtpReply.of(530, "5.7.10", "REQUIRETLS needs a TLS session: STARTTLS first");
        }
        if (c.from().isInternational() && !p.smtputf8()) {
            return SmtpReply.of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        }
        if (s.ctx.submission()) {
            PolicyResult<Void> r = SenderPolicy.check(s.ctx.directory(), s.user, c.from());
            switch (r) {
                case PolicyResult.Accept<Void> a -> { }
                case PolicyResult.Defer<Void> d -> { return d.reply(); }
                case PolicyResult.Reject<Void> j -> { return j.reply(); }
            }
        }
        try {
            s.ctx.store().requireSpace(p.size().orElse(0L));
        } catch (StoreException.Unavailable e) {
            log.warn("{}: MAIL refused: {}", s.conn.id(), e.getMessage());
            return Replies.storeUnavailable(e);
        }
        Transaction tx = new Transaction(c);
        if (s.ctx.checksInbound()) { // RFC 7208 §2.4: the MAIL FROM identity (or HELO for <>), decided on at the end of the data
            tx.spf = s.ctx.inbound().spf(s.conn.remoteAddress().getAddress(), s.helo, RecipientPolicy.wire(c.from()));
        }
        s.tx = tx;
        return SmtpReply.of(250, "2.1.0", "Sender ok");
    }
}
