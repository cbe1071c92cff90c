package dev.surel.queue;

import dev.surel.queue.QueuedRecipient.State;
import dev.surel.queue.SqlMailQueue.Update;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an attempt's result becomes a record update: the retry schedule, the lifetime, and
 * whether a DSN is owed (RFC 3461 §4.1 NOTIFY).
 */
final class Outcomes {

    private static final Pattern ENHANCED = Pattern.compile("^(?:[245]\\d\\d[ -])?([245]\\.\\d{1,3}\\.\\d{1,3})\\b.*", Pattern.DOTALL); // the transport's own diagnoses start with the status

    private final QueueSettings settings;

    Outcomes(QueueSettings settings) {
        this.settings = settings;
    }

    /**
     * RFC 3461 §4.1: without NOTIFY the default is FAILURE; NEVER suppresses every DSN;
     * SUCCESS asks for a "delivered"/"relayed" report. Never a DSN for a message with the null
     * reverse-path (RFC 5321 §4.5.5, RFC 3464 §2): the caller logs that instead.
     */
    static boolean owed(QueuedMessage m, QueueRecipient r, State s) {
        if (m.reversePath().isEmpty()) return false;
        var n = r.notifyOn();
        return switch (s) {
            case FAILED -> n.isEmpty() || n.contains(QueueRecipient.Notify.FAILURE);
            case DELIVERED -> n.contains(QueueRecipient.Notify.SUCCESS);
            case QUEUED -> false;
        };
    }

    Update delivered(QueuedMessage m, QueuedRecipient r, String host, String reply) {
        return Update.finished(r.id(), State.DELIVERED, "2.0.0", reply, host, owed(m, r.recipient(), State.DELIVERED));
    }

    Update failed(QueuedMessage m, QueuedRecipient r, String status, String host, String reply) {
        return Update.finished(r.id(), State.FAILED, status, reply, host, owed(m, r.recipient(), State.FAILED));
    }

    /**
     * A temporary failure: the next attempt after the backoff for this attempt number, or a
     * failure with 4.4.7 (RFC 3463: delivery time expired) once the lifetime has passed.
     */
    Update deferred(QueuedMessage m, QueuedRecipient r, String host, String reply, Instant now) {
        String status = status(reply, "4.0.0");
        if (!now.isBefore(m.receivedAt().plus(settings.lifetime()))) {
            return failed(m, r, "4.4.7", host, reply == null ? "delivery time expired" : reply);
        }
        return Update.retry(r.id(), now.plus(settings.retryDelay(r.attempts() + 1)), status, reply, host);
    }

    /** The RFC 3463 enhanced status in an SMTP reply ("550 5.1.1 ...") or a transport diagnosis ("4.4.1 connect: ..."), or {@code fallback}. */
    static String status(String reply, String fallback) {
        if (reply == null) return fallback;
        Matcher m = ENHANCED.matcher(reply);
        return m.matches() ? m.group(1) : fallback;
    }
}
