package dev.surel.delivery;

import dev.surel.dns.Tlsa;
import java.util.List;

/**
 * What TLS a connection to one MX host must have, decided per host before connecting:
 * DANE (RFC 7672) first, then MTA-STS (RFC 8461 §2: a DANE host is held to DANE, not MTA-STS),
 * else opportunistic TLS (RFC 7435).
 */
sealed interface TlsRequirement {

    /** STARTTLS when offered, certificate not checked; a failed handshake is retried in clear. */
    record Opportunistic() implements TlsRequirement { }

    /**
     * DANE (RFC 7672 §2.2): DNSSEC-validated TLSA records of {@code _25._tcp.<host>}. STARTTLS is
     * required; the certificate must match a usable record (DANE-EE or DANE-TA, §3.1). When every
     * record is unusable TLS is still required, without authentication (as Postfix's "dane" level).
     */
    record Dane(List<Tlsa> usable) implements TlsRequirement {
        public Dane {
            usable = List.copyOf(usable);
        }
    }

    /**
     * MTA-STS in enforce mode (RFC 8461 §4.2): STARTTLS required, the certificate valid (PKIX)
     * for the MX host name.
     */
    record MtaSts() implements TlsRequirement { }

    /** Whether a connection without TLS, or with a failed handshake, must not carry the message. */
    default boolean mandatory() {
        return !(this instanceof Opportunistic);
    }
}
