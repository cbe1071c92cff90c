package dev.surel.mailauth;

/**
 * What the checks of one incoming message decided (the SMTP session turns it into a reply and
 * the queue into a mailbox).
 *
 * @param disposition what to do with the message
 * @param authResults the {@code Authentication-Results:} field to prepend, with its CRLF
 * @param reason      why, for the reply of a refusal and the log
 */
public record InboundVerdict(Disposition disposition, String authResults, String reason) {

    public enum Disposition {
        /** Deliver to INBOX. */
        ACCEPT,
        /** Deliver to the Junk mailbox. */
        JUNK,
        /** Refuse: 550 5.7.1. */
        REJECT,
        /** Refuse for now: 451 4.4.3. */
        DEFER
    }
}
