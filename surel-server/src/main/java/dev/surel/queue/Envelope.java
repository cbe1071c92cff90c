package dev.surel.queue;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of an accepted message, with what the DSN extension (RFC 3461) asked to
 * keep and pass on.
 *
 * @param reversePath     MAIL FROM address, {@code ""} for the null reverse-path {@code <>} (RFC 5321 §4.5.5)
 * @param recipients      one entry per final destination (an alias expanded to two users is two entries)
 * @param ret             RFC 3461 §4.3 RET, or null when not given
 * @param envid           RFC 3461 §4.4 ENVID (xtext-decoded), or null
 * @param body            the BODY parameter (RFC 6152, RFC 3030)
 * @param smtputf8        the SMTPUTF8 parameter was given (RFC 6531 §3.4)
 * @param authenticatedAs the submission login (canonical address), or null on port 25
 * @param clientAddress   the peer's IP address as text, for logs and DSNs
 * @param receivedAt      when the message was accepted
 * @param authResults     the {@code Authentication-Results:} field (with its CRLF) of the checks of incoming mail
 *                        (RFC 8601), followed by the spam filter's {@code X-Spam-Score} and {@code X-Spam-Status}
 *                        fields (docs/filtering.md), prepended at local delivery; "" when the message was not checked
 * @param junk            deliver to the recipients' Junk mailbox (RFC 6154 {@code \Junk}) instead of INBOX: the
 *                        checks' quarantine (RFC 7489 p=quarantine) or a spam score at or above {@code filter.junk_score}
 * @param requireTls      REQUIRETLS (RFC 8689): every hop only over TLS to an authenticated server
 */
public record Envelope(String reversePath, List<QueueRecipient> recipients, Ret ret, String envid, BodyType body,
                       boolean smtputf8, String authenticatedAs, String clientAddress, Instant receivedAt, String authResults,
                       boolean junk, boolean requireTls) {

    public Envelope {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(authResults, "authResults");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) throw new IllegalArgumentException("no recipients");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** An envelope of mail that was not checked (submission, DSNs, tests): no Authentication-Results, INBOX. */
    public Envelope(String reversePath, List<QueueRecipient> recipients, Ret ret, String envid, BodyType body,
                    boolean smtputf8, String authenticatedAs, String clientAddress, Instant receivedAt) {
        this(reversePath, recipients, ret, envid, body, smtputf8, authenticatedAs, clientAddress, receivedAt, "", false, false);
    }

    /**
     * A message the server itself writes (a DSN; a vacation reply once Sieve has them): no client,
     * no login. Such mail is DKIM-signed like a submission ({@link #origin}).
     */
    public static Envelope generated(String reversePath, List<QueueRecipient> recipients, BodyType body, boolean smtputf8,
                                     Instant createdAt) {
        return generated(reversePath, recipients, body, smtputf8, createdAt, false);
    }

    /** {@link #generated(String, List, BodyType, boolean, Instant)}, sent with REQUIRETLS when {@code requireTls} (RFC 8689). */
    public static Envelope generated(String reversePath, List<QueueRecipient> recipients, BodyType body, boolean smtputf8,
                                     Instant createdAt, boolean requireTls) {
        return new Envelope(reversePath, recipients, null, null, body, smtputf8, null, null, createdAt, "", false, requireTls);
    }

    /**
     * Where the message came from, which decides whether it is DKIM-signed with the server's keys
     * on its way out: {@link Origin#SUBMISSION} (a logged-in user) and {@link Origin#SERVER}
     * ({@link #generated}, no client address) are; {@link Origin#RELAY} (mail received from
     * another server on port 25, forwarded on by an alias) is not: it is not ours to vouch for.
     */
    public Origin origin() {
        if (authenticatedAs != null) return Origin.SUBMISSION;
        return clientAddress == null ? Origin.SERVER : Origin.RELAY;
    }

    /** See {@link #origin()}. */
    public enum Origin { SUBMISSION, SERVER, RELAY }

    /** RFC 3461 §4.3: return the full message or only its headers in a failure DSN. */
    public enum Ret { FULL, HDRS }

    /** RFC 6152 / RFC 3030 BODY=. */
    public enum BodyType { SEVEN_BIT, EIGHT_BIT_MIME, BINARY_MIME }
}
