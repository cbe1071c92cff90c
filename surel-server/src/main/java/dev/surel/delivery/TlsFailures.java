package dev.surel.delivery;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/** The result types of RFC 8460 §4.3 for what went wrong in a TLS handshake. */
final class TlsFailures {

    static final String STARTTLS_NOT_SUPPORTED = "starttls-not-supported";
    static final String HOST_MISMATCH = "certificate-host-mismatch";
    static final String EXPIRED = "certificate-expired";
    static final String NOT_TRUSTED = "certificate-not-trusted";
    static final String VALIDATION_FAILURE = "validation-failure";
    static final String DNSSEC_INVALID = "dnssec-invalid";

    private TlsFailures() {
    }

    /** The result type of a failed handshake or certificate check (the JDK's exceptions, ours for DANE). */
    static String resultType(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) return EXPIRED;
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no subject alternative") || m.contains("no name matching")) return HOST_MISMATCH;
            if (m.contains("validity check failed") || m.contains("certificate expired") || m.contains("notafter")) return EXPIRED;
            if (m.contains("dane tlsa")) return VALIDATION_FAILURE;
            if (m.contains("pkix path") || m.contains("unable to find valid certification path")) return NOT_TRUSTED;
        }
        return VALIDATION_FAILURE;
    }
}
