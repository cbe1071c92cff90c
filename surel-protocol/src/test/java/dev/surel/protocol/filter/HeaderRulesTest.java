package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.dmarc.DmarcResult;
import dev.surel.protocol.spf.SpfResult;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {

    static String tests(ContentFeatures f) {
        return new SpamScore(HeaderRules.of(f)).tests();
    }

    @Test
    void eachRule() {
        assertThat(tests(new ContentFeatures(true, true, "a@b.example", "Hello", false))).isEqualTo("none");
        assertThat(tests(new ContentFeatures(false, false, null, null, true))).isEqualTo("GTUBE,MISSING_DATE,MISSING_MID,MISSING_FROM");
        assertThat(tests(new ContentFeatures(true, true, "x@y", "FREE MONEY NOW!!!", false))).isEqualTo("SUBJ_ALL_CAPS");
        assertThat(tests(new ContentFeatures(true, true, "x@y", "FREE CASH", false))).as("8 letters").isEqualTo("none");
        assertThat(tests(new ContentFeatures(true, true, "x@y", "Free Money Now", false))).isEqualTo("none");
    }

    @Test
    void displayNameNamingAnotherDomain() {
        assertThat(HeaderRules.displayNameNamesOtherDomain("\"service@paypal.com\" <x@evil.example>")).isTrue();
        assertThat(HeaderRules.displayNameNamesOtherDomain("PayPal.com <x@evil.example>")).isTrue();
        assertThat(HeaderRules.displayNameNamesOtherDomain("=?utf-8?q?paypal=2Ecom?= <x@evil.example>")).isTrue();
        assertThat(HeaderRules.displayNameNamesOtherDomain("PayPal <service@paypal.com>")).isFalse();
        assertThat(HeaderRules.displayNameNamesOtherDomain("paypal.com <service@mail.paypal.com>")).isFalse();
        assertThat(HeaderRules.displayNameNamesOtherDomain("Dr. J. Smith <js@uni.example>")).isFalse();
        assertThat(HeaderRules.displayNameNamesOtherDomain("x@evil.example")).isFalse();
    }

    @Test
    void authResults() {
        assertThat(new SpamScore(AuthRules.of(new AuthOutcome(SpfResult.FAIL, AuthOutcome.Dkim.FAIL, DmarcResult.Verdict.FAIL))).tests())
                .isEqualTo("DMARC_FAIL,SPF_FAIL,DKIM_FAIL");
        SpamScore good = new SpamScore(AuthRules.of(new AuthOutcome(SpfResult.PASS, AuthOutcome.Dkim.PASS, DmarcResult.Verdict.PASS)));
        assertThat(good.tests()).isEqualTo("DMARC_PASS,DKIM_PASS");
        assertThat(good.total()).isNegative();
        assertThat(AuthRules.of(AuthOutcome.UNCHECKED)).isEmpty();
    }
}
