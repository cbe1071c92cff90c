package dev.surel.queue;

import java.util.List;

/**
 * The transport until outbound SMTP is wired in: defers every remote recipient, so remote mail
 * waits in the queue (and fails with a DSN at the end of its lifetime) instead of being lost.
 */
public final class UnconfiguredTransport implements RemoteTransport {

    public static final String REPLY = "451 4.4.0 remote delivery not configured";

    @Override
    public List<RecipientOutcome> deliver(OutboundMessage message) {
        return message.recipients().stream()
                .<RecipientOutcome>map(r -> new RecipientOutcome.Deferred(r, null, REPLY))
                .toList();
    }
}
