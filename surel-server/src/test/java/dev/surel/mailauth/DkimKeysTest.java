package dev.surel.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.protocol.dkim.DkimAlgorithm;
import dev.surel.protocol.dkim.KeyRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DKIM key registry on real files: states, modes, durability across a reopen, the TXT record. */
class DkimKeysTest {

    @TempDir Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private DkimKeys open() {
        return DkimKeys.open(dir.resolve("dkim"), clock);
    }

    @Test
    void generatedKeysAreOwnerOnlyFilesAndSurviveAReopen() throws Exception {
        DkimKeys keys = open();
        DkimKey rsa = keys.generate("Example.ORG", null, DkimAlgorithm.RSA_SHA256, DkimKeyState.ACTIVE);
        DkimKey ed = keys.generate("example.org", "mail2026", DkimAlgorithm.ED25519_SHA256, DkimKeyState.ACTIVE);
        assertThat(rsa.selector()).isEqualTo("rsa20261207");
        assertThat(rsa.domain()).isEqualTo("example.org");
        assertThat(((java.security.interfaces.RSAKey) rsa.privateKey()).getModulus().bitLength()).isEqualTo(2048);
        Path d = dir.resolve("dkim/example.org");
        for (Path f : List.of(d.resolve("rsa20261207.pem"), d.resolve("mail2026.pem"), d.resolve(DkimKeys.STATE_FILE))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).isEqualTo("rwx------");
        assertThat(Files.readString(d.resolve("mail2026.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n").contains("-----BEGIN PUBLIC KEY-----");
        try (var s = Files.list(d)) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no temp file left").noneMatch(n -> n.endsWith(".tmp"));
        }

        DkimKeys again = open();
        assertThat(again.list(null)).extracting(DkimKey::toString).containsExactly(
                "DkimKey[mail2026._domainkey.example.org ed25519 active 2026-12-07T10:00:00Z]",
                "DkimKey[rsa20261207._domainkey.example.org rsa active 2026-12-07T10:00:00Z]");
        DkimKey rsaAgain = again.list("example.org").stream().filter(k -> k.algorithm() == DkimAlgorithm.RSA_SHA256).findFirst().orElseThrow();
        assertThat(rsaAgain.privateKey().getEncoded()).isEqualTo(rsa.privateKey().getEncoded());
        assertThat(rsaAgain.record()).isEqualTo(rsa.record());
        assertThat(again.signingKeys("example.org")).hasSize(2);
    }

    @Test
    void theTxtRecordIsSplitInto255OctetStringsThatJoinToTheKeyRecord() throws Exception {
        DkimKeys keys = open();
        DkimKey rsa = keys.generate("example.org", "r", DkimAlgorithm.RSA_SHA256, DkimKeyState.ACTIVE);
        DkimKey ed = keys.generate("example.org", "e", DkimAlgorithm.ED25519_SHA256, DkimKeyState.ACTIVE);
        assertThat(rsa.txtStrings()).hasSize(2).allMatch(s -> s.length() <= 255);
        assertThat(rsa.txtStrings().getFirst()).hasSize(255).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(String.join("", rsa.txtStrings())).isEqualTo(rsa.record());
        assertThat(KeyRecord.parse(String.join("", rsa.txtStrings())).key()).isEqualTo(rsa.publicKey());
        assertThat(ed.txtStrings()).containsExactly(ed.record());
        assertThat(KeyRecord.parse(ed.record()).key()).isEqualTo(ed.publicKey());
        assertThat(ed.zoneLine()).isEqualTo("e._domainkey.example.org. TXT \"" + ed.record() + "\"");
        assertThat(rsa.zoneLine()).matches("r\\._domainkey\\.example\\.org\\. TXT \"v=DKIM1; k=rsa; p=[^\"]+\" \"[^\"]+\"");
    }

    @Test
    void rollingAKey() throws Exception {
        DkimKeys keys = open();
        DkimKey first = keys.generate("example.org", "one", DkimAlgorithm.RSA_SHA256, DkimKeyState.ACTIVE);
        assertThatThrownBy(() -> keys.generate("example.org", "two", DkimAlgorithm.RSA_SHA256, DkimKeyState.ACTIVE))
                .isInstanceOf(DkimKeyException.class).hasMessageContaining("already has an active rsa key (selector one)")
                .extracting(e -> ((DkimKeyException) e).kind()).isEqualTo(DkimKeyException.Kind.CONFLICT);
        DkimKey next = keys.generate("example.org", null, DkimAlgorithm.RSA_SHA256, DkimKeyState.PENDING);
        assertThat(keys.signingKeys("example.org")).extracting(DkimKey::selector).containsExactly("one");

        List<DkimKey> changed = keys.activate("example.org", next.selector());
        assertThat(changed).extracting(k -> k.selector() + " " + k.state().word())
                .containsExactly(next.selector() + " active", "one retired");
        assertThat(keys.signingKeys("example.org")).extracting(DkimKey::selector).containsExactly(next.selector());
        assertThat(open().list("example.org")).extracting(k -> k.selector() + " " + k.state().word())
                .as("the states are durable").containsExactly(next.selector() + " active", "one retired");

        assertThatThrownBy(() -> keys.remove("example.org", next.selector(), false))
                .extracting(e -> ((DkimKeyException) e).kind()).isEqualTo(DkimKeyException.Kind.CONFLICT);
        keys.remove("example.org", "one", false);
        assertThat(Files.exists(dir.resolve("dkim/example.org/one.pem"))).isFalse();
        assertThat(open().list(null)).extracting(DkimKey::selector).containsExactly(next.selector());
        assertThat(first.selector()).isEqualTo("one");
    }

    @Test
    void errorsHaveKinds() {
        DkimKeys keys = open();
        keys.generate("example.org", "s", DkimAlgorithm.ED25519_SHA256, DkimKeyState.PENDING);
        assertThatThrownBy(() -> keys.generate("example.org", "S", DkimAlgorithm.RSA_SHA256, DkimKeyState.PENDING))
                .extracting(e -> ((DkimKeyException) e).kind()).isEqualTo(DkimKeyException.Kind.EXISTS);
        for (String bad : new String[] {"../x", "a/b", "-a", "a..b", "", "a_b"}) {
            assertThatThrownBy(() -> keys.generate("example.org", bad, DkimAlgorithm.RSA_SHA256, DkimKeyState.PENDING)).as(bad)
                    .extracting(e -> ((DkimKeyException) e).kind()).isEqualTo(DkimKeyException.Kind.INVALID);
        }
        assertThatThrownBy(() -> keys.generate("../etc", "s", DkimAlgorithm.RSA_SHA256, DkimKeyState.PENDING))
                .extracting(e -> ((DkimKeyException) e).kind()).isEqualTo(DkimKeyException.Kind.INVALID);
        assertThatThrownBy(() -> keys.activate("example.org", "nope"))
                .extracting(e -> ((DkimKeyException) e).kind()).isEqualTo(DkimKeyException.Kind.NOT_FOUND);
    }

    @Test
    void signingKeysComeFromTheFromDomainOrItsNearestParentWithKeys() {
        DkimKeys keys = open();
        keys.generate("example.org", "a", DkimAlgorithm.ED25519_SHA256, DkimKeyState.ACTIVE);
        keys.generate("example.org", "p", DkimAlgorithm.RSA_SHA256, DkimKeyState.PENDING);
        keys.generate("sub.example.org", "b", DkimAlgorithm.ED25519_SHA256, DkimKeyState.ACTIVE);
        assertThat(keys.signingKeys("EXAMPLE.org")).extracting(DkimKey::selector).containsExactly("a");
        assertThat(keys.signingKeys("mail.example.org")).extracting(DkimKey::selector).containsExactly("a");
        assertThat(keys.signingKeys("x.sub.example.org")).extracting(DkimKey::selector).containsExactly("b");
        assertThat(keys.signingKeys("example.com")).isEmpty();
        assertThat(keys.signingKeys("org")).isEmpty();
    }

    @Test
    void aKeyFileWithoutItsLineOrALineWithoutItsFileIsIgnored() throws Exception {
        DkimKeys keys = open();
        keys.generate("example.org", "good", DkimAlgorithm.ED25519_SHA256, DkimKeyState.ACTIVE);
        Path d = dir.resolve("dkim/example.org");
        Files.writeString(d.resolve("orphan.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"); // a crash before its line
        Files.writeString(d.resolve(DkimKeys.STATE_FILE), Files.readString(d.resolve(DkimKeys.STATE_FILE))
                + "gone ed25519-sha256 active 2026-12-07T10:00:00Z\nnot a line\n");
        assertThat(open().list(null)).extracting(DkimKey::selector).containsExactly("good");
    }
}
