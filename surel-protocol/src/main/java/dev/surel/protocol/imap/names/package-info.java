/**
 * Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3) for IMAP4rev1 clients
 * ({@link dev.surel.protocol.imap.names.ModifiedUtf7}) and LIST / LSUB patterns with {@code *} and
 * {@code %} (RFC 9051 §6.3.9, RFC 3501 §6.3.8; {@link dev.surel.protocol.imap.names.ListPattern}).
 */
package dev.surel.protocol.imap.names;
