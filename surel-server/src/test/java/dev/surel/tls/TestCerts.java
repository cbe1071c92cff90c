package dev.surel.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** Test certificates: key pairs, self-signed certs, PEM files in each key form. */
public final class TestCerts {
    /** How a test writes the private key. */
    public enum KeyForm { PKCS1_RSA, PKCS8_RSA, EC_SEC1, PKCS8_EC }

    /** A written certificate and key, and the certificate itself. */
    public record Written(Path cert, Path key, X509Certificate certificate) {}

    private TestCerts() {}

    public static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    public static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** Writes a self-signed cert with CN {@code cn} (also its only DNS SAN) and its key in {@code form}. */
    public static Written write(Path dir, String name, String cn, KeyForm form) throws Exception {
        KeyPair kp = switch (form) {
            case PKCS1_RSA, PKCS8_RSA -> rsa();
            case EC_SEC1, PKCS8_EC -> ec();
        };
        return write(dir, name, cn, kp, form);
    }

    public static Written write(Path dir, String name, String cn, KeyPair kp, KeyForm form) throws Exception {
        X509Certificate cert = SelfSignedCertificate.generate(kp, cn, List.of(cn), Instant.now(), Duration.ofDays(30));
        Path certFile = dir.resolve(name + ".crt");
        Path keyFile = dir.resolve(name + ".key");
        Files.writeString(certFile, PemFiles.certificatesPem(List.of(cert)), StandardCharsets.US_ASCII);
        String keyPem = switch (form) {
            case PKCS1_RSA -> traditional(kp); // BEGIN RSA PRIVATE KEY
            case EC_SEC1 -> sec1(kp); // BEGIN EC PRIVATE KEY
            case PKCS8_RSA, PKCS8_EC -> PemFiles.pkcs8Pem(kp.getPrivate());
        };
        Files.writeString(keyFile, keyPem, StandardCharsets.US_ASCII);
        return new Written(certFile, keyFile, cert);
    }

    private static String traditional(KeyPair kp) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(kp.getPrivate()); // JcaPEMWriter writes keys in OpenSSL's traditional form
        }
        return sw.toString();
    }

    /** RFC 5915 ECPrivateKey with the named curve and public key inside, as OpenSSL writes it. */
    private static String sec1(KeyPair kp) throws IOException {
        java.security.interfaces.ECPrivateKey k = (java.security.interfaces.ECPrivateKey) kp.getPrivate();
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo pki = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(k.getEncoded());
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki =
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded());
        var sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(k.getParams().getOrder().bitLength(), k.getS(),
                spki.getPublicKeyData(), pki.getPrivateKeyAlgorithm().getParameters());
        StringWriter sw = new StringWriter();
        try (org.bouncycastle.util.io.pem.PemWriter w = new org.bouncycastle.util.io.pem.PemWriter(sw)) {
            w.writeObject(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        }
        return sw.toString();
    }

    /** The CN of a certificate's subject. */
    public static String cn(X509Certificate c) {
        String dn = c.getSubjectX500Principal().getName();
        for (String part : dn.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return dn;
    }

    /** A server TLS context presenting {@code chain} (leaf first) with {@code key}. */
    public static javax.net.ssl.SSLContext serverContext(java.security.PrivateKey key, X509Certificate... chain) {
        try {
            java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("k", key, "x".toCharArray(), chain);
            javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "x".toCharArray());
            javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
            c.init(kmf.getKeyManagers(), null, null);
            return c;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client TLS context that trusts any certificate (test servers use self-signed ones). */
    public static javax.net.ssl.SSLContext trustAll() {
        try {
            javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
                @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, new java.security.SecureRandom());
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
