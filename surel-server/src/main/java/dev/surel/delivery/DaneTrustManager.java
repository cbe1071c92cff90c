package dev.surel.delivery;

import dev.surel.dns.Tlsa;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.X509TrustManager;

/**
 * Checks an SMTP server's certificate chain against DANE TLSA records (RFC 7672 §3, RFC 6698
 * §2.1). Usable records only: DANE-EE (3) and DANE-TA (2); PKIX-TA (0) and PKIX-EE (1) are not
 * used for SMTP (RFC 7672 §3.1.3). Selector 0 (whole certificate) or 1 (SubjectPublicKeyInfo);
 * matching type 0 (exact), 1 (SHA-256), 2 (SHA-512).
 *
 * <ul>
 *   <li>DANE-EE: the leaf certificate matches; its names and dates are not checked (§3.1.1).</li>
 *   <li>DANE-TA: a certificate of the chain above the leaf matches and serves as trust anchor; the
 *       chain below it must validate (signatures, dates) and the leaf must name the MX host
 *       (§3.1.2, §3.2.2). A trust anchor given only as a public key, absent from the chain, is
 *       not supported.</li>
 * </ul>
 * An empty record list means "TLS without authentication" (every record was unusable).
 */
final class DaneTrustManager implements X509TrustManager {

    private final List<Tlsa> records;
    private final String host;

    DaneTrustManager(List<Tlsa> records, String host) {
        this.records = List.copyOf(records);
        this.host = host;
    }

    /** Whether a record can be used to authenticate an SMTP server (RFC 7672 §3.1). */
    static boolean usable(Tlsa t) {
        return (t.usage() == 2 || t.usage() == 3) && (t.selector() == 0 || t.selector() == 1)
                && (t.matchingType() >= 0 && t.matchingType() <= 2);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("no certificate");
        if (records.isEmpty()) return;
        for (Tlsa t : records) {
            if (t.usage() == 3 && matches(t, chain[0])) return;
        }
        for (int i = 1; i < chain.length; i++) {
            for (Tlsa t : records) {
                if (t.usage() == 2 && matches(t, chain[i]) && validBelow(chain, i) && HostNames.certificateNames(chain[0], host)) return;
            }
        }
        throw new CertificateException("the certificate of " + host + " matches none of its DANE TLSA records");
    }

    /** The chain from the leaf up to (not including) the anchor at {@code anchor} validates under it. */
    private static boolean validBelow(X509Certificate[] chain, int anchor) {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(chain[anchor], null)));
            p.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(Arrays.asList(chain).subList(0, anchor)), p);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean matches(Tlsa t, X509Certificate cert) {
        try {
            byte[] selected = t.selector() == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
            byte[] data = switch (t.matchingType()) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
            return data != null && MessageDigest.isEqual(data, t.data());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
