package dev.surel.protocol.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.sasl.SaslStep.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginMechanismTest {
    final LoginMechanism login = new LoginMechanism((authcid, password) ->
            authcid.equals("tim") && new String(password).equals("secret")
                    ? PasswordVerifier.Verdict.ACCEPTED : PasswordVerifier.Verdict.REJECTED);

    @Test
    void happyPath() {
        SaslExchange ex = login.newExchange();
        assertThat(ex.start(null)).isEqualTo(new SaslStep.Challenge("Username:".getBytes(UTF_8)));
        assertThat(ex.respond("tim".getBytes(UTF_8))).isEqualTo(new SaslStep.Challenge("Password:".getBytes(UTF_8)));
        assertThat(ex.isComplete()).isFalse();
        assertThat(ex.respond("secret".getBytes(UTF_8))).isEqualTo(new SaslStep.Success("tim", Optional.empty()));
        assertThat(ex.isComplete()).isTrue();
    }

    @Test
    void initialResponseIsTheUserName() {
        SaslExchange ex = login.newExchange();
        assertThat(ex.start("tim".getBytes(UTF_8))).isEqualTo(new SaslStep.Challenge("Password:".getBytes(UTF_8)));
        assertThat(ex.respond("wrong".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.INVALID_CREDENTIALS, "tim"));
    }

    @Test
    void malformedAndOversize() {
        SaslExchange ex = login.newExchange();
        ex.start(null);
        assertThat(ex.respond(new byte[] {(byte) 0xFF})).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        SaslExchange nul = login.newExchange();
        nul.start(null);
        nul.respond("tim".getBytes(UTF_8));
        assertThat(nul.respond("sec\0ret".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.MALFORMED, "tim"));
        SaslExchange empty = login.newExchange();
        empty.start(null);
        assertThat(empty.respond(new byte[0])).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        SaslExchange big = login.newExchange();
        big.start(null);
        assertThat(big.respond(new byte[SaslMechanism.MAX_RESPONSE_BYTES + 1])).isEqualTo(SaslStep.failure(Reason.TOO_LONG));
        assertThat(big.respond("tim".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.EXCHANGE_COMPLETE));
    }

    @Test
    void revealsPassword() {
        assertThat(login.revealsPassword()).isTrue();
        assertThat(login.name()).isEqualTo("LOGIN");
    }

    /** RFC 4616 §2 (as for PLAIN): a user name SASLprep maps to the empty string is refused before the password. */
    @Test
    void userNameEmptyAfterSaslPrepIsMalformed() {
        SaslExchange ex = login.newExchange();
        ex.start(null);
        assertThat(ex.respond("\uFEFF".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        assertThat(ex.isComplete()).isTrue();
        assertThat(login.newExchange().start("\u00AD".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.MALFORMED));
    }
}
