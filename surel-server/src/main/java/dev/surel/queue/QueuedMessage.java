package dev.surel.queue;

import java.time.Instant;
import java.util.List;

/**
 * A message as the queue holds it: its envelope fields, its blob and its recipients' records.
 *
 * @param reversePath {@code ""} for the null reverse-path
 * @param recipients  the records of its recipients, in envelope order (possibly only a subset, see the caller)
 */
public record QueuedMessage(String queueId, String blobHash, long size, String reversePath, Envelope.Ret ret, String envid,
                            Envelope.BodyType body, boolean smtputf8, String authenticatedAs, String clientAddress,
                            Instant receivedAt, List<QueuedRecipient> recipients) {

    public QueuedMessage {
        recipients = List.copyOf(recipients);
    }

    /** The envelope for these recipients (at least one). */
    public Envelope envelope(List<QueueRecipient> to) {
        return new Envelope(reversePath, to, ret, envid, body, smtputf8, authenticatedAs, clientAddress, receivedAt);
    }

    public QueuedMessage withRecipients(List<QueuedRecipient> r) {
        return new QueuedMessage(queueId, blobHash, size, reversePath, ret, envid, body, smtputf8, authenticatedAs,
                clientAddress, receivedAt, r);
    }
}
