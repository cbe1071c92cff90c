package dev.surel.store;

import java.util.Objects;

/**
 * One copy of a message to put into one mailbox, as part of a delivery that files a message into
 * several mailboxes at once ({@link MailStore#fileAll}): a Sieve script's keep and fileinto
 * actions, each with its own flags (RFC 5232 §5).
 */
public record Filing(long mailboxId, NewMessage message) {
    public Filing {
        Objects.requireNonNull(message, "message");
    }
}
