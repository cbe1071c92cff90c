package dev.surel.protocol.sasl;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** What a {@link SaslExchange} answers to one client response. */
public sealed interface SaslStep {

    /** Send {@code data} (base64-encoded by the protocol) to the client and wait for its response. */
    record Challenge(byte[] data) implements SaslStep {
        public Challenge {
            data = data.clone();
        }

        @Override public byte[] data() { return data.clone(); }
        @Override public boolean equals(Object o) { return o instanceof Challenge c && Arrays.equals(data, c.data); }
        @Override public int hashCode() { return Arrays.hashCode(data); }
        @Override public String toString() { return "Challenge[" + data.length + " bytes]"; }
    }

    /**
     * Authentication succeeded for {@code authcid} (as sent by the client, after SASLprep).
     * {@code serverFinal} is data the client must receive (SCRAM's {@code v=} message): the
     * protocol sends it as success data (RFC 4422 §5 additional data) or as a last challenge
     * whose empty response it then awaits, as its profile says.
     */
    record Success(String authcid, Optional<byte[]> serverFinal) implements SaslStep {
        public Success {
            Objects.requireNonNull(authcid);
            serverFinal = serverFinal.map(byte[]::clone);
        }

        @Override public Optional<byte[]> serverFinal() { return serverFinal.map(byte[]::clone); }
        @Override public String toString() { return "Success[" + authcid + "]"; }
    }

    /**
     * Authentication failed. {@code authcid} is the identity the client claimed, when it got
     * that far (for throttling and logs); the protocol answers with its own failure reply and
     * never echoes client bytes.
     */
    record Failure(Reason reason, Optional<String> authcid) implements SaslStep {
        public Failure {
            Objects.requireNonNull(reason);
            Objects.requireNonNull(authcid);
        }
    }

    /** Why an exchange failed. */
    enum Reason {
        /** The client's message does not follow the mechanism's syntax (or is not UTF-8). */
        MALFORMED,
        /** A client response exceeded {@link SaslMechanism#MAX_RESPONSE_BYTES}. */
        TOO_LONG,
        /** An authorization identity other than the login was requested. */
        AUTHZID_NOT_PERMITTED,
        /** SCRAM channel binding ({@code p=}) was requested; Surel does not offer -PLUS. */
        CHANNEL_BINDING_NOT_SUPPORTED,
        /** Unknown user or wrong password/proof (deliberately not distinguished). */
        INVALID_CREDENTIALS,
        /** The verifier could not decide now (throttled, store down): try again later. */
        TEMPORARY_FAILURE,
        /** A response arrived after the exchange had ended. */
        EXCHANGE_COMPLETE
    }

    static Failure failure(Reason reason) {
        return new Failure(reason, Optional.empty());
    }

    static Failure failure(Reason reason, String authcid) {
        return new Failure(reason, Optional.ofNullable(authcid));
    }
}
