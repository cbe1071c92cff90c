package dev.surel.delivery;

import dev.surel.protocol.srs.Srs;
import dev.surel.queue.QueueRecipient;
import dev.surel.queue.RemoteTransport.OutboundMessage;
import java.time.Clock;
import java.util.Locale;

/**
 * The envelope sender (MAIL FROM) outbound delivery uses for a message.
 *
 * <p>Forwarded mail (a recipient reached through an alias of a local domain: its RCPT TO was the
 * alias, its address is the alias's remote target) is sent from an SRS address of the alias's
 * domain, so SPF (RFC 7208) checks the forwarding server at the destination and passes, and
 * bounces come back here to be passed on to the original sender
 * ({@link dev.surel.protocol.srs.Srs}). Everything else keeps its reverse-path.
 */
@FunctionalInterface
public interface SenderRewriting {

    /** Sends every message from its own reverse-path. */
    SenderRewriting NONE = m -> m.envelope().reversePath();

    /** The MAIL FROM address for {@code message} ("" for the null reverse-path). */
    String mailFrom(OutboundMessage message);

    /** SRS for forwarded mail, dated by {@code clock}. */
    static SenderRewriting srs(Srs srs, Clock clock) {
        return m -> {
            String sender = m.envelope().reversePath();
            if (sender.isEmpty()) return sender; // a bounce stays a bounce (RFC 5321 §4.5.5)
            for (QueueRecipient r : m.recipients()) {
                String alias = r.rcptTo();
                if (alias == null || alias.equalsIgnoreCase(r.address())) continue;
                String domain = alias.substring(alias.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
                if (sender.toLowerCase(Locale.ROOT).endsWith("@" + domain)) return sender; // our own domain's mail: SPF passes already
                return srs.forward(sender, domain, clock.instant());
            }
            return sender;
        };
    }
}
