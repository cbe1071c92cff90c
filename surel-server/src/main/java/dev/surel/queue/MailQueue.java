package dev.surel.queue;

import dev.surel.store.SpooledMessage;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where an SMTP session hands a message it is about to acknowledge.
 *
 * <p>Invariant: when {@link #accept} returns, the message and one record per recipient are
 * durable (committed and synced): the session may answer 250, and a {@code kill -9} right
 * after loses nothing. Delivery (local INBOX, remote peer, DSN) is the queue's job from then on.
 */
public interface MailQueue {

    /**
     * Takes the message (the spooled bytes as they will be delivered, the session's
     * {@code Received:} already prepended) for every recipient of the envelope, under
     * {@code queueId}: the id the session chose with {@link #newId} before the data arrived and
     * wrote into its {@code Received:} field, so the 250 reply, the logs, {@code surel queue} and
     * the header all name the message the same way. The blob stays owned by the caller, who
     * closes it afterwards.
     *
     * @return the queue id, for the 250 line and the logs
     * @throws QueueException when the message cannot be made durable (the session answers 451 4.3.0)
     */
    String accept(String queueId, Envelope envelope, SpooledMessage message) throws QueueException;

    /** {@link #accept(String, Envelope, SpooledMessage)} under a new id. */
    default String accept(Envelope envelope, SpooledMessage message) throws QueueException {
        return accept(newId(), envelope, message);
    }

    /**
     * A new queue id: the time in milliseconds (base 36) and 7 random base-36 characters, upper
     * case, so ids sort roughly by arrival and are safe in a header, a reply and a file name.
     */
    static String newId() {
        long r = ThreadLocalRandom.current().nextLong() >>> 1;
        String rand = Long.toString(r, 36);
        return (Long.toString(System.currentTimeMillis(), 36) + rand.substring(0, Math.min(7, rand.length())))
                .toUpperCase(Locale.ROOT);
    }
}
