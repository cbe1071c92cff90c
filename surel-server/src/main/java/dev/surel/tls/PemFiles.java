package dev.surel.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reading and writing PEM files with BouncyCastle's {@link PEMParser}. Keys are accepted as
 * PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, RFC 8017 appendix A.1.2), PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RFC 5208/5958) and SEC1 ({@code BEGIN EC PRIVATE KEY}, RFC 5915,
 * with or without a preceding {@code EC PARAMETERS} block). Encrypted keys are refused with a
 * message. Keys and certificates are converted to the JDK's own providers (BouncyCastle is not
 * registered as a provider: no global state).
 */
public final class PemFiles {
    private PemFiles() {}

    /** Loads a chain and its key, and checks that the key belongs to the leaf certificate. */
    public static CertifiedKey load(Path certFile, Path keyFile) throws TlsConfigException {
        List<X509Certificate> chain = readCertificates(certFile);
        PrivateKey key = readPrivateKey(keyFile);
        checkPair(chain.getFirst(), key, certFile, keyFile);
        return new CertifiedKey(chain, key);
    }

    /** All certificates of a PEM file, in file order (leaf first for a chain). */
    public static List<X509Certificate> readCertificates(Path file) throws TlsConfigException {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(conv.getCertificate(h));
                } else {
                    throw new TlsConfigException(file + ": unexpected PEM object "
                            + o.getClass().getSimpleName() + " in a certificate file");
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new TlsConfigException(file + ": cannot read PEM certificates: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new TlsConfigException(file + ": no BEGIN CERTIFICATE block");
        }
        return chain;
    }

    /** The single private key of a PEM file in PKCS#1, PKCS#8 or EC (SEC1) form. */
    public static PrivateKey readPrivateKey(Path file) throws TlsConfigException {
        JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                switch (o) {
                    case ASN1ObjectIdentifier ignored -> { } // "EC PARAMETERS" before an EC key
                    case PEMKeyPair kp -> { return conv.getPrivateKey(kp.getPrivateKeyInfo()); }
                    case PrivateKeyInfo info -> { return conv.getPrivateKey(info); }
                    case PEMEncryptedKeyPair ignored -> throw new TlsConfigException(
                            file + ": encrypted private keys are not supported; decrypt it (openssl pkey)");
                    case PKCS8EncryptedPrivateKeyInfo ignored -> throw new TlsConfigException(
                            file + ": encrypted private keys are not supported; decrypt it (openssl pkey)");
                    default -> throw new TlsConfigException(file + ": unexpected PEM object "
                            + o.getClass().getSimpleName() + " in a key file");
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException(file + ": cannot read PEM private key: " + e.getMessage(), e);
        }
        throw new TlsConfigException(file + ": no PRIVATE KEY block (expected PKCS#1, PKCS#8 or EC PEM)");
    }

    /** PEM text of certificates (leaf first). */
    public static String certificatesPem(List<X509Certificate> chain) {
        return pem(chain.toArray());
    }

    /** PEM text of a key in PKCS#8 form ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e); // StringWriter does not fail
        }
        return sw.toString();
    }

    private static void checkPair(X509Certificate cert, PrivateKey key, Path certFile, Path keyFile)
            throws TlsConfigException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new TlsConfigException(keyFile + ": unsupported key algorithm " + key.getAlgorithm());
        };
        if (!cert.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            throw new TlsConfigException(keyFile + ": " + key.getAlgorithm() + " key does not match the "
                    + cert.getPublicKey().getAlgorithm() + " certificate " + certFile);
        }
        try {
            byte[] probe = "surel key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            if (!v.verify(sig)) {
                throw new TlsConfigException(keyFile + ": private key does not belong to the certificate " + certFile);
            }
        } catch (GeneralSecurityException e) {
            throw new TlsConfigException(keyFile + ": private key does not belong to the certificate "
                    + certFile + ": " + e.getMessage(), e);
        }
    }
}
