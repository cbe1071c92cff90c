/**
 * POP3 codec, pure (no I/O, no store): {@link dev.surel.protocol.pop3.Pop3Parser} turns one
 * command line into a typed {@link dev.surel.protocol.pop3.Pop3Command} (RFC 1939, RFC 2449
 * CAPA, RFC 2595 STLS, RFC 5034 AUTH, RFC 6856 UTF8); {@link dev.surel.protocol.pop3.Pop3Reply}
 * builds status lines with RFC 3206 response codes; {@link dev.surel.protocol.pop3.DotStuffer}
 * and {@link dev.surel.protocol.pop3.TopFilter} shape multi-line responses (RFC 1939 §3, §7).
 */
package dev.surel.protocol.pop3;
