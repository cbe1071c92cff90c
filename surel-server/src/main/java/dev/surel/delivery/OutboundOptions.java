package dev.surel.delivery;

import java.time.Clock;

/**
 * What outbound delivery does beyond moving octets: its TLS policies (MTA-STS, DANE), the envelope
 * sender it gives each message (SRS for forwarded mail), and the clock and port those use.
 *
 * @param tls       MTA-STS and DANE settings
 * @param senders   the MAIL FROM of each message
 * @param clock     ages cached MTA-STS policies and dates SRS addresses
 * @param httpsPort where MTA-STS policies are fetched (443; another only in tests)
 */
public record OutboundOptions(OutboundTlsSettings tls, SenderRewriting senders, Clock clock, int httpsPort) {

    /** MTA-STS and DANE on, senders kept, the system clock, port 443. */
    public static final OutboundOptions DEFAULTS = new OutboundOptions(OutboundTlsSettings.DEFAULTS, SenderRewriting.NONE,
            Clock.systemUTC(), 443);
}
