package dev.surel.protocol.filter;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key greylisting remembers (RFC 6647 §2: the "triplet" of greylisting at RCPT TO): the
 * client's network, the envelope sender and the envelope recipient.
 *
 * <ul>
 *   <li><b>Network</b>, not the single address: an IPv4 client counts as its /24 and an IPv6 client
 *       as its /64 (both configurable), because large senders retry from another machine of the same
 *       pool (RFC 6647 §4 on the client's address); written {@code 192.0.2.0/24},
 *       {@code 2001:db8:1:2:0:0:0:0/64}. An IPv4-mapped IPv6 peer is presented by Java as IPv4.</li>
 *   <li><b>Sender</b>, lower-cased, with the variable parts of VERP and BATV return paths taken out
 *       (as Postgrey does), so that a mailing list whose every message has another return path
 *       passes once: a BATV {@code prvs=TAG=} prefix and a {@code +extension} are removed and runs
 *       of digits between word boundaries become {@code #}. The null sender {@code <>} is the
 *       empty string and is greylisted like any other (as Postgrey does; real MTAs retry bounces).</li>
 *   <li><b>Recipient</b>, lower-cased, as given at RCPT TO.</li>
 * </ul>
 *
 * @param network   the client's network in CIDR notation
 * @param sender    the normalized envelope sender ("" for the null sender)
 * @param recipient the lower-cased envelope recipient
 */
public record GreylistTriplet(String network, String sender, String recipient) {

    private static final Pattern BATV = Pattern.compile("(?i)^prvs=[0-9a-z]+=");
    private static final Pattern DIGITS = Pattern.compile("\\b\\d+\\b");

    /** The triplet of a client address and an envelope (sender and recipient without angle brackets). */
    public static GreylistTriplet of(InetAddress client, int ipv4Prefix, int ipv6Prefix, String sender, String recipient) {
        return new GreylistTriplet(network(client, ipv4Prefix, ipv6Prefix), sender(sender), recipient.toLowerCase(Locale.ROOT));
    }

    /** The client's network: its address with the bits past the prefix cleared, and the prefix. */
    public static String network(InetAddress client, int ipv4Prefix, int ipv6Prefix) {
        byte[] a = client.getAddress();
        int prefix = client instanceof Inet4Address ? ipv4Prefix : ipv6Prefix;
        if (prefix < 0 || prefix > a.length * 8) throw new IllegalArgumentException("prefix /" + prefix + " out of 0.." + a.length * 8);
        for (int i = 0; i < a.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            a[i] &= (byte) (keep == 0 ? 0 : 0xFF << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(a).getHostAddress() + "/" + prefix; // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for an address of a wrong length
        }
    }

    /** The sender as greylisting compares it (see the class comment); "" stays "". */
    public static String sender(String sender) {
        String s = sender.toLowerCase(Locale.ROOT);
        int at = s.lastIndexOf('@');
        if (at < 0) return s;
        String local = BATV.matcher(s.substring(0, at)).replaceFirst("");
        int plus = local.indexOf('+');
        if (plus > 0) local = local.substring(0, plus);
        return DIGITS.matcher(local).replaceAll("#") + s.substring(at);
    }
}
