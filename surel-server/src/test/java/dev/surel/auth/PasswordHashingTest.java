package dev.surel.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.accounts.Credentials;
import dev.surel.protocol.sasl.Scram;
import dev.surel.protocol.sasl.ScramCredentials;
import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PasswordHashingTest {
    /** What password4j 1.8.4 wrote (English locale) for password "pw", 16 zero bytes of salt, m=64, t=1, p=1. */
    static final String PASSWORD4J_PW = "$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$TZSlzJmRkFcqyPQs0sJC+6sJmkWPIPHUVKGs/dtXmwI";

    static AuthSettings cheap() {
        return new AuthSettings(64, 1, 1, 4096, 100, ThrottleSettings.defaults());
    }

    @Test
    void realParametersProduceAnArgon2idPhcStringAndVerify() {
        PasswordHashing h = new PasswordHashing(AuthSettings.defaults(), new SecureRandom());
        Credentials c = h.derive("correct horse".toCharArray());
        assertThat(c.passwordHash()).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(h.verify("correct horse".toCharArray(), c.passwordHash())).isTrue();
        assertThat(h.verify("correct horsf".toCharArray(), c.passwordHash())).isFalse();
        assertThat(c.toString()).doesNotContain(c.passwordHash());
    }

    @Test
    void scramCredentialsAreSaltedAndMatchRfc5802Derivation() {
        PasswordHashing h = new PasswordHashing(cheap(), new SecureRandom());
        Credentials a = h.derive("pencil".toCharArray());
        Credentials b = h.derive("pencil".toCharArray());
        assertThat(a.scramSha256()).matches("4096:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=");
        assertThat(a.scramSha256()).isNotEqualTo(b.scramSha256()); // fresh salt each time
        assertThat(a.passwordHash()).isNotEqualTo(b.passwordHash());
        ScramCredentials decoded = PasswordHashing.decodeScram(a.scramSha256()).orElseThrow();
        assertThat(decoded).isEqualTo(Scram.derive("pencil".toCharArray(), decoded.salt(), 4096));
        assertThat(PasswordHashing.encodeScram(decoded)).isEqualTo(a.scramSha256());
    }

    @Test
    void passwordsAreSaslPreppedBeforeHashing() {
        PasswordHashing h = new PasswordHashing(cheap(), new SecureRandom());
        Credentials c = h.derive("a\u00A0b".toCharArray()); // no-break space maps to space
        assertThat(h.verify("a b".toCharArray(), c.passwordHash())).isTrue();
        assertThatThrownBy(() -> h.derive("bell\u0007".toCharArray())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.derive(new char[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void damagedStoredValuesNeverVerify() {
        PasswordHashing h = new PasswordHashing(cheap(), new SecureRandom());
        assertThat(h.verify("x".toCharArray(), "garbage")).isFalse();
        assertThat(h.verify("x".toCharArray(), "")).isFalse();
        assertThat(PasswordHashing.decodeScram("garbage")).isEmpty();
        assertThat(PasswordHashing.decodeScram("4096:!!:AA==:AA==")).isEmpty();
        assertThat(PasswordHashing.decodeScram("4096:AAAA:AA==:AA==")).isEmpty(); // keys too short
    }

    @Test
    void thePhcStringIsWhatPassword4jWritesAndItsHashesStillVerify() {
        byte[] salt = new byte[16];
        assertThat(PasswordHashing.phc(19, 64, 1, 1, salt, Argon2id.hash("pw".getBytes(StandardCharsets.UTF_8), salt, 64, 1, 1, 19, 32)))
                .isEqualTo(PASSWORD4J_PW);
        PasswordHashing h = new PasswordHashing(cheap(), new SecureRandom());
        assertThat(h.verify("pw".toCharArray(), PASSWORD4J_PW)).isTrue();
        assertThat(h.verify("px".toCharArray(), PASSWORD4J_PW)).isFalse();
        assertThat(h.verify("pw".toCharArray(), PASSWORD4J_PW.replace("t=1", "t=2"))).as("parameters are part of the hash").isFalse();
    }

    /** Bouncy Castle's Argon2id (used) against password4j's (an independent implementation; used before): same octets. */
    @Test
    void argon2idAgreesWithPassword4j() {
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] pw = "correct horse".getBytes(StandardCharsets.UTF_8);
        int[][] params = {{64, 1, 1, 0x13}, {256, 2, 2, 0x13}, {128, 3, 1, 0x10}, {1024, 1, 4, 0x13}};
        for (int[] p : params) {
            Argon2Function f = Argon2Function.getInstance(p[0], p[1], p[2], 32, Argon2.ID, p[3]);
            assertThat(Argon2id.hash(pw, salt, p[0], p[1], p[2], p[3] == 0x13 ? 19 : 16, 32))
                    .as("m=%d t=%d p=%d v=%d", p[0], p[1], p[2], p[3]).isEqualTo(f.hash(pw, salt).getBytes());
        }
    }

    /** password4j names the variant with a locale-sensitive toLowerCase: under tr_TR it wrote "$argon2ıd$" and no login worked. */
    @Test
    void hashesAreWrittenAndVerifiedTheSameUnderATurkishLocale() throws Exception {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElseThrow(), "-Duser.language=tr", "-Duser.country=TR",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), TurkishLocaleChild.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("locale tr_TR").containsPattern("hash \\$argon2id\\$v=19\\$m=64,t=1,p=1\\$")
                .contains("derived verifies true").contains("stored verifies true");
    }

    @Test
    void argon2ParametersAreValidated() {
        assertThatThrownBy(() -> new AuthSettings(19456, 2, 1, 1000, 10, ThrottleSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthSettings(4, 2, 1, 4096, 10, ThrottleSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
