package dev.surel.protocol.sasl;

import dev.surel.protocol.sasl.SaslStep.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * SASL LOGIN (draft-murchison-sasl-login-00): the server asks {@code "Username:"}, then
 * {@code "Password:"}; each answer is UTF-8 text. An initial response, when non-empty, is taken
 * as the user name (draft §2.1 allows it). There is no authorization identity. User name and
 * password go through {@link SaslPrep}; NUL bytes, invalid UTF-8 and responses over
 * {@link SaslMechanism#MAX_RESPONSE_BYTES} fail. Reveals the password.
 */
public final class LoginMechanism implements SaslMechanism {
    static final byte[] USERNAME = "Username:".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PASSWORD = "Password:".getBytes(StandardCharsets.US_ASCII);

    private final PasswordVerifier verifier;

    public LoginMechanism(PasswordVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier);
    }

    @Override public String name() { return "LOGIN"; }
    @Override public boolean revealsPassword() { return true; }
    @Override public SaslExchange newExchange() { return new Exchange(); }

    private enum State { NEW, USERNAME, PASSWORD, DONE }

    private final class Exchange implements SaslExchange {
        private State state = State.NEW;
        private String authcid;

        @Override
        public SaslStep start(byte[] initialResponse) {
            if (state != State.NEW) return fail(Reason.EXCHANGE_COMPLETE);
            if (initialResponse == null || initialResponse.length == 0) {
                state = State.USERNAME;
                return new SaslStep.Challenge(USERNAME);
            }
            state = State.USERNAME;
            return respond(initialResponse);
        }

        @Override
        public SaslStep respond(byte[] response) {
            if (response.length > MAX_RESPONSE_BYTES) return fail(Reason.TOO_LONG);
            for (byte b : response) if (b == 0) return fail(Reason.MALFORMED);
            switch (state) {
                case USERNAME -> {
                    String name = Utf8.decodeString(response, 0, response.length);
                    if (name == null || name.isEmpty()) return fail(Reason.MALFORMED);
                    try {
                        authcid = SaslPrep.prepare(name);
                    } catch (SaslPrep.ProhibitedCharacter e) {
                        return fail(Reason.MALFORMED);
                    }
                    if (authcid.isEmpty()) {
                        authcid = null; // nothing to name in the failure
                        return fail(Reason.MALFORMED); // empty after SASLprep, as RFC 4616 §2 has it for PLAIN
                    }
                    state = State.PASSWORD;
                    return new SaslStep.Challenge(PASSWORD);
                }
                case PASSWORD -> {
                    state = State.DONE;
                    char[] raw = Utf8.decode(response, 0, response.length);
                    if (raw == null) return SaslStep.failure(Reason.MALFORMED, authcid);
                    return PlainMechanism.Passwords.check(verifier, authcid, raw);
                }
                default -> {
                    return fail(Reason.EXCHANGE_COMPLETE);
                }
            }
        }

        @Override public boolean isComplete() { return state == State.DONE; }

        private SaslStep fail(Reason reason) {
            state = State.DONE;
            return SaslStep.failure(reason, authcid);
        }
    }
}
