package dev.surel.protocol.sasl;

import dev.surel.protocol.sasl.SaslStep.Reason;
import java.util.Arrays;
import java.util.Objects;

/**
 * SASL PLAIN (RFC 4616): one message {@code [authzid] NUL authcid NUL passwd}, UTF-8.
 *
 * <p>Without an initial response the server sends an empty challenge (RFC 4616 §2). Exactly
 * two NULs, a non-empty authcid (also after SASLprep) and password, valid UTF-8, at most
 * {@link SaslMechanism#MAX_RESPONSE_BYTES}; authcid and password go through {@link SaslPrep}.
 * The authzid must be empty or equal (ignoring case) to the authcid. Reveals the password.
 */
public final class PlainMechanism implements SaslMechanism {
    private final PasswordVerifier verifier;

    public PlainMechanism(PasswordVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier);
    }

    @Override public String name() { return "PLAIN"; }
    @Override public boolean revealsPassword() { return true; }
    @Override public SaslExchange newExchange() { return new Exchange(); }

    private final class Exchange implements SaslExchange {
        private boolean started;
        private boolean complete;

        @Override
        public SaslStep start(byte[] initialResponse) {
            if (started) return end(SaslStep.failure(Reason.EXCHANGE_COMPLETE));
            started = true;
            if (initialResponse == null) return new SaslStep.Challenge(new byte[0]);
            return end(evaluate(initialResponse));
        }

        @Override
        public SaslStep respond(byte[] response) {
            if (!started || complete) return end(SaslStep.failure(Reason.EXCHANGE_COMPLETE));
            return end(evaluate(response));
        }

        @Override public boolean isComplete() { return complete; }

        private SaslStep end(SaslStep step) {
            complete = true;
            return step;
        }
    }

    private SaslStep evaluate(byte[] msg) {
        if (msg.length > MAX_RESPONSE_BYTES) return SaslStep.failure(Reason.TOO_LONG);
        int first = indexOf(msg, 0);
        int second = first < 0 ? -1 : indexOf(msg, first + 1);
        if (first < 0 || second < 0 || indexOf(msg, second + 1) >= 0) return SaslStep.failure(Reason.MALFORMED);
        String authzid = Utf8.decodeString(msg, 0, first);
        String rawAuthcid = Utf8.decodeString(msg, first + 1, second);
        if (authzid == null || rawAuthcid == null || rawAuthcid.isEmpty() || second + 1 == msg.length) {
            return SaslStep.failure(Reason.MALFORMED);
        }
        String authcid;
        try {
            authcid = SaslPrep.prepare(rawAuthcid);
            authzid = SaslPrep.prepare(authzid);
        } catch (SaslPrep.ProhibitedCharacter e) {
            return SaslStep.failure(Reason.MALFORMED);
        }
        if (authcid.isEmpty()) return SaslStep.failure(Reason.MALFORMED); // RFC 4616 §2: empty after preparation fails
        if (!authzid.isEmpty() && !authzid.equalsIgnoreCase(authcid)) {
            return SaslStep.failure(Reason.AUTHZID_NOT_PERMITTED, authcid);
        }
        char[] raw = Utf8.decode(msg, second + 1, msg.length);
        if (raw == null) return SaslStep.failure(Reason.MALFORMED, authcid);
        return Passwords.check(verifier, authcid, raw);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) if (b[i] == 0) return i;
        return -1;
    }

    /** Shared by PLAIN and LOGIN: SASLprep, verify, wipe. */
    static final class Passwords {
        private Passwords() { }

        static SaslStep check(PasswordVerifier verifier, String authcid, char[] raw) {
            char[] prepared;
            try {
                prepared = SaslPrep.prepare(raw);
            } catch (SaslPrep.ProhibitedCharacter e) {
                return SaslStep.failure(Reason.INVALID_CREDENTIALS, authcid);
            } finally {
                Arrays.fill(raw, '\0');
            }
            try {
                if (prepared.length == 0) return SaslStep.failure(Reason.INVALID_CREDENTIALS, authcid);
                return switch (verifier.verify(authcid, prepared)) {
                    case ACCEPTED -> new SaslStep.Success(authcid, java.util.Optional.empty());
                    case REJECTED -> SaslStep.failure(Reason.INVALID_CREDENTIALS, authcid);
                    case TEMPORARY_FAILURE -> SaslStep.failure(Reason.TEMPORARY_FAILURE, authcid);
                };
            } finally {
                Arrays.fill(prepared, '\0');
            }
        }
    }
}
