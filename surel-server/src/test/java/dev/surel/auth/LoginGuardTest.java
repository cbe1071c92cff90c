package dev.surel.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.accounts.AccountInitializer;
import dev.surel.accounts.AccountRemover;
import dev.surel.accounts.Directory;
import dev.surel.accounts.DirectorySettings;
import dev.surel.protocol.sasl.SaslMechanism;
import dev.surel.protocol.sasl.SaslStep;
import dev.surel.store.sql.Database;
import dev.surel.time.MutableClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Throttling wired around real verification: delays slept through the Sleeper, refusals skip Argon2. */
class LoginGuardTest {
    @TempDir Path dir;
    Database db;
    PasswordHashing hashing;
    LoginGuard guard;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<Duration> slept = new ArrayList<>();
    final LoginPeer ip = new LoginPeer("imap", InetAddress.getLoopbackAddress());

    @BeforeEach
    void open() {
        db = Database.openSqlite(dir.resolve("surel.db"), 2);
        ThrottleSettings throttle = new ThrottleSettings(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(15),
                50, 3, Duration.ofMinutes(10), 1000);
        AuthSettings settings = new AuthSettings(64, 1, 1, 4096, 100, throttle);
        hashing = new PasswordHashing(settings, new SecureRandom());
        Directory directory = new Directory(db, DirectorySettings.defaults(), hashing, AccountInitializer.NONE,
                AccountRemover.NONE, clock);
        directory.addDomain("example.com");
        directory.addUser("tim@example.com", "secret".toCharArray());
        guard = new LoginGuard(new Authenticator(directory, hashing, settings, new SecureRandom()),
                new LoginThrottle(throttle, clock), slept::add, settings, new SecureRandom());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void failuresAreDelayedThenRefusedWithoutVerifying() {
        assertThat(guard.login(ip, LoginGuard.IMAP_LOGIN, "tim@example.com", "secret".toCharArray())).isInstanceOf(LoginResult.Ok.class);
        assertThat(guard.login(ip, LoginGuard.IMAP_LOGIN, "tim@example.com", "a".toCharArray())).isEqualTo(new LoginResult.Rejected());
        assertThat(guard.login(ip, LoginGuard.IMAP_LOGIN, "tim@example.com", "b".toCharArray())).isEqualTo(new LoginResult.Rejected());
        assertThat(guard.login(ip, LoginGuard.IMAP_LOGIN, "tim@example.com", "c".toCharArray())).isEqualTo(new LoginResult.Rejected());
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        long verifications = hashing.verifications();
        assertThat(guard.login(ip, LoginGuard.IMAP_LOGIN, "tim@example.com", "secret".toCharArray()))
                .isEqualTo(new LoginResult.Refused(Duration.ofMinutes(10)));
        assertThat(hashing.verifications()).isEqualTo(verifications);
        clock.advance(Duration.ofMinutes(10));
        assertThat(guard.login(ip, LoginGuard.IMAP_LOGIN, "tim@example.com", "secret".toCharArray())).isInstanceOf(LoginResult.Ok.class);
    }

    @Test
    void clearTextMechanismsOnlyWhenAllowed() {
        assertThat(guard.mechanisms(ip, false)).extracting(SaslMechanism::name).containsExactly("SCRAM-SHA-256");
        assertThat(guard.mechanisms(ip, true)).extracting(SaslMechanism::name).containsExactly("SCRAM-SHA-256", "PLAIN", "LOGIN");
        assertThat(guard.mechanisms(ip, true)).extracting(SaslMechanism::revealsPassword).containsExactly(false, true, true);
    }

    @Test
    void plainIsThrottledToo() {
        SaslMechanism plain = guard.mechanisms(ip, true).get(1);
        for (int i = 0; i < 3; i++) {
            assertThat(plain.newExchange().start("\0tim@example.com\0wrong".getBytes(UTF_8))).isInstanceOf(SaslStep.Failure.class);
        }
        assertThat(plain.newExchange().start("\0tim@example.com\0secret".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(SaslStep.Reason.TEMPORARY_FAILURE, "tim@example.com"));
    }

    @Test
    void scramOutcomesFeedTheThrottle() {
        SaslMechanism scram = guard.mechanisms(ip, false).getFirst();
        for (int i = 0; i < 3; i++) {
            var ex = scram.newExchange();
            SaslStep.Challenge c = (SaslStep.Challenge) ex.start("n,,n=tim@example.com,r=abc".getBytes(UTF_8));
            String nonce = new String(c.data(), UTF_8).split(",")[0].substring(2);
            SaslStep last = ex.respond(("c=biws,r=" + nonce + ",p=" + Base64.getEncoder().encodeToString(new byte[32])).getBytes(UTF_8));
            assertThat(last).isEqualTo(SaslStep.failure(SaslStep.Reason.INVALID_CREDENTIALS, "tim@example.com"));
            guard.finish(ip, scram, last);
        }
        assertThat(scram.newExchange().start("n,,n=tim@example.com,r=abc".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(SaslStep.Reason.TEMPORARY_FAILURE, "tim@example.com"));
        assertThat(guard.user("TIM@example.com")).hasValueSatisfying(u -> assertThat(u.address()).isEqualTo("tim@example.com"));
    }
}
