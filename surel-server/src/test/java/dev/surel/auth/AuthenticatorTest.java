package dev.surel.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.accounts.AccountInitializer;
import dev.surel.accounts.AccountRemover;
import dev.surel.accounts.Directory;
import dev.surel.accounts.DirectorySettings;
import dev.surel.protocol.sasl.NonceSource;
import dev.surel.protocol.sasl.PlainMechanism;
import dev.surel.protocol.sasl.SaslExchange;
import dev.surel.protocol.sasl.SaslStep;
import dev.surel.protocol.sasl.ScramSha256Mechanism;
import dev.surel.store.sql.Database;
import dev.surel.time.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authenticator and the SASL mechanisms end to end over a real SQLite directory (cheap Argon2). */
class AuthenticatorTest {
    @TempDir Path dir;
    Database db;
    Directory directory;
    PasswordHashing hashing;
    Authenticator auth;

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("surel.db"), 2);
        AuthSettings settings = PasswordHashingTest.cheap();
        hashing = new PasswordHashing(settings, new SecureRandom());
        directory = new Directory(db, DirectorySettings.defaults(), hashing, AccountInitializer.NONE, AccountRemover.NONE,
                new MutableClock(Instant.parse("2026-01-01T00:00:00Z")));
        auth = new Authenticator(directory, hashing, settings, new SecureRandom());
        directory.addDomain("example.com");
        directory.addUser("tim@example.com", "old password".toCharArray());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void loginIsTheFullAddressCaseInsensitive() {
        assertThat(auth.authenticate("TIM@Example.COM", "old password".toCharArray()))
                .hasValueSatisfying(u -> assertThat(u.address()).isEqualTo("tim@example.com"));
        assertThat(auth.authenticate("tim", "old password".toCharArray())).isEmpty();
        assertThat(auth.authenticate("tim@example.com", "old passworD".toCharArray())).isEmpty();
        assertThat(auth.authenticate("nobody@example.com", "old password".toCharArray())).isEmpty();
        assertThat(auth.authenticate("not an address", "x".toCharArray())).isEmpty();
    }

    @Test
    void successfulVerificationsAreCachedSoArgon2RunsRarely() {
        long before = hashing.verifications();
        for (int i = 0; i < 200; i++) {
            assertThat(auth.authenticate("tim@example.com", "old password".toCharArray())).isPresent();
        }
        assertThat(hashing.verifications() - before).isEqualTo(1);
        assertThat(auth.cachedVerifications()).isEqualTo(1);
        // failures are never cached and always run Argon2
        auth.authenticate("tim@example.com", "guess".toCharArray());
        auth.authenticate("tim@example.com", "guess".toCharArray());
        assertThat(hashing.verifications() - before).isEqualTo(3);
    }

    @Test
    void cacheIsBounded() {
        Authenticator small = new Authenticator(directory, hashing,
                new AuthSettings(64, 1, 1, 4096, 2, ThrottleSettings.defaults()), new SecureRandom());
        for (String u : new String[] {"a", "b", "c", "d"}) {
            directory.addUser(u + "@example.com", "pw".toCharArray());
            assertThat(small.authenticate(u + "@example.com", "pw".toCharArray())).isPresent();
        }
        assertThat(small.cachedVerifications()).isEqualTo(2);
    }

    @Test
    void oldPasswordRefusedAfterPasswdEvenWhenCached() {
        assertThat(auth.authenticate("tim@example.com", "old password".toCharArray())).isPresent();
        assertThat(scram("tim@example.com", "old password")).isInstanceOf(SaslStep.Success.class);

        directory.passwd("tim@example.com", "new password".toCharArray());

        long before = hashing.verifications();
        assertThat(auth.authenticate("tim@example.com", "old password".toCharArray())).isEmpty();
        assertThat(hashing.verifications() - before).isEqualTo(1); // the cache did not answer
        assertThat(auth.authenticate("tim@example.com", "new password".toCharArray())).isPresent();
        assertThat(scram("tim@example.com", "old password")).isInstanceOf(SaslStep.Failure.class);
        assertThat(scram("tim@example.com", "new password")).isInstanceOf(SaslStep.Success.class);
        PlainMechanism plain = new PlainMechanism(auth.passwordVerifier());
        assertThat(plain.newExchange().start("\0tim@example.com\0old password".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(SaslStep.Reason.INVALID_CREDENTIALS, "tim@example.com"));
    }

    @Test
    void plainAgainstTheDirectory() {
        PlainMechanism plain = new PlainMechanism(auth.passwordVerifier());
        assertThat(plain.newExchange().start("\0Tim@example.com\0old password".getBytes(UTF_8))).isInstanceOf(SaslStep.Success.class);
        assertThat(plain.newExchange().start("tim@example.com\0tim@example.com\0old password".getBytes(UTF_8)))
                .isInstanceOf(SaslStep.Success.class);
        assertThat(plain.newExchange().start("postmaster@example.com\0tim@example.com\0old password".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(SaslStep.Reason.AUTHZID_NOT_PERMITTED, "tim@example.com"));
    }

    @Test
    void scramAgainstTheDirectory() {
        SaslStep ok = scram("TIM@example.com", "old password");
        assertThat(ok).isInstanceOf(SaslStep.Success.class);
        assertThat(((SaslStep.Success) ok).serverFinal()).isPresent();
        assertThat(scram("tim@example.com", "wrong")).isEqualTo(SaslStep.failure(SaslStep.Reason.INVALID_CREDENTIALS, "tim@example.com"));
        assertThat(scram("nobody@example.com", "old password")).isEqualTo(SaslStep.failure(SaslStep.Reason.INVALID_CREDENTIALS, "nobody@example.com"));
        SaslExchange ex = scramMechanism().newExchange();
        assertThat(ex.start("n,a=postmaster@example.com,n=tim@example.com,r=abc".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(SaslStep.Reason.AUTHZID_NOT_PERMITTED, "tim@example.com"));
    }

    ScramSha256Mechanism scramMechanism() {
        return new ScramSha256Mechanism(auth.scramLookup(), NonceSource.secure(new SecureRandom()), new byte[32], 4096);
    }

    /** Runs a whole SCRAM-SHA-256 exchange, computing the client side with the JDK's PBKDF2. */
    SaslStep scram(String user, String password) {
        SaslExchange ex = scramMechanism().newExchange();
        String bare = "n=" + user + ",r=clientnonce123";
        SaslStep first = ex.start(("n,," + bare).getBytes(UTF_8));
        if (!(first instanceof SaslStep.Challenge c)) return first;
        String serverFirst = new String(c.data(), UTF_8);
        Map<String, String> attrs = new HashMap<>();
        for (String kv : serverFirst.split(",")) attrs.put(kv.substring(0, 1), kv.substring(2));
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(
                    password.toCharArray(), Base64.getDecoder().decode(attrs.get("s")), Integer.parseInt(attrs.get("i")), 256)).getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = java.security.MessageDigest.getInstance("SHA-256").digest(clientKey);
            String without = "c=biws,r=" + attrs.get("r");
            byte[] sig = hmac(storedKey, bare + "," + serverFirst + "," + without);
            byte[] proof = new byte[32];
            for (int i = 0; i < 32; i++) proof[i] = (byte) (clientKey[i] ^ sig[i]);
            SaslStep last = ex.respond((without + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(UTF_8));
            if (last instanceof SaslStep.Success s) {
                String expected = "v=" + Base64.getEncoder().encodeToString(
                        hmac(hmac(salted, "Server Key"), bare + "," + serverFirst + "," + without));
                assertThat(new String(s.serverFinal().orElseThrow(), UTF_8)).isEqualTo(expected);
            }
            return last;
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] hmac(byte[] key, String data) throws java.security.GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(UTF_8));
    }
}
