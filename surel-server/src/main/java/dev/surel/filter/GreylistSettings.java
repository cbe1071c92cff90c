package dev.surel.filter;

import dev.surel.net.Cidr;
import dev.surel.protocol.filter.GreylistState;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/**
 * The {@code [greylist]} settings (docs/filtering.md, docs/configuration.md; RFC 6647).
 *
 * @param enabled       greylist port 25 mail at all (off by default)
 * @param delay         a triplet's retry passes once this long after its first attempt
 * @param retryWindow   a triplet not retried within this of its first attempt starts over
 * @param expiry        a passed triplet (and an auto-whitelisted client) is forgotten this long after its last mail
 * @param exempt        client networks never greylisted (loopback by default)
 * @param exemptRecipients recipients never greylisted: {@code "local@"} (any domain), {@code "@domain"} or a whole
 *                      address, compared without case (default postmaster@ and abuse@, as Postgrey's list)
 * @param autoWhitelist a client network with this many passed triplets is no longer greylisted (0: never)
 * @param ipv4Prefix    the prefix an IPv4 client is counted by (24)
 * @param ipv6Prefix    the prefix an IPv6 client is counted by (64)
 * @param purgeInterval how often at most rows past their use are deleted (on a check, by the server clock)
 */
public record GreylistSettings(boolean enabled, Duration delay, Duration retryWindow, Duration expiry, List<Cidr> exempt,
                               List<String> exemptRecipients,
                               int autoWhitelist, int ipv4Prefix, int ipv6Prefix, Duration purgeInterval) {

    public GreylistSettings {
        exempt = List.copyOf(exempt);
        exemptRecipients = exemptRecipients.stream().map(r -> r.toLowerCase(java.util.Locale.ROOT)).toList();
        for (String r : exemptRecipients) {
            int at = r.indexOf('@');
            if (at < 0 || at != r.lastIndexOf('@') || r.length() == 1 || r.length() > 320 || r.chars().anyMatch(ch -> ch <= ' ')) {
                throw new IllegalArgumentException("exempt_recipients: \"" + r + "\" is not \"local@\", \"@domain\" or an address");
            }
        }
        timing(delay, retryWindow, expiry); // throws when they cannot work together
        if (autoWhitelist < 0) throw new IllegalArgumentException("auto_whitelist must be 0 (off) or more");
        if (ipv4Prefix < 0 || ipv4Prefix > 32) throw new IllegalArgumentException("ipv4_prefix /" + ipv4Prefix + " out of 0..32");
        if (ipv6Prefix < 0 || ipv6Prefix > 128) throw new IllegalArgumentException("ipv6_prefix /" + ipv6Prefix + " out of 0..128");
        if (purgeInterval.isNegative()) throw new IllegalArgumentException("purge interval must not be negative");
    }

    /** The defaults: off; 5 minutes, 24 hours, 35 days; loopback, postmaster@ and abuse@ exempt; clients whitelisted after 5 passes; /24 and /64. */
    public static GreylistSettings defaults() {
        return new GreylistSettings(false, Duration.ofMinutes(5), Duration.ofHours(24), Duration.ofDays(35),
                List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")), List.of("postmaster@", "abuse@"), 5, 24, 64, Duration.ofHours(1));
    }

    public GreylistState.Timing timing() {
        return timing(delay, retryWindow, expiry);
    }

    private static GreylistState.Timing timing(Duration delay, Duration retryWindow, Duration expiry) {
        try {
            return new GreylistState.Timing(delay, retryWindow, expiry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("greylist: delay must be less than retry_window and expiry more than 0");
        }
    }

    /** True when {@code recipient} (an address as given at RCPT TO) matches an entry of {@code exemptRecipients}. */
    public boolean exemptRecipient(String recipient) {
        String r = recipient.toLowerCase(java.util.Locale.ROOT);
        int at = r.lastIndexOf('@');
        for (String e : exemptRecipients) {
            if (e.equals(r) || e.endsWith("@") && at > 0 && r.substring(0, at + 1).equals(e) || e.startsWith("@") && at >= 0 && r.substring(at).equals(e)) {
                return true;
            }
        }
        return false;
    }

    /** True when {@code client} is in one of the exempt networks. */
    public boolean exempt(InetAddress client) {
        for (Cidr c : exempt) {
            if (c.contains(client)) return true;
        }
        return false;
    }
}
