/**
 * Mail authentication, the DNS-backed part (issue 14): SPF checks (RFC 7208), DKIM keys, signing
 * and verification (RFC 6376, RFC 8463), DMARC (RFC 7489), the {@code Authentication-Results}
 * field (RFC 8601). The pure parts (record parsing, canonicalization, policy evaluation) are in
 * surel-protocol ({@code dev.surel.protocol.dkim}, {@code dev.surel.protocol.spf}, ...); this
 * package gives them DNS ({@link dev.surel.dns.DnsResolver}) and keys: {@link dev.surel.mailauth.DkimKeys}
 * keeps each hosted domain's DKIM keys in the data directory ({@code surel dkim}), and
 * {@link dev.surel.mailauth.OutboundSigner} makes the DKIM-Signature fields the outbound transport
 * sends before a submitted or server-written message.
 *
 * <p>Layer: domain (docs/adr/0010-layers-and-module-wiring.md), below smtp and the queue, above the
 * store and dns.
 */
package dev.surel.mailauth;
