package dev.surel.delivery;

import dev.surel.reports.TlsSession;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What outbound delivery does beyond moving octets: its TLS policies (MTA-STS, DANE), the envelope
 * sender it gives each message (SRS for forwarded mail), and the clock and port those use.
 *
 * @param tls       MTA-STS and DANE settings
 * @param senders   the MAIL FROM of each message
 * @param clock     ages cached MTA-STS policies and dates SRS addresses
 * @param httpsPort where MTA-STS policies are fetched (443; another only in tests)
 * @param tlsSessions gets each MX session's TLS outcome (RFC 8460 reports)
 */
public record OutboundOptions(OutboundTlsSettings tls, SenderRewriting senders, Clock clock, int httpsPort,
                              Consumer<TlsSession> tlsSessions) {

    /** MTA-STS and DANE on, senders kept, the system clock, port 443, TLS sessions not recorded. */
    public static final OutboundOptions DEFAULTS = new OutboundOptions(OutboundTlsSettings.DEFAULTS, SenderRewriting.NONE,
            Clock.systemUTC(), 443, s -> { });

    /** The same, recording each session's TLS outcome with {@code sink} (for TLS reports, RFC 8460). */
    public OutboundOptions withTlsSessions(Consumer<TlsSession> sink) {
        return new OutboundOptions(tls, senders, clock, httpsPort, sink);
    }
}
