package dev.surel.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate {@code ./surel serve} uses when {@code [tls] cert} is absent. Generated on
 * first start into {@code <data_dir>/tls/selfsigned.crt} and {@code selfsigned.key} (key file
 * mode 0600, written to a temp file and moved into place), and reused afterwards as long as it
 * loads, names the configured host name and is valid for more than {@link #RENEW_BEFORE} by
 * the injected clock; otherwise a new one replaces it.
 *
 * <p>Key: RSA 2048, because every client that speaks TLS 1.2 can use it (old Outlook, old
 * Android and embedded clients lack ECDSA); EC P-256 would be smaller and faster but a
 * self-signed certificate is about working everywhere on first start. Validity
 * {@link #VALIDITY} (825 days, the longest lifetime some clients accept for a server cert).
 * SANs (RFC 5280 §4.2.1.6): the host name, {@code localhost}, {@code 127.0.0.1} and {@code ::1}.
 */
public final class SelfSignedCertificate {
    public static final Duration VALIDITY = Duration.ofDays(825);
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);

    /** Where the generated files are. */
    public record Location(Path cert, Path key) {}

    private SelfSignedCertificate() {}

    /** The subject alternative names used for {@code hostname}, in order, without duplicates. */
    public static List<String> subjectAltNames(String hostname) {
        Set<String> names = new LinkedHashSet<>();
        names.add(hostname.toLowerCase(Locale.ROOT));
        names.addAll(List.of("localhost", "127.0.0.1", "::1"));
        return List.copyOf(names);
    }

    /**
     * Returns the files of a usable self-signed certificate in {@code <dataDir>/tls/},
     * generating them when missing, broken, not naming {@code hostname} or about to expire.
     */
    public static Location ensure(Path dataDir, String hostname, Clock clock) throws TlsConfigException {
        Path dir = dataDir.resolve("tls");
        Location files = new Location(dir.resolve("selfsigned.crt"), dir.resolve("selfsigned.key"));
        if (Files.exists(files.cert()) && Files.exists(files.key())) {
            try {
                CertifiedKey ck = PemFiles.load(files.cert(), files.key());
                Instant expires = ck.leaf().getNotAfter().toInstant();
                if (dnsAndIpNames(ck.leaf()).containsAll(subjectAltNames(hostname).stream().map(SelfSignedCertificate::normalizeName).toList())
                        && clock.instant().plus(RENEW_BEFORE).isBefore(expires)) {
                    return files;
                }
                log.info("self-signed certificate {} does not name {} or expires {}: generating a new one",
                        files.cert(), hostname, expires);
            } catch (TlsConfigException e) {
                log.warn("self-signed certificate unusable, generating a new one: {}", e.getMessage());
            }
        }
        try {
            Files.createDirectories(dir);
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            X509Certificate cert = generate(kp, hostname, subjectAltNames(hostname), clock.instant(), VALIDITY);
            writeAtomically(files.key(), PemFiles.pkcs8Pem(kp.getPrivate()), true);
            writeAtomically(files.cert(), PemFiles.certificatesPem(List.of(cert)), false);
            log.info("generated self-signed certificate {} for {}", files.cert(), subjectAltNames(hostname));
            return files;
        } catch (IOException | GeneralSecurityException e) {
            throw new TlsConfigException("cannot generate a self-signed certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A self-signed server certificate for {@code keyPair} (RSA or EC) with common name
     * {@code cn}, the given SANs (IP literals become iPAddress names, others dNSName), valid
     * from one hour before {@code notBefore} (clock skew) for {@code validity}.
     */
    public static X509Certificate generate(KeyPair keyPair, String cn, List<String> sans, Instant notBefore,
            Duration validity) throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).addRDN(BCStyle.O, "Surel").build();
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
        Instant from = notBefore.minus(Duration.ofHours(1));
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial, Date.from(from),
                Date.from(notBefore.plus(validity)), subject, keyPair.getPublic());
        List<GeneralName> names = new ArrayList<>();
        for (String s : sans) {
            names.add(isIpLiteral(s) ? new GeneralName(GeneralName.iPAddress, s) : new GeneralName(GeneralName.dNSName, s));
        }
        try {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(
                    KeyUsage.digitalSignature | (keyPair.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            String sigAlg = keyPair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder(sigAlg).build(keyPair.getPrivate())));
        } catch (IOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build certificate: " + e.getMessage(), e);
        }
    }

    /** The dNSName and iPAddress SANs of a certificate, IPs in Java's canonical text form. */
    public static Set<String> dnsAndIpNames(X509Certificate cert) throws TlsConfigException {
        Set<String> out = new LinkedHashSet<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    String v = String.valueOf(san.get(1));
                    if (type == GeneralName.dNSName) {
                        out.add(v.toLowerCase(Locale.ROOT));
                    } else if (type == GeneralName.iPAddress) {
                        out.add(normalizeName(v));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new TlsConfigException("cannot read subject alternative names: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A name as {@link #dnsAndIpNames} reports it: IP literals in Java's full text form
     * ({@code ::1} becomes {@code 0:0:0:0:0:0:0:1}), DNS names in lower case.
     */
    public static String normalizeName(String name) {
        return isIpLiteral(name) ? InetAddress.ofLiteral(name).getHostAddress() : name.toLowerCase(Locale.ROOT);
    }

    private static boolean isIpLiteral(String s) {
        try {
            InetAddress.ofLiteral(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            if (secret) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(tmp);
            }
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
