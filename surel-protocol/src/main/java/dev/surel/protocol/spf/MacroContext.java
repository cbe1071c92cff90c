package dev.surel.protocol.spf;

import java.net.InetAddress;

/**
 * What the macros of RFC 7208 §7.2 stand for during one evaluation.
 *
 * @param ip           {@code i}, {@code c}, {@code v}: the SMTP client's address
 * @param localPart    {@code l}: the sender's local-part ("postmaster" when it had none, §4.3)
 * @param senderDomain {@code o}: the sender's domain
 * @param domain       {@code d}: the domain whose record is evaluated (changes with include and redirect)
 * @param helo         {@code h}: the HELO/EHLO name
 * @param receiver     {@code r}: the receiving host's name (exp only)
 * @param timestamp    {@code t}: seconds since the epoch (exp only)
 */
public record MacroContext(InetAddress ip, String localPart, String senderDomain, String domain, String helo,
                           String receiver, long timestamp) {

    /** {@code s}: the sender, {@code l@o}. */
    public String sender() {
        return localPart + "@" + senderDomain;
    }

    /** The same context for another current domain (include, redirect). */
    public MacroContext withDomain(String d) {
        return new MacroContext(ip, localPart, senderDomain, d, helo, receiver, timestamp);
    }
}
