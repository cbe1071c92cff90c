package dev.surel.smtp;

import dev.surel.filter.Greylist;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import dev.surel.queue.QueueRecipient;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RCPT TO (RFC 5321 §4.1.1.3): adds recipients to the transaction through
 * {@link RecipientPolicy}. Refusals: without MAIL (or once BDAT data began) 503 5.5.1; more
 * than {@code max_recipients} 452 4.5.3 (RFC 5321 §4.5.3.1.10); a non-ASCII address without
 * SMTPUTF8 553 5.6.7 (RFC 6531 §3.7.4.2). NOTIFY and ORCPT (RFC 3461 §4.1, §4.2) are kept on
 * each {@link QueueRecipient}. On port 25 with {@code [greylist]} on, an acceptable recipient
 * of an unknown triplet is deferred with 451 4.7.1 (RFC 6647 §2; RFC 3463 X.7.1): see
 * {@link dev.surel.filter.Greylist}.
 */
final class RcptHandler {
    private static final Logger log = LoggerFactory.getLogger(RcptHandler.class);

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
                if (greylisted(s, tx, c) instanceof Greylist.Verdict.Defer d) {
                    log.info("{}: greylisted {} from {}, retry in {}s", s.conn.id(), d.triplet(), s.clientIp(), d.retryIn().toSeconds());
                    yield SmtpReply.of(451, "4.7.1", "Greylisted, please try again in " + Math.max(1, d.retryIn().toSeconds()) + " seconds");
                }
                tx.add(a.value());
                tx.acceptedRcpts++;
                tx.rcptPaths.add(c.to().path());
                yield SmtpReply.of(250, "2.1.5", "Recipient ok");
            }
            case PolicyResult.Defer<List<QueueRecipient>> d -> d.reply();
            case PolicyResult.Reject<List<QueueRecipient>> j -> j.reply();
        };
    }

    /** The greylisting verdict of a recipient the policy accepted: a pass off port 25 and for an authenticated client. */
    private static Greylist.Verdict greylisted(SmtpSession s, Transaction tx, SmtpCommand.Rcpt c) {
        if (!s.ctx.greylists() || s.authenticated()) return new Greylist.Verdict.Pass(Greylist.Why.OFF);
        return s.ctx.greylist().check(s.conn.remoteAddress().getAddress(), RecipientPolicy.wire(tx.mail.from()), RecipientPolicy.wire(c.to()));
    }
}
