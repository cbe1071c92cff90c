package dev.surel.queue;

import dev.surel.queue.SqlMailQueue.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per delivery attempt and recipient, on the logger {@code dev.surel.queue.delivery},
 * shaped like Postfix's so that the same {@code grep} finds the same facts:
 *
 * <pre>
 * queue 7F3A9C2D: to=&lt;bob@example.net&gt; from=&lt;alice@example.com&gt; size=4213 delay=0.42 relay=mx.example.net[192.0.2.1]:25 dsn=2.0.0 status=sent (250 2.0.0 Ok)
 * queue 7F3A9C2D: to=&lt;carol@example.com&gt; orig_to=&lt;sales@example.com&gt; from=&lt;alice@example.com&gt; size=4213 delay=0.05 relay=local dsn=2.0.0 status=sent (250 2.0.0 delivered to INBOX)
 * queue 7F3A9C2D: to=&lt;dave@example.org&gt; from=&lt;alice@example.com&gt; size=4213 delay=31 relay=none dsn=4.4.1 status=deferred (4.4.1 connect: ...)
 * </pre>
 *
 * {@code status} is {@code sent}, {@code deferred} (tried again later), {@code bounced} (failed
 * for good: the sender gets a DSN unless NOTIFY says otherwise) or {@code expired} (still failing
 * when {@code [queue] lifetime} ended: 4.4.7, a DSN too). {@code delay} is the seconds since the
 * message was accepted; {@code relay} the peer as {@code name[address]:port}, {@code local} for a
 * mailbox here, {@code none} when no peer answered; {@code orig_to} the address as given in RCPT TO
 * when it differs (alias, sub-address). Control characters are replaced by spaces, so no peer
 * reply can forge a line. The same facts go as SLF4J key-value pairs (JSON log: {@code kvpList}).
 * Every line is at INFO.
 */
final class DeliveryLog {

    static final String LOGGER = "dev.surel.queue.delivery";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    static final String LOCAL = "local";

    private DeliveryLog() {
    }

    /** Logs what {@code u} recorded for recipient {@code r} of {@code m} ({@code relay}: null unless local). */
    static void attempt(QueuedMessage m, QueuedRecipient r, Update u, String relay, Instant now) {
        if (!log.isInfoEnabled()) return;
        QueueRecipient q = r.recipient();
        String to = clean(q.address());
        String origTo = q.rcptTo().equalsIgnoreCase(q.address()) ? null : clean(q.rcptTo());
        String from = clean(m.reversePath());
        String host = relay != null ? relay : u.remoteHost() != null ? clean(u.remoteHost()) : "none";
        String delay = delay(Duration.between(m.receivedAt(), now));
        String status = status(u);
        String dsn = u.status() == null ? "-" : clean(u.status());
        String reply = u.reply() == null ? "" : clean(u.reply());
        StringBuilder line = new StringBuilder(200).append("queue ").append(m.queueId()).append(": to=<").append(to).append('>');
        if (origTo != null) line.append(" orig_to=<").append(origTo).append('>');
        line.append(" from=<").append(from).append("> size=").append(m.size()).append(" delay=").append(delay)
                .append(" relay=").append(host).append(" dsn=").append(dsn).append(" status=").append(status);
        if (!reply.isEmpty()) line.append(" (").append(reply).append(')');
        var event = log.atInfo().addKeyValue("queue_id", m.queueId()).addKeyValue("to", to);
        if (origTo != null) event = event.addKeyValue("orig_to", origTo);
        event.addKeyValue("from", from).addKeyValue("size", m.size()).addKeyValue("delay", delay).addKeyValue("relay", host)
                .addKeyValue("dsn", dsn).addKeyValue("status", status).addKeyValue("reply", reply)
                .addKeyValue("attempt", r.attempts() + 1)
                .log(line.toString());
    }

    static String status(Update u) {
        return switch (u.state()) {
            case DELIVERED -> "sent";
            case QUEUED -> "deferred";
            case FAILED -> "4.4.7".equals(u.status()) ? "expired" : "bounced";
        };
    }

    /** Seconds: two decimals below 10 s (0.42), whole seconds above (Postfix's style). */
    static String delay(Duration d) {
        long ms = Math.max(0, d.toMillis());
        return ms < 10_000 ? String.format(Locale.ROOT, "%.2f", ms / 1000.0) : Long.toString(ms / 1000);
    }

    /** Control characters (CR, LF, ...) become spaces: a value can never start a line of its own. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029 ? ' ' : c);
        }
        return b.toString().strip();
    }
}
