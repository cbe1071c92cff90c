package dev.surel.smtp;

import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import dev.surel.queue.QueueRecipient;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): adds recipients to the transaction through
 * {@link RecipientPolicy}. Refusals: without MAIL (or once BDAT data began) 503 5.5.1; more
 * than {@code max_recipients} 452 4.5.3 (RFC 5321 §4.5.3.1.10); a non-ASCII address without
 * SMTPUTF8 553 5.6.7 (RFC 6531 §3.7.4.2). NOTIFY and ORCPT (RFC 3461 §4.1, §4.2) are kept on
 * each {@link QueueRecipient}.
 */
final class RcptHandler {
    private RcptHandler() {
    }

    static SmtpReply handle(SmtpSession s, SmtpCommand.Rcpt c) {
        Transaction tx = s.tx;
        if (tx == null) return Replies.BAD_SEQUENCE_MAIL;
        if (tx.bdat != null) return SmtpReply.of(503, "5.5.1", "RCPT not allowed after BDAT");
        if (tx.acceptedRcpts >= s.ctx.settings().maxRecipients()) return SmtpReply.of(452, "4.5.3", "Too many recipients");
        if (c.to().isInternational() && !tx.smtputf8()) return SmtpReply.of(553, "5.6.7", "Non-ASCII address requires SMTPUTF8");
        Set<QueueRecipient.Notify> notify = EnumSet.noneOf(QueueRecipient.Notify.class);
        for (SmtpCommand.Notify n : c.params().notifyOn()) notify.add(QueueRecipient.Notify.valueOf(n.name()));
        PolicyResult<List<QueueRecipient>> r = RecipientPolicy.check(s.ctx.directory(), s.ctx.store(), s.authenticated(), c.to(), notify,
                c.params().orcpt().orElse(null), s.ctx.srs(), s.ctx.clock().instant());
        return switch (r) {
            case PolicyResult.Accept<List<QueueRecipient>> a -> {
                tx.add(a.value());
                tx.acceptedRcpts++;
                tx.rcptPaths.add(c.to().path());
                yield SmtpReply.of(250, "2.1.5", "Recipient ok");
            }
            case PolicyResult.Defer<List<QueueRecipient>> d -> d.reply();
            case PolicyResult.Reject<List<QueueRecipient>> j -> j.reply();
        };
    }
}
