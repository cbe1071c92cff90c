package dev.surel.mailauth;

import dev.surel.dns.DnsResolver;
import dev.surel.protocol.spf.SpfEvaluator;
import dev.surel.protocol.spf.SpfVerdict;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * The SPF check over the server's DNS resolver (RFC 7208): {@code check_host()} of
 * {@link SpfEvaluator} for the MAIL FROM identity, or for the HELO identity when the reverse-path
 * is null (§2.4: the sender is then {@code postmaster@<HELO>}, §4.3).
 *
 * <p>The outcome's explanation is the {@code exp=} text on {@code fail} when the domain gives one
 * (§6.2), else the reason (the mechanism that matched, or the error).
 */
public final class DnsSpfCheck implements SpfCheck {

    private final SpfEvaluator evaluator;

    /**
     * @param timeLimit the longest one check may take (RFC 7208 §4.6.4: at least 20 s in service)
     * @param receiver  this host's name, the {@code %{r}} macro of explanations (§7.2)
     */
    public DnsSpfCheck(DnsResolver dns, Clock clock, Duration timeLimit, String receiver) {
        this.evaluator = new SpfEvaluator(new ResolverSpfDns(dns), clock, timeLimit, receiver);
    }

    /** With {@code %{r}} "unknown". */
    public DnsSpfCheck(DnsResolver dns, Clock clock, Duration timeLimit) {
        this(dns, clock, timeLimit, "unknown");
    }

    /** A check with the default time limit of {@link SpfEvaluator#DEFAULT_TIME_LIMIT}. */
    public static SpfCheck over(DnsResolver dns, Clock clock, String receiver) {
        return new DnsSpfCheck(dns, clock, SpfEvaluator.DEFAULT_TIME_LIMIT, receiver);
    }

    @Override
    public SpfOutcome check(InetAddress ip, String helo, String mailFrom) {
        SpfVerdict v = verdict(ip, helo, mailFrom);
        String domain = mailFrom == null || mailFrom.isEmpty() ? nonNull(helo) : domainOf(mailFrom);
        String identity = mailFrom == null || mailFrom.isEmpty() ? "helo" : "mailfrom";
        return new SpfOutcome(v.result(), identity, domain, v.explanation() != null ? v.explanation() : v.reason());
    }

    /** The verdict of {@code check_host()} for the identity {@link #check} checks, with the exp text apart. */
    public SpfVerdict verdict(InetAddress ip, String helo, String mailFrom) {
        String h = nonNull(helo);
        if (mailFrom == null || mailFrom.isEmpty()) { // §2.4: the null reverse-path: check HELO as postmaster@HELO
            return evaluator.checkHost(ip, h, "postmaster@" + h, h);
        }
        return evaluator.checkHost(ip, domainOf(mailFrom), mailFrom, h);
    }

    private static String domainOf(String mailFrom) {
        int at = mailFrom.lastIndexOf('@');
        return at < 0 ? mailFrom : mailFrom.substring(at + 1);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
