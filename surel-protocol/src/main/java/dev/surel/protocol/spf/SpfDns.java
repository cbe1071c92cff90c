package dev.surel.protocol.spf;

import java.net.InetAddress;

/** The DNS queries the SPF evaluator makes (RFC 7208 §4.4, §5); implemented over a resolver by the caller. */
public interface SpfDns {

    /** TXT records of {@code name}, each one's character-strings joined without separator (§3.3). */
    SpfLookup<String> txt(String name);

    /** A records (IPv4). */
    SpfLookup<InetAddress> a(String name);

    /** AAAA records (IPv6). */
    SpfLookup<InetAddress> aaaa(String name);

    /** The exchange host names of the MX records of {@code name} (RFC 1035 §3.3.9). */
    SpfLookup<String> mx(String name);

    /** The names of the PTR records of {@code ip}'s reverse name (in-addr.arpa / ip6.arpa). */
    SpfLookup<String> ptr(InetAddress ip);
}
