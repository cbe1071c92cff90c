package dev.surel.mailauth;

import dev.surel.protocol.spf.SpfResult;
import java.net.InetAddress;

/**
 * The SPF check of one SMTP transaction (RFC 7208 §2.3-§2.4, §4): the MAIL FROM identity, or the
 * HELO identity when the reverse-path is null.
 */
public interface SpfCheck {

    /** Never checks: every result is {@code none}. */
    SpfCheck NONE = (ip, helo, mailFrom) -> new SpfOutcome(SpfResult.NONE, "", "", "not checked");

    /**
     * @param ip       the SMTP client's address
     * @param helo     the HELO/EHLO name as given
     * @param mailFrom the reverse-path without angle brackets, "" for the null path
     */
    SpfOutcome check(InetAddress ip, String helo, String mailFrom);

    /**
     * @param result      the result (RFC 7208 §2.6)
     * @param identity    the identity checked: {@code mailfrom} or {@code helo} (RFC 8601 §2.7.2 ptype smtp)
     * @param domain      the domain checked (the reverse-path's domain, or the HELO name)
     * @param explanation a short human-readable reason (the exp= text on fail, or the cause of an error)
     */
    record SpfOutcome(SpfResult result, String identity, String domain, String explanation) {
    }
}
