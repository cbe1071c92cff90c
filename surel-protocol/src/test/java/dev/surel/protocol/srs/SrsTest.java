package dev.surel.protocol.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SrsTest {

    static final Srs SRS = new Srs("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");

    static String local(String address) {
        return address.substring(0, address.lastIndexOf('@'));
    }

    @Test
    void forwardsAndReverses() {
        String a = SRS.forward("carol@sender.test", "fwd.test", NOW);
        assertThat(a).matches("SRS0=[a-z2-7]{8}=[a-z2-7]{2}=sender\\.test=carol@fwd\\.test");
        assertThat(SRS.reverse(local(a), NOW.plus(Duration.ofDays(3)))).isEqualTo(new Srs.Reversed.Original("carol@sender.test"));
        assertThat(Srs.isSrs(local(a))).isTrue();
        assertThat(Srs.isSrs("carol")).isFalse();
    }

    @Test
    void aPeerThatChangesTheCaseDoesNotBreakIt() {
        String a = local(SRS.forward("Carol.X@Sender.test", "fwd.test", NOW));
        assertThat(SRS.reverse(a.toLowerCase(Locale.ROOT), NOW)).isEqualTo(new Srs.Reversed.Original("carol.x@sender.test"));
        assertThat(SRS.reverse(a.toUpperCase(Locale.ROOT), NOW)).isInstanceOf(Srs.Reversed.Original.class);
    }

    @Test
    void forgedTamperedExpiredAndMalformedAddressesAreRefused() {
        String a = local(SRS.forward("carol@sender.test", "fwd.test", NOW));
        assertThat(SRS.reverse(a.replace("=carol", "=mallory"), NOW)).isInstanceOf(Srs.Reversed.Invalid.class);
        assertThat(new Srs("another secret of 32 octets.....".getBytes(StandardCharsets.US_ASCII)).reverse(a, NOW))
                .isInstanceOf(Srs.Reversed.Invalid.class);
        assertThat(SRS.reverse(a, NOW.plus(Srs.MAX_AGE).plus(Duration.ofDays(1))))
                .isEqualTo(new Srs.Reversed.Invalid("SRS address expired (22 days old)"));
        assertThat(SRS.reverse(a, NOW.plus(Srs.MAX_AGE))).isInstanceOf(Srs.Reversed.Original.class);
        for (String bad : new String[] {"SRS0=", "SRS0=abc=de=x=y", "SRS0=abcdefgh=d=x=y", "SRS0=abcdefgh=de==y", "SRS1=x=y"}) {
            assertThat(SRS.reverse(bad, NOW)).as(bad).isInstanceOf(Srs.Reversed.Invalid.class);
        }
    }

    @Test
    void theTimestampWrapsAfter1024Days() {
        String a = local(SRS.forward("carol@sender.test", "fwd.test", Instant.parse("2026-12-31T23:00:00Z")));
        // 1024 days later the same TT comes round: still only MAX_AGE is accepted around it
        assertThat(SRS.reverse(a, Instant.parse("2027-01-05T00:00:00Z"))).isInstanceOf(Srs.Reversed.Original.class);
    }

    @Test
    void anSrsAddressIsWrappedAgainWhenForwardedOnceMore() {
        String first = SRS.forward("carol@sender.test", "fwd1.test", NOW);
        String second = SRS.forward(first, "fwd2.test", NOW);
        assertThat(SRS.reverse(local(second), NOW)).isEqualTo(new Srs.Reversed.Original(first));
    }
}
