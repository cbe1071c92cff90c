package dev.surel.mailauth;

import dev.surel.protocol.filter.AuthOutcome;

/**
 * What the checks of one incoming message decided (the SMTP session turns it into a reply and
 * the queue into a mailbox).
 *
 * @param disposition what to do with the message
 * @param authResults the {@code Authentication-Results:} field to prepend, with its CRLF
 * @param reason      why, for the reply of a refusal and the log
 * @param outcome     the results as spam scoring weighs them ({@code dev.surel.filter})
 */
public record InboundVerdict(Disposition disposition, String authResults, String reason, AuthOutcome outcome) {

    /** A verdict whose results are not given to spam scoring. */
    public InboundVerdict(Disposition disposition, String authResults, String reason) {
        this(disposition, authResults, reason, AuthOutcome.UNCHECKED);
    }

    /** This verdict with the results spam scoring weighs. */
    public InboundVerdict with(AuthOutcome results) {
        return new InboundVerdict(disposition, authResults, reason, results);
    }

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
