package dev.surel.mailauth;

import dev.surel.dns.DnsResolver;
import dev.surel.mailauth.SpfCheck.SpfOutcome;
import dev.surel.protocol.dkim.DkimVerifier;
import dev.surel.protocol.dmarc.DmarcEvaluator;
import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.protocol.spf.SpfResult;
import java.net.InetAddress;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of mail arriving on port 25 (issue 14, inbound): SPF at MAIL FROM through the
 * {@link SpfCheck}, then per message DKIM (every signature, RFC 6376) and DMARC (RFC 7489) as the
 * content streams by ({@link MessageCheck}), ending in an {@link InboundVerdict} with the
 * {@code Authentication-Results} field (RFC 8601) and the disposition the
 * {@link MailAuthSettings} give it. Submission (587, 465) is not checked: the session does not
 * ask.
 *
 * @param settings  the [mail_auth] policy
 * @param hostname  the authserv-id (RFC 8601 §2.5: the server's host name)
 * @param aggregate gets each message's DMARC outcome per policy domain, for aggregate reports (RFC 7489 §7.2)
 */
public record InboundAuth(MailAuthSettings settings, SpfCheck spf, DkimVerifier dkim, DmarcEvaluator dmarc, String hostname,
                          Clock clock, BiConsumer<AggregateReport.Published, AggregateReport.Row> aggregate) {

    private static final Logger log = LoggerFactory.getLogger(InboundAuth.class);

    /** The checks over the server's one DNS resolver, outcomes not kept for reports. */
    public static InboundAuth over(MailAuthSettings settings, DnsResolver dns, SpfCheck spf, String hostname, Clock clock,
                                   RandomGenerator random) {
        return over(settings, dns, spf, hostname, clock, random, (p, r) -> { });
    }

    /** The checks over the server's one DNS resolver, each DMARC outcome also given to {@code aggregate}. */
    public static InboundAuth over(MailAuthSettings settings, DnsResolver dns, SpfCheck spf, String hostname, Clock clock,
                                   RandomGenerator random, BiConsumer<AggregateReport.Published, AggregateReport.Row> aggregate) {
        return new InboundAuth(settings, spf, new DkimVerifier(new DnsKeyLookup(dns), settings.maxSignatures()),
                new DmarcEvaluator(new DnsDmarcLookup(dns), random), hostname, clock, aggregate);
    }

    /** Whether port 25 mail is checked. */
    public boolean enabled() {
        return settings.inbound();
    }

    /**
     * The SPF outcome of a transaction (RFC 7208 §2.3-§2.4), computed at MAIL FROM. A check that
     * throws is a temperror, never a failed command.
     *
     * @param mailFrom the reverse-path without angle brackets, "" for the null path
     */
    public Spf spf(InetAddress ip, String helo, String mailFrom) {
        SpfOutcome o;
        try {
            o = spf.check(ip, helo, mailFrom);
        } catch (RuntimeException e) {
            log.warn("SPF check of {} from {} failed: {}", mailFrom, ip.getHostAddress(), e.toString());
            o = new SpfOutcome(SpfResult.TEMPERROR, mailFrom.isEmpty() ? "helo" : "mailfrom", "", "SPF check failed");
        }
        return new Spf(o, helo, mailFrom, ip.getHostAddress());
    }

    /** Starts the checks of one message's content (the peer's octets, without our Received: field). */
    public MessageCheck message(Spf spf) {
        return new MessageCheck(this, spf, dkim.stream(settings.maxHeaderBytes()));
    }

    /**
     * The SPF outcome with what the Authentication-Results field names (RFC 8601 §2.7.2).
     *
     * @param helo     the HELO/EHLO name
     * @param mailFrom the reverse-path, "" for the null path
     * @param clientIp the SMTP client's address (the "source_ip" of DMARC reports)
     */
    public record Spf(SpfOutcome outcome, String helo, String mailFrom, String clientIp) {

        /** The domain SPF passed for (for DMARC alignment, RFC 7489 §4.1), or null. */
        String passDomain() {
            if (outcome.result() != SpfResult.PASS) return null;
            if (!outcome.domain().isEmpty()) return outcome.domain();
            if (!mailFrom.isEmpty()) return mailFrom.substring(mailFrom.lastIndexOf('@') + 1);
            return helo;
        }
    }
}
