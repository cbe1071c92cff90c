package dev.surel.protocol.sasl;

/** A server-side SASL mechanism: a name and a factory of {@link SaslExchange}s. */
public interface SaslMechanism {

    /** Client responses longer than this (decoded) are refused with {@link SaslStep.Reason#TOO_LONG}. */
    int MAX_RESPONSE_BYTES = 8192;

    /** The IANA mechanism name, e.g. {@code "SCRAM-SHA-256"}. */
    String name();

    /**
     * True when the client sends the password itself (PLAIN, LOGIN): protocols apply the
     * clear-text rule to such mechanisms and offer them only over TLS or to trusted networks.
     */
    boolean revealsPassword();

    /** A fresh exchange for one AUTHENTICATE/AUTH command. */
    SaslExchange newExchange();
}
