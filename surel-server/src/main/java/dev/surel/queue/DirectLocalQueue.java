package dev.surel.queue;

import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import dev.surel.store.StoreException;
import dev.surel.store.blob.SpooledBlob;
import java.util.UUID;

/**
 * A stand-in until the durable queue lands: appends the message to each local recipient's
 * INBOX before returning (so the 250 still follows the store's commit) and refuses remote
 * recipients. No Return-Path / Delivered-To, no retries, no DSNs.
 */
final class DirectLocalQueue implements MailQueue {

    private final MailStore store;

    DirectLocalQueue(MailStore store) {
        this.store = store;
    }

    @Override
    public String accept(Envelope envelope, SpooledBlob message) {
        for (QueueRecipient r : envelope.recipients()) {
            if (!r.isLocal()) throw new QueueException("remote delivery is not available yet: " + r.address());
        }
        try {
            for (QueueRecipient r : envelope.recipients()) {
                long inbox = store.mailbox(r.localAccountId(), "INBOX").id();
                store.append(r.localAccountId(), inbox, NewMessage.of(message));
            }
        } catch (StoreException e) {
            throw new QueueException("local delivery failed: " + e.getMessage(), e);
        }
        return UUID.randomUUID().toString().substring(0, 12);
    }
}
