package dev.surel.queue;

import java.time.Instant;

/**
 * The record of one recipient of a queued message.
 *
 * @param id          the row id
 * @param state       where its delivery stands
 * @param reported    false on a finished recipient whose DSN (RFC 3461 NOTIFY) is still owed
 * @param delayReported true once a "delayed" DSN (NOTIFY=DELAY) was sent for it
 * @param attempts    delivery attempts that ended (deferred, failed or delivered)
 * @param lastStatus  RFC 3463 enhanced status of the last outcome, or null
 * @param lastReply   the peer's reply (or our diagnosis) of the last outcome, or null
 * @param remoteHost  the host that gave it, or null
 */
public record QueuedRecipient(long id, String queueId, QueueRecipient recipient, State state, boolean reported, boolean delayReported,
                              int attempts,
                              Instant nextAttemptAt, Instant lastAttemptAt, String lastStatus, String lastReply,
                              String remoteHost) {

    /** This record as it is after one more attempt (for checks made before re-reading it). */
    QueuedRecipient withAttempted() {
        return new QueuedRecipient(id, queueId, recipient, state, reported, delayReported, attempts + 1, nextAttemptAt,
                lastAttemptAt, lastStatus, lastReply, remoteHost);
    }

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
