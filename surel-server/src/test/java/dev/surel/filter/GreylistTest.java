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
        GreylistSettings d = GreylistSettings.defaults();
        return new GreylistSettings(true, d.delay(), d.retryWindow(), d.expiry(), List.of(Cidr.parse("10.0.0.0/8")), autoWhitelist,
                24, 64, d.purgeInterval());
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
}
