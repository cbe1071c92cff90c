package dev.surel.smtp;

import dev.surel.filter.FilterRun;
import dev.surel.filter.FilterVerdict;
import dev.surel.mailauth.InboundVerdict;
import dev.surel.mailauth.MessageCheck;
import dev.surel.net.TlsInfo;
import dev.surel.protocol.filter.AuthOutcome;
import dev.surel.protocol.smtp.HeaderScanner;
import dev.surel.protocol.smtp.SmtpCommand;
import dev.surel.protocol.smtp.SmtpReply;
import dev.surel.queue.Envelope;
import dev.surel.queue.MailQueue;
import dev.surel.queue.QueueException;
import dev.surel.store.SpooledMessage;
import dev.surel.store.StoreException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ends of a message's content shared by DATA and BDAT: opening its
 * {@link MessageWriter} (with the {@code Received:} field, RFC 5321 §4.4) and, at the end,
 * the queue hand-off: 250 only once {@link dev.surel.queue.MailQueue#accept} returned; a full
 * disk is 452 4.3.1, a {@link QueueException} or another store fault 451 4.3.0 (nothing queued).
 */
final class Acceptance {
    private static final Logger log = LoggerFactory.getLogger(Acceptance.class);
    /** Longest header field held while deciding whether it is a forged Authentication-Results field. */
    private static final int MAX_FIELD_HELD = 64 * 1024;
    private static final DateTimeFormatter RFC5322 = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH);

    private Acceptance() {
    }

    /**
     * Opens the spool of the transaction's message, starting with our Received: field, whose
     * {@code id} is the queue id the message will have: one name in the header, the 250 reply,
     * the logs and {@code surel queue}.
     */
    static MessageWriter open(SmtpSession s) {
        String id = MailQueue.newId();
        SpoolPipe pipe = new SpoolPipe(s.ctx.store(), s.conn.id() + "-spool");
        boolean submission = s.ctx.submission();
        boolean port25 = s.ctx.endpoint() == dev.surel.net.Endpoint.SMTP;
        MessageCheck check = s.ctx.checksInbound() && s.tx != null && s.tx.spf != null ? s.ctx.inbound().message(s.tx.spf) : null;
        FilterRun filter = s.ctx.filtersInbound() && s.tx != null
                ? s.ctx.filter().start(s.conn.remoteAddress().getAddress(), s.helo, RecipientPolicy.wire(s.tx.mail.from()),
                        List.copyOf(s.tx.rcptPaths), id)
                : null;
        return new MessageWriter(id, pipe, s.ctx.settings(), received(s, id),
                h -> submission ? missingFields(s, h) : "", check, port25 ? s.ctx.hostname() : null, MAX_FIELD_HELD, filter);
    }

    /**
     * The Received: field (RFC 5321 §4.4, RFC 5322 §3.6.7): from the EHLO name and the peer's
     * address, by this host, with the protocol keyword of RFC 3848 / RFC 6531 (ESMTP, ESMTPS,
     * ESMTPA, ESMTPSA, UTF8SMTP...), the TLS version and cipher as a comment (RFC 8314 §4.3), and
     * "for" the recipient when there is exactly one.
     */
    static String received(SmtpSession s, String id) {
        Optional<TlsInfo> tls = s.conn.tlsInfo();
        Transaction tx = s.tx;
        String with = (tx != null && tx.smtputf8() ? "UTF8SMTP" : s.esmtp ? "ESMTP" : "SMTP")
                + (tls.isPresent() && s.esmtp ? "S" : "") + (s.authenticated() && s.esmtp ? "A" : "");
        if (!s.esmtp) with = "SMTP";
        StringBuilder b = new StringBuilder(256);
        b.append("Received: from ").append(headerSafe(s.helo == null ? "unknown" : s.helo))
                .append(" ([").append(s.clientIp()).append("])\r\n");
        tls.ifPresent(t -> b.append("\t(using ").append(t.protocol()).append(" with cipher ").append(t.cipherSuite()).append(")\r\n"));
        b.append("\tby ").append(s.ctx.hostname()).append(" (Surel) with ").append(with).append(" id ").append(id);
        if (tx != null && tx.rcptPaths.size() == 1) {
            String rcpt = tx.rcptPaths.getFirst(); // UTF-8 only in an SMTPUTF8 transaction (RFC 6531 §3.7.3)
            b.append("\r\n\tfor ").append(tx.smtputf8() ? rcpt : headerSafe(rcpt));
        }
        b.append("; ").append(date(s)).append("\r\n");
        return b.toString();
    }

    /** On submission: Date: and Message-ID: when the message has none (RFC 6409 §8.1, §8.3). */
    private static String missingFields(SmtpSession s, HeaderScanner h) {
        StringBuilder b = new StringBuilder();
        if (!h.hasDate()) b.append("Date: ").append(date(s)).append("\r\n");
        if (!h.hasMessageId()) {
            b.append("Message-ID: <").append(java.util.UUID.randomUUID()).append('@').append(s.ctx.hostname()).append(">\r\n");
        }
        return b.toString();
    }

    private static String date(SmtpSession s) {
        return ZonedDateTime.ofInstant(s.ctx.clock().instant(), ZoneOffset.UTC).format(RFC5322);
    }

    /**
     * Peer text for a header: printable US-ASCII only (a non-ASCII EHLO name would make a
     * 7-bit message 8-bit), no parentheses to unbalance comments, at most 255 characters.
     */
    private static String headerSafe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length() && b.length() < 255; i++) {
            char c = text.charAt(i);
            b.append(c < 0x21 || c >= 0x7f || c == '(' || c == ')' ? '?' : c);
        }
        return b.toString();
    }

    /**
     * The checks of a port 25 message (SPF from MAIL FROM, DKIM, DMARC), once its content is
     * complete and acceptable: a refusal they decide is set on the writer (550 5.7.1 for a policy
     * reject naming the DMARC policy, 451 4.4.3 for a temporary failure when so configured).
     * Null when not checked. A fault inside the checks is logged and the message taken unmarked
     * (never lost, never refused for a bug of ours).
     *
     * <p>Why the Authentication-Results field is not in the queued blob: its content is known only
     * after the last octet, but the blob is streamed to the store (and fsynced) as it arrives. The
     * field goes into the queue record instead, committed with the message, and local delivery
     * prepends it, with Return-Path and Delivered-To, to the copy it spools into the mailbox
     * anyway. So the checks cost no extra write and no second copy of a 50 MB message (a scratch
     * file, spooled again with the field in front, would write every octet twice). A later "one
     * write per message" change moves these prepended fields together.
     */
    private static InboundVerdict check(SmtpSession s, MessageWriter w) {
        MessageCheck check = w.check();
        if (check == null || w.refusal() != null) return null;
        InboundVerdict v;
        try {
            v = check.finish();
        } catch (RuntimeException e) {
            log.error("{}: checking a message from {} failed, taken unchecked", s.conn.id(), s.clientIp(), e);
            return null;
        }
        switch (v.disposition()) {
            case REJECT -> w.refuse(SmtpReply.of(550, "5.7.1", "Message refused: " + v.reason()));
            case DEFER -> w.refuse(SmtpReply.of(451, "4.4.3", "Message deferred: " + v.reason() + ", try again later"));
            case ACCEPT, JUNK -> { }
        }
        if (w.removedResults() > 0) {
            log.info("{}: removed {} incoming Authentication-Results field(s) claiming {}", s.conn.id(), w.removedResults(),
                    s.ctx.hostname());
        }
        return v;
    }

    /**
     * RFC 5429 §2.1, §2.2: a transaction for one local recipient whose Sieve script rejects the
     * message is refused here, 550 5.7.1 with the script's reason ({@code sieve.DeliveryScripts#rejection});
     * null to go on. A fault is logged and the message taken: delivery runs the script again.
     */
    private static SmtpReply sieveReject(SmtpSession s, Transaction tx, SpooledMessage blob, String fields) {
        if (s.ctx.sieve() == null || tx.recipients.size() != 1 || !tx.recipients.getFirst().isLocal()) return null;
        dev.surel.queue.QueueRecipient r = tx.recipients.getFirst();
        try { // the spool is read only when the recipient has a script
            java.util.Optional<String> reason = s.ctx.sieve().rejection(r.localAccountId(), r.address(), r.rcptTo(),
                    RecipientPolicy.wire(tx.mail.from()), fields, blob::open, blob.size());
            if (reason.isEmpty()) return null;
            log.info("{}: message from {} to {} rejected by its Sieve script: {}", s.conn.id(), s.clientIp(), r.address(), reason.get());
            String text = reason.get().replaceAll("\\s+", " ").strip();
            return SmtpReply.of(550, "5.7.1", "Rejected by the recipient: "
                    + SmtpReply.safe(text.length() > 200 ? text.substring(0, 200) : text));
        } catch (java.io.IOException | RuntimeException e) {
            log.warn("{}: the recipient's Sieve script could not run at DATA ({}); delivery runs it", s.conn.id(), e.toString());
            return null;
        }
    }

    /**
     * The spam and malware filtering of a port 25 message ({@code dev.surel.filter}, docs/filtering.md),
     * once it is spooled (the scanners read it back from the spool) and the authentication checks
     * did not refuse it. Null when not filtered. Like the checks, a fault inside the filter is
     * logged and the message taken unfiltered.
     */
    private static FilterVerdict filter(SmtpSession s, MessageWriter w, InboundVerdict auth, SpooledMessage blob) {
        FilterRun run = w.filterRun();
        if (run == null) return null;
        FilterVerdict v;
        try {
            v = run.finish(auth == null ? AuthOutcome.UNCHECKED : auth.outcome(), blob);
        } catch (RuntimeException e) {
            log.error("{}: filtering a message from {} failed, taken unfiltered", s.conn.id(), s.clientIp(), e);
            return null;
        }
        if (w.removedSpamFields() > 0) log.info("{}: removed {} incoming X-Spam-* field(s)", s.conn.id(), w.removedSpamFields());
        return v;
    }

    /**
     * Ends the transaction's message: refusal, or spool and queue. The transaction is over
     * whatever the outcome.
     */
    static SmtpReply finish(SmtpSession s, MessageWriter w) {
        Transaction tx = s.tx;
        s.tx = null;
        InboundVerdict verdict = check(s, w);
        SpooledMessage blob;
        try {
            blob = w.finish();
        } catch (StoreException.BadMessage e) {
            // a header the store would have to cut (fields past [mime] max_header_bytes invisible to SEARCH): refused too
            return e.reason() == StoreException.BadMessage.Reason.HEADER ? Replies.HEADER_TOO_BIG : Replies.TOO_BIG;
        } catch (StoreException.Unavailable e) {
            log.warn("{}: message from {} not accepted: {}", s.conn.id(), s.clientIp(), e.getMessage());
            return Replies.storeUnavailable(e);
        } catch (RuntimeException e) {
            log.error("{}: spooling a message failed", s.conn.id(), e);
            return Replies.LOCAL_ERROR;
        }
        if (blob == null) {
            log.info("{}: message from {} refused: {}", s.conn.id(), s.clientIp(), w.refusal());
            return w.refusal();
        }
        try (blob) {
            FilterVerdict filtered = verdict != null && verdict.disposition() != InboundVerdict.Disposition.ACCEPT
                    && verdict.disposition() != InboundVerdict.Disposition.JUNK ? null : filter(s, w, verdict, blob);
            if (filtered != null) {
                SmtpReply refusal = switch (filtered.disposition()) {
                    case REJECT_SPAM -> SmtpReply.of(550, "5.7.1", "Message refused: " + SmtpReply.safe(filtered.reason()));
                    case REJECT_MALWARE -> SmtpReply.of(554, "5.7.1", "Message refused: " + SmtpReply.safe(filtered.reason()));
                    case DEFER -> SmtpReply.of(451, "4.7.1", "Message deferred: " + SmtpReply.safe(filtered.reason()) + ", try again later");
                    case ACCEPT, JUNK -> null;
                };
                if (refusal != null) {
                    log.info("{}: message from {} refused: {}", s.conn.id(), s.clientIp(), filtered.reason());
                    return refusal;
                }
            }
            boolean junk = verdict != null && verdict.disposition() == InboundVerdict.Disposition.JUNK
                    || filtered != null && filtered.disposition() == FilterVerdict.Disposition.JUNK;
            String prepended = (verdict == null ? "" : verdict.authResults()) + (filtered == null ? "" : filtered.fields());
            SmtpReply rejected = sieveReject(s, tx, blob, prepended);
            if (rejected != null) return rejected;
            SmtpCommand.MailParams p = tx.mail.params();
            Envelope env = new Envelope(RecipientPolicy.wire(tx.mail.from()).equals("") ? "" : RecipientPolicy.wire(tx.mail.from()),
                    tx.recipients,
                    p.ret().map(r -> Envelope.Ret.valueOf(r.name())).orElse(null), p.envid().orElse(null),
                    switch (p.body().orElse(SmtpCommand.Body.SEVEN_BIT)) {
                        case SEVEN_BIT -> Envelope.BodyType.SEVEN_BIT;
                        case EIGHT_BIT_MIME -> Envelope.BodyType.EIGHT_BIT_MIME;
                        case BINARY_MIME -> Envelope.BodyType.BINARY_MIME;
                    },
                    p.smtputf8(), s.user == null ? null : s.user.address(), s.clientIp(), s.ctx.clock().instant(),
                    prepended, junk, p.requireTls());
            String id = s.ctx.queue().accept(w.queueId(), env, blob);
            log.info("{}: queued {} from {} for {} recipient(s), {} octets{}", s.conn.id(), id, env.reversePath(),
                    env.recipients().size(), blob.size(), (verdict == null ? "" : ", " + verdict.disposition() + " (" + verdict.reason() + ")")
                            + (filtered == null ? "" : ", filter " + filtered.disposition() + " (" + filtered.reason() + ")"));
            return SmtpReply.of(250, "2.0.0", "Ok: queued as " + SmtpReply.safe(id));
        } catch (QueueException e) {
            log.warn("{}: queue refused a message: {}", s.conn.id(), e.getMessage());
            return e.getCause() instanceof StoreException.Unavailable u ? Replies.storeUnavailable(u) : Replies.LOCAL_ERROR;
        }
    }
}
