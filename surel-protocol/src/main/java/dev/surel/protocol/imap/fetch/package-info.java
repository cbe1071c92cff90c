/**
 * Pure FETCH content (RFC 9051 §6.4.5, §7.5.2; RFC 3501 §6.4.5, §7.4.2): ENVELOPE, BODY and
 * BODYSTRUCTURE as {@link dev.surel.protocol.imap.ImapValue} trees built from a parsed
 * {@link dev.surel.protocol.mime.MessageStructure}, and {@link dev.surel.protocol.imap.fetch.SectionSlice}:
 * what {@code BODY[section]<partial>} sends (a byte range of the stored message to stream, or
 * computed bytes for HEADER.FIELDS). No I/O: the session streams the ranges from the blob store.
 *
 * <p>8-bit header text never goes into a quoted string: it is RFC 2047-encoded
 * ({@link dev.surel.protocol.imap.fetch.HeaderTextMode#ENCODED_WORDS}) or left to the writer, which
 * sends any {@link dev.surel.protocol.imap.ImapValue.Str} with 8-bit bytes as a literal. Strings are
 * always built from Java text, so their bytes are valid UTF-8.
 */
package dev.surel.protocol.imap.fetch;
