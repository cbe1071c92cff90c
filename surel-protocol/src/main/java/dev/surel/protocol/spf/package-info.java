/**
 * SPF (RFC 7208), the pure part: record parsing, macro expansion, evaluation against lookups given
 * by the caller. The DNS-backed check is {@code dev.surel.mailauth} in surel-server.
 */
package dev.surel.protocol.spf;
