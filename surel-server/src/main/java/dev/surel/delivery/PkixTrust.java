package dev.surel.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Certificate checking the web way (PKIX, RFC 5280, with the host name checked as for HTTPS,
 * RFC 6125): for MX hosts under an MTA-STS policy in enforce mode (RFC 8461 §4.2) and for the
 * HTTPS host serving the policy (§3.3). Trusts the JDK's default authorities, or those of a PEM file.
 */
final class PkixTrust {

    private final SSLContext context;
    private final X509ExtendedTrustManager trustManager;

    private PkixTrust(SSLContext context, X509ExtendedTrustManager trustManager) {
        this.context = context;
        this.trustManager = trustManager;
    }

    /** {@code caFile} null: the JDK's default trust store. */
    static PkixTrust of(Path caFile) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                try (InputStream in = Files.newInputStream(caFile)) {
                    Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                    int i = 0;
                    for (Certificate c : certs) ks.setCertificateEntry("ca" + i++, c);
                    if (i == 0) throw new IllegalArgumentException("no certificate in " + caFile);
                }
                tmf.init(ks);
            }
            X509ExtendedTrustManager tm = null;
            for (TrustManager t : tmf.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) tm = x;
            }
            if (tm == null) throw new GeneralSecurityException("no X.509 trust manager");
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {tm}, null);
            return new PkixTrust(c, tm);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the trusted authorities " + caFile + ": " + e.getMessage(), e);
        }
    }

    /** A TLS context with {@code tm} as the only trust manager (DANE). */
    static SSLContext context(TrustManager tm) {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {tm}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    SSLContext context() {
        return context;
    }

    /** The PKIX check itself (it checks the host name too when the socket asks for identification). */
    X509ExtendedTrustManager trustManager() {
        return trustManager;
    }

    /** Client mode, SNI {@code host}, and the certificate must name {@code host} (checked during the handshake). */
    static void identify(SSLSocket s, String host) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(host)));
        s.setSSLParameters(p);
    }
}
