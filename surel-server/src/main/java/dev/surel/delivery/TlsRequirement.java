package dev.surel.delivery;

import dev.surel.dns.Tlsa;
import dev.surel.protocol.mtasts.MtaStsPolicy;
import dev.surel.protocol.tlsrpt.TlsReport;
import java.util.ArrayList;
import java.util.List;

/**
 * What TLS a connection to one MX host must have, decided per host before connecting:
 * DANE (RFC 7672) first, then MTA-STS (RFC 8461 §2: a DANE host is held to DANE, not MTA-STS),
 * else opportunistic TLS (RFC 7435). Each also says how its sessions are reported (RFC 8460).
 */
sealed interface TlsRequirement {

    /**
     * STARTTLS when offered, a failed handshake retried in clear.
     *
     * @param testing  an MTA-STS policy in testing mode (RFC 8461 §5): the certificate is checked
     *                 as enforce would, failures only reported; null when none
     * @param reported whether the sessions count for TLS reports (MX delivery: yes; routes and
     *                 the relay host, which are the operator's own: no)
     */
    record Opportunistic(MtaStsPolicy testing, boolean reported) implements TlsRequirement { }

    /**
     * DANE (RFC 7672 §2.2): DNSSEC-validated TLSA records of {@code _25._tcp.<host>}. STARTTLS is
     * required; the certificate must match a usable record (DANE-EE or DANE-TA, §3.1). When every
     * record is unusable TLS is still required, without authentication (as Postfix's "dane" level).
     */
    record Dane(List<Tlsa> records) implements TlsRequirement {
        public Dane {
            records = List.copyOf(records);
        }

        List<Tlsa> usable() {
            return records.stream().filter(DaneTrustManager::usable).toList();
        }
    }

    /**
     * MTA-STS in enforce mode (RFC 8461 §4.2): STARTTLS required, the certificate valid (PKIX)
     * for the MX host name.
     */
    record MtaSts(MtaStsPolicy policy) implements TlsRequirement { }

    /**
     * A route or the relay host for a message with REQUIRETLS (RFC 8689 §4.2.1): STARTTLS
     * required, the certificate valid (PKIX) for the host name; not in TLS reports.
     */
    record Verified() implements TlsRequirement { }

    /** Whether a connection without TLS, or with a failed handshake, must not carry the message. */
    default boolean mandatory() {
        return !(this instanceof Opportunistic);
    }

    /** Whether its sessions go into TLS reports. */
    default boolean reported() {
        return this instanceof Opportunistic o ? o.reported() : !(this instanceof Verified);
    }

    /** The policy type of RFC 8460 §4.3. */
    default TlsReport.PolicyType reportType() {
        return switch (this) {
            case Dane d -> TlsReport.PolicyType.TLSA;
            case MtaSts m -> TlsReport.PolicyType.STS;
            case Opportunistic o -> o.testing() != null ? TlsReport.PolicyType.STS : TlsReport.PolicyType.NO_POLICY_FOUND;
            case Verified v -> TlsReport.PolicyType.NO_POLICY_FOUND;
        };
    }

    /** The policy as RFC 8460 §4.4 "policy-string" gives it: the MTA-STS policy's lines, or the TLSA records. */
    default List<String> policyStrings() {
        return switch (this) {
            case Dane d -> d.records().stream().map(Tlsa::toString).toList();
            case MtaSts m -> lines(m.policy());
            case Opportunistic o -> o.testing() != null ? lines(o.testing()) : List.of();
            case Verified v -> List.of();
        };
    }

    private static List<String> lines(MtaStsPolicy p) {
        List<String> l = new ArrayList<>();
        l.add("version: STSv1");
        l.add("mode: " + p.mode().name().toLowerCase(java.util.Locale.ROOT));
        for (String mx : p.mx()) l.add("mx: " + mx);
        l.add("max_age: " + p.maxAge().toSeconds());
        return l;
    }
}
