package dev.surel.net;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A point in (injected-clock) time by which a unit of input must have arrived in full, however
 * steadily its octets trickle in: one command line ({@code [limits] command_deadline}, started
 * by {@link Connection#readLine} at the line's first octet) or a transfer a session starts with
 * {@link Connection#startDeadline} (SMTP DATA / BDAT content, IMAP literals). Idle timeouts
 * restart at every octet; a deadline does not, which is what stops a slow sender.
 *
 * @param what  what is being received, for the log and the goodbye ("command line", "message data")
 * @param limit how long it was allowed
 * @param due   when it must be complete
 */
public record Deadline(String what, Duration limit, Instant due) {
    public Deadline {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(due, "due");
    }

    /** The limit in the configuration's own syntax: "2s", "5m", "2500ms". */
    public String limitText() {
        long ms = limit.toMillis();
        if (ms % 86_400_000 == 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }

    /** The earlier of two deadlines, either of which may be null. */
    static Deadline earlier(Deadline a, Deadline b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.due.isBefore(a.due) ? b : a;
    }
}
