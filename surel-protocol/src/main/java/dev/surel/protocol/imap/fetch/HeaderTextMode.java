package dev.surel.protocol.imap.fetch;

/**
 * How non-ASCII header text (subjects, display names, descriptions, parameter values) goes to a
 * client in ENVELOPE and BODYSTRUCTURE.
 *
 * <ul>
 *   <li>{@link #ENCODED_WORDS}: as RFC 2047 UTF-8 encoded words, pure ASCII: what an IMAP4rev1
 *       client expects (RFC 3501 §7.4.2 passes header text through; 8-bit is not allowed in a
 *       quoted string, RFC 3501 §4.3).</li>
 *   <li>{@link #UTF8}: as UTF-8 text (RFC 9051 §4.3 / RFC 6855); the writer sends it as a literal
 *       when it is not 7-bit, so it never appears raw in a quoted string.</li>
 * </ul>
 * Mailbox local parts and hosts are never encoded (RFC 2047 §5 forbids encoded words there): a
 * non-ASCII address part is always UTF-8, sent as a literal by the writer.
 */
public enum HeaderTextMode {
    ENCODED_WORDS,
    UTF8
}
