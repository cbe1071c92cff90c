package dev.surel.protocol.sasl;

import java.util.Optional;

/** Finds the SCRAM-SHA-256 credentials of a login for {@link ScramSha256Mechanism}. */
@FunctionalInterface
public interface ScramCredentialLookup {

    /** The answer of a lookup. */
    sealed interface Result {
        /** The user exists and has these credentials. */
        record Found(ScramCredentials credentials) implements Result { }
        /** No such user (the exchange goes on with invented credentials and fails at the end). */
        record Unknown() implements Result { }
        /** Cannot answer now (throttled, store down): the exchange fails with TEMPORARY_FAILURE. */
        record Unavailable() implements Result { }
    }

    Result lookup(String authcid);

    /** Adapts an {@code Optional}-returning lookup (empty = unknown user). */
    static ScramCredentialLookup of(java.util.function.Function<String, Optional<ScramCredentials>> f) {
        return authcid -> f.apply(authcid).<Result>map(Result.Found::new).orElseGet(Result.Unknown::new);
    }
}
