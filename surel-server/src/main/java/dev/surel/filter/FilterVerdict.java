package dev.surel.filter;

/**
 * What spam scoring and the scanners decided about one message (the SMTP session turns it into a
 * reply, the queue into a mailbox).
 *
 * @param disposition what to do with the message
 * @param fields      the {@code X-Spam-Score} and {@code X-Spam-Status} fields to prepend at delivery, each with its CRLF
 * @param reason      why, for a refusal's reply and the log (printable ASCII)
 */
public record FilterVerdict(Disposition disposition, String fields, String reason) {

    public enum Disposition {
        /** Deliver to INBOX. */
        ACCEPT,
        /** Deliver to the recipients' Junk mailbox: the score reached junk_score. */
        JUNK,
        /** Refuse as spam: 550 5.7.1 (the score reached reject_score, or rspamd said reject). */
        REJECT_SPAM,
        /** Refuse as malware: 554 5.7.1 (clamd found a signature). */
        REJECT_MALWARE,
        /** Refuse for now: 451 4.7.1 (a scanner failed and on_scanner_failure = "tempfail", or rspamd said soft reject). */
        DEFER
    }
}
