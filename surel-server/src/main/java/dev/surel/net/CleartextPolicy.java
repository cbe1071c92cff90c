package dev.surel.net;

import java.net.InetAddress;
import java.util.List;

/**
 * The one clear-text rule for every protocol: mechanisms that reveal the password (SASL
 * PLAIN and LOGIN, IMAP LOGIN, POP3 USER/PASS) are allowed only on a TLS connection or from a
 * peer inside {@code networks} (RFC 8314 §3, RFC 9051 §6.2.3, RFC 2595 §2.2). An empty list
 * means TLS only. Protocols ask {@link #allowsCleartext(Connection)} before offering or
 * accepting such a mechanism (and hide it from CAPABILITY/EHLO/CAPA when refused; IMAP
 * advertises LOGINDISABLED).
 *
 * <p>TOML: {@code [auth] cleartext_networks}, array of CIDR strings, default
 * {@code ["127.0.0.0/8", "::1/128"]}.
 */
public record CleartextPolicy(List<Cidr> networks) {
    public CleartextPolicy {
        networks = List.copyOf(networks);
    }

    /** Loopback only: {@code 127.0.0.0/8} and {@code ::1}. */
    public static CleartextPolicy defaults() {
        return new CleartextPolicy(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")));
    }

    /** No clear-text passwords anywhere: TLS only. */
    public static CleartextPolicy tlsOnly() {
        return new CleartextPolicy(List.of());
    }

    /** Parses {@code [auth] cleartext_networks}; a bad entry throws with its text in the message. */
    public static CleartextPolicy parse(List<String> cidrs) {
        return new CleartextPolicy(cidrs.stream().map(Cidr::parse).toList());
    }

    /** True when the connection is TLS-protected or its peer is in the networks. */
    public boolean allowsCleartext(Connection connection) {
        return connection.isTls() || inNetworks(connection.remoteAddress().getAddress());
    }

    public boolean inNetworks(InetAddress address) {
        for (Cidr c : networks) {
            if (c.contains(address)) {
                return true;
            }
        }
        return false;
    }
}
