package dev.surel.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link SpamScale}: the filter's score as RFC 5235 spamtest values, and virustest from clamd's note. */
class SpamScaleTest {

    static final SpamScale SCALE = new SpamScale(5, 15);

    static String fields(String score) {
        return "Authentication-Results: mx; spf=pass\r\nX-Spam-Score: " + score + "\r\nX-Spam-Status: No, score=" + score
                + " required=5.0 tests=CLAMD_CLEAN\r\n";
    }

    @Test
    void scoresBelowJunkAreOneToFourAndFromJunkOnFiveToTen() {
        assertThat(SCALE.value("")).isZero();
        assertThat(SCALE.value(fields("-2.0"))).isEqualTo(1);
        assertThat(SCALE.value(fields("0.0"))).isEqualTo(1);
        assertThat(SCALE.value(fields("4.9"))).isEqualTo(4);
        assertThat(SCALE.value(fields("5.0"))).isEqualTo(5);
        assertThat(SCALE.value(fields("14.9"))).isEqualTo(10);
        assertThat(SCALE.value(fields("40"))).isEqualTo(10);
    }

    @Test
    void percentFollowsTheSameRanges() {
        assertThat(SCALE.percent("")).isEqualTo(-1);
        assertThat(SCALE.percent(fields("0"))).isZero();
        assertThat(SCALE.percent(fields("5"))).isEqualTo(50);
        assertThat(SCALE.percent(fields("15"))).isEqualTo(100);
    }

    @Test
    void virustestIsCleanOnlyWhenClamdScanned() {
        assertThat(SCALE.virus(fields("1.0"))).isEqualTo(1);
        assertThat(SCALE.virus(fields("1.0").replace("CLAMD_CLEAN", "none"))).isZero();
    }
}
