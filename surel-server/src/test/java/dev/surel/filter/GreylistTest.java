package dev.surel.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Cidr;
import dev.surel.store.sql.Database;
import dev.surel.time.MutableClock;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The greylisting service over a real SQLite database (V13), time moved by a {@link MutableClock}. */
class GreylistTest {
    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    static final InetAddress CLIENT = InetAddress.ofLiteral("192.0.2.10");

    static GreylistSettings on(int autoWhitelist) {
        return on(autoWhitelist, GreylistSettings.defaults().purgeInterval());
    }

    static GreylistSettings on(int autoWhitelist, Duration purgeInterval) {
        GreylistSettings d = GreylistSettings.defaults();
        return new GreylistSettings(true, d.delay(), d.retryWindow(), d.expiry(), List.of(Cidr.parse("10.0.0.0/8")), d.exemptRecipients(), autoWhitelist,
                24, 64, purgeInterval);
    }

    @Test
    void deferThenPass() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 2)) {
            Greylist g = new Greylist(on(5), db, clock);
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test"))
                    .isEqualTo(new Greylist.Verdict.Defer(new dev.surel.protocol.filter.GreylistTriplet("192.0.2.0/24", "carol@example.org",
                            "alice@example.test"), Duration.ofMinutes(5)));
            clock.advance(Duration.ofMinutes(2));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isInstanceOf(Greylist.Verdict.Defer.class);
            clock.advance(Duration.ofMinutes(3));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.FIRST_PASS));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.TRIPLET_PASSED));
            assertThat(g.check(InetAddress.ofLiteral("10.1.2.3"), "x@y.example", "alice@example.test"))
                    .isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.EXEMPT));
        }
    }

    @Test
    void aPassedTripletThatKeepsSendingStaysPassedPastTheFirstExpiry() {
        try (Database db = Database.openSqlite(dir.resolve("surel.db"), 2)) {
            Greylist g = new Greylist(on(0, Duration.ofDays(1000)), db, clock); // no purge in between: its write would hide a missing touch
            g.check(CLIENT, "carol@example.org", "alice@example.test");
            clock.advance(Duration.ofMinutes(5));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.FIRST_PASS));
            // mail 30 days later refreshes the last-seen time (a write, it is older than an hour) ...
            clock.advance(Duration.ofDays(30));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.TRIPLET_PASSED));
            // ... so 35 days after the first pass it still passes; 35 days of silence later it does not
            clock.advance(Duration.ofDays(30));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.TRIPLET_PASSED));
            clock.advance(Duration.ofDays(36));
            assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isInstanceOf(Greylist.Verdict.Defer.class);
        }
    }

    @Test
    void aDatabaseFailurePassesTheRecipient() {
        Database db = Database.openSqlite(dir.resolve("surel.db"), 2);
        Greylist g = new Greylist(on(5), db, clock);
        db.close();
        assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.FAILED));
    }

    @Test
    void offPassesWithoutTouchingTheDatabase() {
        Database db = Database.openSqlite(dir.resolve("surel.db"), 2);
        db.close(); // any use would fail
        Greylist g = new Greylist(GreylistSettings.defaults(), db, clock);
        assertThat(g.check(CLIENT, "carol@example.org", "alice@example.test")).isEqualTo(new Greylist.Verdict.Pass(Greylist.Why.OFF));
    }
}
