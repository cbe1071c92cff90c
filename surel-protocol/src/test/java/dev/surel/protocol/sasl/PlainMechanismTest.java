package dev.surel.protocol.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.sasl.SaslStep.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlainMechanismTest {
    final List<String> seen = new ArrayList<>();
    char[] lastPassword;

    final PlainMechanism plain = new PlainMechanism((authcid, password) -> {
        seen.add(authcid + ":" + new String(password));
        lastPassword = password;
        return authcid.equals("tim@example.com") && new String(password).equals("tanstaaftanstaaf")
                ? PasswordVerifier.Verdict.ACCEPTED : PasswordVerifier.Verdict.REJECTED;
    });

    static byte[] msg(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void happyPathWithInitialResponse() {
        SaslExchange ex = plain.newExchange();
        assertThat(ex.start(msg("\0tim@example.com\0tanstaaftanstaaf")))
                .isEqualTo(new SaslStep.Success("tim@example.com", Optional.empty()));
        assertThat(ex.isComplete()).isTrue();
        assertThat(lastPassword).containsOnly('\0'); // wiped after the call
    }

    @Test
    void happyPathAfterEmptyChallengeAndWithSameAuthzid() {
        SaslExchange ex = plain.newExchange();
        assertThat(ex.start(null)).isEqualTo(new SaslStep.Challenge(new byte[0]));
        assertThat(ex.respond(msg("Tim@Example.com\0tim@example.com\0tanstaaftanstaaf")))
                .isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void wrongPassword() {
        assertThat(plain.newExchange().start(msg("\0tim@example.com\0nope")))
                .isEqualTo(SaslStep.failure(Reason.INVALID_CREDENTIALS, "tim@example.com"));
    }

    @Test
    void authzidOtherThanLoginRefusedWithoutVerifying() {
        assertThat(plain.newExchange().start(msg("admin@example.com\0tim@example.com\0tanstaaftanstaaf")))
                .isEqualTo(SaslStep.failure(Reason.AUTHZID_NOT_PERMITTED, "tim@example.com"));
        assertThat(seen).isEmpty();
    }

    @Test
    void malformedInputs() {
        for (String bad : new String[] {"", "tim", "\0tim", "tim\0pw", "\0\0pw", "\0tim\0", "a\0tim\0pw\0x"}) {
            assertThat(plain.newExchange().start(msg(bad))).as(bad.replace('\0', '|'))
                    .isInstanceOf(SaslStep.Failure.class)
                    .extracting(s -> ((SaslStep.Failure) s).reason()).isEqualTo(Reason.MALFORMED);
        }
        byte[] notUtf8 = {0, 't', 'i', 'm', 0, (byte) 0xFF, (byte) 0xFE};
        assertThat(plain.newExchange().start(notUtf8)).isEqualTo(SaslStep.failure(Reason.MALFORMED, "tim"));
        byte[] badName = {0, (byte) 0xC3, 0, 'p'};
        assertThat(plain.newExchange().start(badName)).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        assertThat(seen).isEmpty();
    }

    @Test
    void oversizeRefused() {
        byte[] big = msg("\0tim@example.com\0" + "x".repeat(SaslMechanism.MAX_RESPONSE_BYTES));
        assertThat(plain.newExchange().start(big)).isEqualTo(SaslStep.failure(Reason.TOO_LONG));
        assertThat(seen).isEmpty();
    }

    @Test
    void passwordIsSaslPrepped() {
        // U+00A0 (no-break space) maps to a space, U+00AD (soft hyphen) to nothing (RFC 4013 §2.1)
        plain.newExchange().start(msg("\0tim@example.com\0a\u00A0b\u00ADc"));
        assertThat(seen).containsExactly("tim@example.com:a bc");
    }

    @Test
    void temporaryFailureIsReported() {
        PlainMechanism m = new PlainMechanism((a, p) -> PasswordVerifier.Verdict.TEMPORARY_FAILURE);
        assertThat(m.newExchange().start(msg("\0a\0b"))).isEqualTo(SaslStep.failure(Reason.TEMPORARY_FAILURE, "a"));
    }

    @Test
    void revealsPasswordAndEndsAfterOneStep() {
        assertThat(plain.revealsPassword()).isTrue();
        SaslExchange ex = plain.newExchange();
        ex.start(msg("\0x\0y"));
        assertThat(ex.respond(msg("\0tim@example.com\0tanstaaftanstaaf"))).isEqualTo(SaslStep.failure(Reason.EXCHANGE_COMPLETE));
    }

    /**
     * RFC 4616 §2: an authcid that SASLprep maps to the empty string fails verification. Found by
     * SaslFuzzTest (seed plain-empty-after-prep): a BOM (U+FEFF, mapped to nothing) as the
     * authcid reached the verifier as "".
     */
    @Test
    void authcidEmptyAfterSaslPrepIsMalformed() {
        assertThat(plain.newExchange().start(msg("\0\uFEFF\0tanstaaftanstaaf"))).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        assertThat(plain.newExchange().start(msg("\0\u00AD\u200B\0tanstaaftanstaaf"))).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        assertThat(seen).isEmpty();
    }
}
