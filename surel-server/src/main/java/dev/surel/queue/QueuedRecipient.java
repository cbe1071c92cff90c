package dev.surel.queue;

import java.time.Instant;

/**
 * The record of one recipient of a queued message.
 *
 * @param id          the row id
 * @param state       where its delivery stands
 * @param reported    false on a finished recipient whose DSN (RFC 3461 NOTIFY) is still owed
 * @param attempts    delivery attempts that ended (deferred, failed or delivered)
 * @param lastStatus  RFC 3463 enhanced status of the last outcome, or null
 * @param lastReply   the peer's reply (or our diagnosis) of the last outcome, or null
 * @param remoteHost  the host that gave it, or null
 */
public record QueuedRecipient(long id, String queueId, QueueRecipient recipient, State state, boolean reported, int attempts,
                              Instant nextAttemptAt, Instant lastAttemptAt, String lastStatus, String lastReply,
                              String remoteHost) {

    /** Delivery states; only {@link #QUEUED} is ever attempted. */
    public enum State {
        QUEUED, DELIVERED, FAILED;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static State of(String column) {
            return valueOf(column.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
