package dev.surel.delivery;

import dev.surel.mailauth.MtaStsCache;
import dev.surel.mailauth.OutboundSigner;
import dev.surel.reports.TlsSession;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * What outbound delivery does beyond moving octets: its TLS policies (MTA-STS, DANE), the envelope
 * sender it gives each message (SRS for forwarded mail), TLS reporting, DKIM signing, and the clock
 * and port those use.
 *
 * @param tls       MTA-STS and DANE settings
 * @param senders   the MAIL FROM of each message
 * @param clock     ages cached MTA-STS policies and dates SRS addresses
 * @param httpsPort where MTA-STS policies are fetched (443; another only in tests)
 * @param tlsSessions gets each MX session's TLS outcome (RFC 8460 reports)
 * @param signer    DKIM-signs submitted and server-written mail (null: nothing is signed)
 * @param mtaStsCache where MTA-STS policies outlive a restart (RFC 8461 §10.3; null: memory only)
 */
public record OutboundOptions(OutboundTlsSettings tls, SenderRewriting senders, Clock clock, int httpsPort,
                              Consumer<TlsSession> tlsSessions, OutboundSigner signer, MtaStsCache mtaStsCache) {

    /** MTA-STS and DANE on, senders kept, the system clock, port 443, TLS sessions not recorded. */
    public static final OutboundOptions DEFAULTS = new OutboundOptions(OutboundTlsSettings.DEFAULTS, SenderRewriting.NONE,
            Clock.systemUTC(), 443, s -> { }, null, null);

    /** The same, recording each session's TLS outcome with {@code sink} (for TLS reports, RFC 8460). */
    public OutboundOptions withTlsSessions(Consumer<TlsSession> sink) {
        return new OutboundOptions(tls, senders, clock, httpsPort, sink, signer, mtaStsCache);
    }

    /** The same, signing submitted and server-written mail with {@code signer} (null: nothing signed). */
    public OutboundOptions withSigner(OutboundSigner signer) {
        return new OutboundOptions(tls, senders, clock, httpsPort, tlsSessions, signer, mtaStsCache);
    }

    /** The same, keeping MTA-STS policies in {@code cache} across restarts (null: in memory only). */
    public OutboundOptions withMtaStsCache(MtaStsCache cache) {
        return new OutboundOptions(tls, senders, clock, httpsPort, tlsSessions, signer, cache);
    }
}
