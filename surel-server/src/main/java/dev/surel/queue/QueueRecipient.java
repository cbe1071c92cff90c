package dev.surel.queue;

import java.util.Objects;
import java.util.Set;

/**
 * One destination of a queued message.
 *
 * @param address        where it goes: the local account's canonical address, or the remote address
 * @param localAccountId the store's account id for local delivery, or null for a remote recipient
 * @param rcptTo         the address as given in RCPT TO (for DSNs and {@code Delivered-To:})
 * @param orcpt          RFC 3461 §4.2 ORCPT as given ("rfc822;user@example.org", xtext-decoded), or null
 * @param notifyOn       RFC 3461 §4.1 NOTIFY; empty when not given (the default: FAILURE, and DELAY at the queue's choice)
 */
public record QueueRecipient(String address, Long localAccountId, String rcptTo, String orcpt, Set<Notify> notifyOn) {

    public QueueRecipient {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(rcptTo, "rcptTo");
        notifyOn = Set.copyOf(notifyOn);
        if (notifyOn.contains(Notify.NEVER) && notifyOn.size() > 1) throw new IllegalArgumentException("NOTIFY=NEVER stands alone");
    }

    public boolean isLocal() {
        return localAccountId != null;
    }

    /** RFC 3461 §4.1 NOTIFY values. */
    public enum Notify { NEVER, SUCCESS, FAILURE, DELAY }
}
