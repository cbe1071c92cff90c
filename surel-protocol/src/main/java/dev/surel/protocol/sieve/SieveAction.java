package dev.surel.protocol.sieve;

import java.util.List;

/** An action a script asked for (RFC 5228 §4 and the extensions), for the deliverer to carry out. */
public sealed interface SieveAction {

    /** Store into INBOX (RFC 5228 §4.3), with these IMAP flags (RFC 5232 §5). */
    record Keep(List<String> flags) implements SieveAction {
        public Keep {
            flags = List.copyOf(flags);
        }
    }

    /**
     * Store into {@code mailbox} (RFC 5228 §4.1) with these flags (RFC 5232 §5), {@code create}
     * the mailbox if absent (RFC 5490 §3.2); {@code copy} (RFC 3894) did not cancel implicit keep.
     */
    record FileInto(String mailbox, List<String> flags, boolean copy, boolean create) implements SieveAction {
        public FileInto {
            flags = List.copyOf(flags);
        }
    }

    /** Send the message on to {@code address} (RFC 5228 §4.2); {@code copy} per RFC 3894. */
    record Redirect(String address, boolean copy) implements SieveAction {}

    /** Refuse the message (RFC 5429 §2.1 reject, §2.2 ereject: {@code extended}). */
    record Reject(String reason, boolean extended) implements SieveAction {}

    /** Explicitly drop the message (RFC 5228 §4.4). */
    record Discard() implements SieveAction {}

    /**
     * Send an automatic reply (RFC 5230 §4, RFC 6131 §2): at most once per {@code seconds} per
     * sender and {@code handle}. {@code subject}, {@code from} are null when not given (the
     * deliverer uses "Auto: " + the original subject, §4.5, and the recipient's address);
     * {@code mime} says {@code reason} is a MIME entity (§4.8).
     */
    record Vacation(long seconds, String subject, String from, List<String> addresses, boolean mime, String handle,
            String reason) implements SieveAction {
        public Vacation {
            addresses = List.copyOf(addresses);
        }
    }
}
