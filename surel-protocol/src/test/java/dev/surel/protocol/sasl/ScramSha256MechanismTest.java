package dev.surel.protocol.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.sasl.SaslStep.Reason;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScramSha256MechanismTest {
    // RFC 7677 §3
    static final byte[] SALT = Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ==");
    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    final ScramCredentials pencil = Scram.derive("pencil".toCharArray(), SALT, 4096);
    final AtomicInteger lookups = new AtomicInteger();

    ScramSha256Mechanism mechanism() {
        return new ScramSha256Mechanism(authcid -> {
            lookups.incrementAndGet();
            return authcid.equals("user")
                    ? new ScramCredentialLookup.Result.Found(pencil)
                    : new ScramCredentialLookup.Result.Unknown();
        }, () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", new byte[32], 4096);
    }

    @Test
    void reproducesRfc7677ExampleByteForByte() {
        SaslExchange ex = mechanism().newExchange();
        SaslStep first = ex.start(CLIENT_FIRST.getBytes(UTF_8));
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        assertThat(new String(((SaslStep.Challenge) first).data(), UTF_8)).isEqualTo(SERVER_FIRST);

        SaslStep last = ex.respond(CLIENT_FINAL.getBytes(UTF_8));
        assertThat(last).isInstanceOf(SaslStep.Success.class);
        SaslStep.Success ok = (SaslStep.Success) last;
        assertThat(ok.authcid()).isEqualTo("user");
        assertThat(new String(ok.serverFinal().orElseThrow(), UTF_8)).isEqualTo(SERVER_FINAL);
        assertThat(ex.isComplete()).isTrue();
        assertThat(ex.respond(new byte[0])).isEqualTo(SaslStep.failure(Reason.EXCHANGE_COMPLETE, "user"));
    }

    @Test
    void withoutInitialResponseSendsEmptyChallengeFirst() {
        SaslExchange ex = mechanism().newExchange();
        assertThat(ex.start(null)).isEqualTo(new SaslStep.Challenge(new byte[0]));
        assertThat(ex.respond(CLIENT_FIRST.getBytes(UTF_8))).isEqualTo(new SaslStep.Challenge(SERVER_FIRST.getBytes(UTF_8)));
        assertThat(ex.respond(CLIENT_FINAL.getBytes(UTF_8))).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void wrongProofFails() {
        SaslExchange ex = mechanism().newExchange();
        ex.start(CLIENT_FIRST.getBytes(UTF_8));
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        proof[0] ^= 1;
        String bad = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=" + Base64.getEncoder().encodeToString(proof);
        assertThat(ex.respond(bad.getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.INVALID_CREDENTIALS, "user"));
    }

    @Test
    void wrongPasswordFails() {
        ScramCredentials other = Scram.derive("pencil2".toCharArray(), SALT, 4096);
        SaslExchange ex = new ScramSha256Mechanism(a -> new ScramCredentialLookup.Result.Found(other),
                () -> "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0", new byte[32], 4096).newExchange();
        ex.start(CLIENT_FIRST.getBytes(UTF_8));
        assertThat(ex.respond(CLIENT_FINAL.getBytes(UTF_8))).isInstanceOf(SaslStep.Failure.class);
    }

    @Test
    void unknownUserLooksLikeAKnownOneUntilTheEnd() {
        SaslExchange ex = mechanism().newExchange();
        SaslStep first = ex.start("n,,n=nobody,r=abc".getBytes(UTF_8));
        assertThat(first).isInstanceOf(SaslStep.Challenge.class);
        String sf = new String(((SaslStep.Challenge) first).data(), UTF_8);
        assertThat(sf).matches("r=abc%hvYDpWUa2RaTCAfuxFIlj\\)hNlF\\$k0,s=[A-Za-z0-9+/]{22}==,i=4096");
        // the same invented salt every time, so probing twice reveals nothing
        SaslExchange again = mechanism().newExchange();
        assertThat(again.start("n,,n=nobody,r=abc".getBytes(UTF_8))).isEqualTo(first);
        String fin = "c=biws,r=abc%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=" + Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(ex.respond(fin.getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.INVALID_CREDENTIALS, "nobody"));
    }

    @Test
    void authzidMustBeEmptyOrTheLogin() {
        SaslExchange ex = mechanism().newExchange();
        assertThat(ex.start("n,a=admin,n=user,r=rOprNGfwEbeRWgbNEkqO".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(Reason.AUTHZID_NOT_PERMITTED, "user"));
        assertThat(lookups).hasValue(0);

        // the same identity is fine (c= then carries that gs2 header)
        SaslExchange same = mechanism().newExchange();
        String cf = "n,a=User,n=user,r=rOprNGfwEbeRWgbNEkqO";
        assertThat(same.start(cf.getBytes(UTF_8))).isInstanceOf(SaslStep.Challenge.class);
    }

    @Test
    void channelBindingFlags() {
        assertThat(mechanism().newExchange().start("p=tls-unique,,n=user,r=x".getBytes(UTF_8)))
                .isEqualTo(SaslStep.failure(Reason.CHANNEL_BINDING_NOT_SUPPORTED));
        // 'y': the client could bind but thinks we cannot; accepted (RFC 5802 §6), c= must be "y,,"
        SaslExchange ex = mechanism().newExchange();
        ex.start("y,,n=user,r=rOprNGfwEbeRWgbNEkqO".getBytes(UTF_8));
        String noBinding = CLIENT_FINAL; // c=biws is "n,,": does not match the header sent
        assertThat(ex.respond(noBinding.getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.MALFORMED, "user"));
    }

    @Test
    void yFlagCompletesWithMatchingCbind() {
        // compute a correct proof for a 'y' exchange with the client-side formulas
        SaslExchange ex = mechanism().newExchange();
        String bare = "n=user,r=cnonce";
        SaslStep.Challenge sf = (SaslStep.Challenge) ex.start(("y,," + bare).getBytes(UTF_8));
        String serverFirst = new String(sf.data(), UTF_8);
        String without = "c=" + Base64.getEncoder().encodeToString("y,,".getBytes(UTF_8)) + ",r=cnonce%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
        byte[] auth = (bare + "," + serverFirst + "," + without).getBytes(UTF_8);
        byte[] salted = Scram.hi("pencil".getBytes(UTF_8), SALT, 4096);
        byte[] clientKey = Scram.hmac(salted, "Client Key".getBytes(UTF_8));
        byte[] sig = Scram.hmac(Scram.sha256(clientKey), auth);
        byte[] proof = new byte[32];
        for (int i = 0; i < 32; i++) proof[i] = (byte) (clientKey[i] ^ sig[i]);
        SaslStep last = ex.respond((without + ",p=" + Base64.getEncoder().encodeToString(proof)).getBytes(UTF_8));
        assertThat(last).isInstanceOf(SaslStep.Success.class);
    }

    @Test
    void malformedMessagesFail() {
        for (String bad : new String[] {"", "n", "n,,", "x,,n=user,r=a", "n,,r=a,n=user", "n,,m=ext,n=user,r=a",
                "n,,n=us=er,r=a", "n,,n=,r=a", "n,,n=user,r=", "n,b=x,n=user,r=a"}) {
            assertThat(mechanism().newExchange().start(bad.getBytes(UTF_8)))
                    .as(bad).isInstanceOf(SaslStep.Failure.class);
        }
        assertThat(mechanism().newExchange().start(new byte[] {'n', ',', ',', 'n', '=', (byte) 0xC3, ',', 'r', '=', 'a'}))
                .isEqualTo(SaslStep.failure(Reason.MALFORMED));
        SaslExchange ex = mechanism().newExchange();
        ex.start(CLIENT_FIRST.getBytes(UTF_8));
        assertThat(ex.respond("c=biws,r=wrongnonce,p=AAAA".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.MALFORMED, "user"));
        assertThat(ex.isComplete()).isTrue();
    }

    @Test
    void oversizeResponseRefused() {
        byte[] big = ("n,,n=user,r=" + "a".repeat(SaslMechanism.MAX_RESPONSE_BYTES)).getBytes(UTF_8);
        assertThat(mechanism().newExchange().start(big)).isEqualTo(SaslStep.failure(Reason.TOO_LONG));
    }

    @Test
    void escapedUserNamesAreDecoded() {
        assertThat(ScramSha256Mechanism.decodeSaslName("a=2Cb=3Dc")).isEqualTo("a,b=c");
        assertThat(ScramSha256Mechanism.decodeSaslName("a=2")).isNull();
    }

    @Test
    void temporaryFailureFromLookup() {
        SaslExchange ex = new ScramSha256Mechanism(a -> new ScramCredentialLookup.Result.Unavailable(),
                () -> "n", new byte[1], 4096).newExchange();
        assertThat(ex.start(CLIENT_FIRST.getBytes(UTF_8))).isEqualTo(new SaslStep.Failure(Reason.TEMPORARY_FAILURE, Optional.of("user")));
    }

    @Test
    void doesNotRevealPassword() {
        assertThat(mechanism().revealsPassword()).isFalse();
        assertThat(mechanism().name()).isEqualTo("SCRAM-SHA-256");
    }

    /** RFC 5802 §5.1: the user name is SASLprepped; one that becomes empty is malformed and is never looked up. */
    @Test
    void userNameEmptyAfterSaslPrepIsMalformed() {
        assertThat(mechanism().newExchange().start("n,,n=\uFEFF,r=abc".getBytes(UTF_8))).isEqualTo(SaslStep.failure(Reason.MALFORMED));
        assertThat(lookups).hasValue(0);
    }
}
