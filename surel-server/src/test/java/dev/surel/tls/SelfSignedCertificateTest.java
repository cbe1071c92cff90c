package dev.surel.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {
    @TempDir Path dataDir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));

    @Test
    void generatedOnFirstStartWithTheRightSansAndPrivateKeyFile() throws Exception {
        try (TlsManager m = TlsManager.start(TlsSettings.defaults(), dataDir, "mail.example.com", clock)) {
            var leaf = m.defaultCertificate().leaf();
            assertThat(SelfSignedCertificate.dnsAndIpNames(leaf)).containsExactlyInAnyOrder(
                    "mail.example.com", "localhost", "127.0.0.1", SelfSignedCertificate.normalizeName("::1"));
            assertThat(((RSAPublicKey) leaf.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
            assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()))
                    .isEqualTo(SelfSignedCertificate.VALIDITY.plusHours(1));
            assertThat(leaf.getNotAfter().toInstant()).isEqualTo(clock.instant().plus(SelfSignedCertificate.VALIDITY));
        }
        Path key = dataDir.resolve("tls/selfsigned.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.exists(dataDir.resolve("tls/selfsigned.crt"))).isTrue();
    }

    @Test
    void reusedOnSecondStartAndRenewedWhenHostOrTimeRequires() throws Exception {
        SelfSignedCertificate.Location loc = SelfSignedCertificate.ensure(dataDir, "mx.example.net", clock);
        String cert = Files.readString(loc.cert());
        String keyText = Files.readString(loc.key());
        clock.advance(Duration.ofDays(700));
        try (TlsManager m = TlsManager.start(TlsSettings.defaults(), dataDir, "mx.example.net", clock)) {
            assertThat(Files.readString(loc.cert())).isEqualTo(cert);
            assertThat(Files.readString(loc.key())).isEqualTo(keyText);
            assertThat(PemFiles.certificatesPem(m.defaultCertificate().chain())).isEqualTo(cert);
        }
        // host name changed: a new certificate naming it
        SelfSignedCertificate.ensure(dataDir, "other.example.net", clock);
        String renamed = Files.readString(loc.cert());
        assertThat(renamed).isNotEqualTo(cert);
        assertThat(SelfSignedCertificate.dnsAndIpNames(PemFiles.readCertificates(loc.cert()).getFirst()))
                .contains("other.example.net").doesNotContain("mx.example.net");
        // close to expiry by the clock: renewed
        clock.advance(SelfSignedCertificate.VALIDITY.minus(Duration.ofDays(10)));
        SelfSignedCertificate.ensure(dataDir, "other.example.net", clock);
        assertThat(Files.readString(loc.cert())).isNotEqualTo(renamed);
    }

    @Test
    void brokenGeneratedFilesAreReplaced() throws Exception {
        SelfSignedCertificate.Location loc = SelfSignedCertificate.ensure(dataDir, "h.test", clock);
        Files.writeString(loc.key(), "junk");
        SelfSignedCertificate.ensure(dataDir, "h.test", clock);
        assertThat(PemFiles.load(loc.cert(), loc.key()).leaf()).isNotNull();
    }
}
