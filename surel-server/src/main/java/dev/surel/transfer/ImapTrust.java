package dev.surel.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates the IMAP import trusts: the JDK's CAs (default), the CA certificates of a
 * PEM file ({@code --ca}), or, for a test peer with a self-signed certificate, any certificate
 * ({@code --insecure}: the connection is still encrypted, but not authenticated).
 */
public final class ImapTrust {

    private ImapTrust() {
    }

    public static SSLContext context(Path caFile, boolean insecure) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (insecure) {
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            } else if (caFile != null) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                int i = 0;
                try (InputStream in = Files.newInputStream(caFile)) {
                    for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        ks.setCertificateEntry("ca" + (i++), c);
                    }
                }
                if (i == 0) throw new IOException(caFile + " holds no certificate (PEM expected)");
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                ctx.init(null, tmf.getTrustManagers(), null);
            } else {
                return SSLContext.getDefault();
            }
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS setup: " + e.getMessage(), e);
        }
    }

    /** Accepts every certificate: only for {@code --insecure}. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // --insecure: the administrator asked for no check
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
