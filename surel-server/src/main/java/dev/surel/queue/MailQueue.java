package dev.surel.queue;

import dev.surel.store.blob.SpooledBlob;

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
     * {@code Received:} already prepended) for every recipient of the envelope. The blob stays
     * owned by the caller, who closes it afterwards.
     *
     * @return the queue id, for the 250 line and the logs
     * @throws QueueException when the message cannot be made durable (the session answers 451 4.3.0)
     */
    String accept(Envelope envelope, SpooledBlob message) throws QueueException;
}
