package dev.surel.delivery;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * For an MTA-STS policy in testing mode (RFC 8461 §5): checks the certificate as enforce mode
 * would (PKIX and the host name, through {@code checking}), but lets the handshake go on, keeping
 * what failed for the TLS report (RFC 8460). One per connection.
 */
final class ReportingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager checking;
    private volatile String failure;

    ReportingTrustManager(X509ExtendedTrustManager checking) {
        this.checking = checking;
    }

    /** The RFC 8460 result type of the check, or null when the certificate passed. */
    String failure() {
        return failure;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        try {
            checking.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException | RuntimeException e) {
            failure = TlsFailures.resultType(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        try {
            checking.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException | RuntimeException e) {
            failure = TlsFailures.resultType(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        try {
            checking.checkServerTrusted(chain, authType);
        } catch (CertificateException | RuntimeException e) {
            failure = TlsFailures.resultType(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return checking.getAcceptedIssuers();
    }
}
