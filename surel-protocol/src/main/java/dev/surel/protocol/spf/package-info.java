/**
 * SPF (RFC 7208), the pure part: record parsing ({@link dev.surel.protocol.spf.SpfParser}, §4.5,
 * §4.6, §12), macro expansion ({@link dev.surel.protocol.spf.MacroString},
 * {@link dev.surel.protocol.spf.MacroExpander}, §7) and {@code check_host()}
 * ({@link dev.surel.protocol.spf.SpfEvaluator}, §4-§6, with the limits of §4.6.4) over the DNS
 * queries the caller answers ({@link dev.surel.protocol.spf.SpfDns}). No I/O here: the DNS-backed
 * check is {@code dev.surel.mailauth.DnsSpfCheck} in surel-server.
 */
package dev.surel.protocol.spf;
