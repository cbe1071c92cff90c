package dev.surel.queue;

import java.time.Instant;
import java.util.List;

/**
 * A message as the queue holds it: its envelope fields, its blob and its recipients' records.
 *
 * @param reversePath {@code ""} for the null reverse-path
 * @param recipients  the records of its recipients, in envelope order (possibly only a subset, see the caller)
 * @param authResults the Authentication-Results and X-Spam-* fields to prepend at local delivery ("" for none), see {@link Envelope}
 * @param junk        local delivery goes to the Junk mailbox
 * @param requireTls  REQUIRETLS (RFC 8689), see {@link Envelope}
 */
public record QueuedMessage(String queueId, String blobHash, long size, String reversePath, Envelope.Ret ret, String envid,
                            Envelope.BodyType body, boolean smtputf8, String authenticatedAs, String clientAddress,
                            Instant receivedAt, List<QueuedRecipient> recipients, String authResults, boolean junk,
                            boolean requireTls) {

    public QueuedMessage {
        recipients = List.copyOf(recipients);
        authResults = authResults == null ? "" : authResults;
    }

    /** A message that was not checked (no Authentication-Results, INBOX). */
    public QueuedMessage(String queueId, String blobHash, long size, String reversePath, Envelope.Ret ret, String envid,
                         Envelope.BodyType body, boolean smtputf8, String authenticatedAs, String clientAddress,
                         Instant receivedAt, List<QueuedRecipient> recipients) {
        this(queueId, blobHash, size, reversePath, ret, envid, body, smtputf8, authenticatedAs, clientAddress, receivedAt,
                recipients, "", false, false);
    }

    /** The envelope for these recipients (at least one). */
    public Envelope envelope(List<QueueRecipient> to) {
        return new Envelope(reversePath, to, ret, envid, body, smtputf8, authenticatedAs, clientAddress, receivedAt, authResults, junk,
                requireTls);
    }

    public QueuedMessage withRecipients(List<QueuedRecipient> r) {
        return new QueuedMessage(queueId, blobHash, size, reversePath, ret, envid, body, smtputf8, authenticatedAs,
                clientAddress, receivedAt, r, authResults, junk, requireTls);
    }
}
