package dev.surel.protocol.sasl;

/**
 * One authentication attempt: a state machine fed client responses.
 *
 * <p>Invariants: {@link #start} is called once, then {@link #respond} for each client response
 * until a {@link SaslStep.Success} or {@link SaslStep.Failure} is returned; after that every call
 * answers {@link SaslStep.Reason#EXCHANGE_COMPLETE}. Not thread-safe (one per session).
 * Cancellation ({@code *}) and base64 decoding are the protocol's business.
 */
public interface SaslExchange {

    /**
     * Begins the exchange. {@code initialResponse} is the client's initial response (RFC 4422
     * §4 step 3; an empty array for an explicitly empty one), or {@code null} when it sent none.
     */
    SaslStep start(byte[] initialResponse);

    /** Processes the client's response to the last challenge. */
    SaslStep respond(byte[] response);

    /** True once a Success or Failure has been returned. */
    boolean isComplete();
}
