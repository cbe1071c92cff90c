package dev.surel.queue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Delivery to another server: the queue calls it with the recipients of one message that
 * share a domain (or a route), and gets one outcome per recipient. Implementations find the
 * hosts (route table, relay host, MX / A / AAAA, null MX), speak SMTP to them and never throw
 * for a peer's behaviour: every problem is an outcome.
 */
public interface RemoteTransport {

    List<RecipientOutcome> deliver(OutboundMessage message);

    /** The message bytes, reopened for each attempt. */
    @FunctionalInterface
    interface Content {
        InputStream open() throws IOException;
    }

    /**
     * One attempt's input.
     *
     * @param domain     the recipients' domain (lower-case, A-label)
     * @param recipients the recipients, all with {@code localAccountId == null}
     * @param size       the message size in octets (for SIZE=)
     */
    record OutboundMessage(String queueId, Envelope envelope, String domain, List<QueueRecipient> recipients,
                           long size, Content content) {
        public OutboundMessage {
            recipients = List.copyOf(recipients);
        }
    }

    /** What became of one recipient. {@code reply} is the peer's reply text (or our own diagnosis), for DSNs and logs. */
    sealed interface RecipientOutcome {
        QueueRecipient recipient();

        /** The peer answered 250 after the data: done. */
        record Delivered(QueueRecipient recipient, String remoteHost, String reply) implements RecipientOutcome { }

        /** Try again later (4xx, connection trouble, DNS temporary failure). */
        record Deferred(QueueRecipient recipient, String remoteHost, String reply) implements RecipientOutcome { }

        /**
         * Give up now: 5xx, null MX (RFC 7505, 5.1.10), no such domain, SMTPUTF8 refused (5.6.7).
         *
         * @param status the RFC 3463 enhanced status for the DSN ("5.1.1")
         */
        record Failed(QueueRecipient recipient, String remoteHost, String status, String reply) implements RecipientOutcome { }
    }
}
