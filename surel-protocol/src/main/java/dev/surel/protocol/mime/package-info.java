/**
 * MIME structure of stored messages, computed for IMAP in one streaming pass: the MIME tree with
 * exact byte offsets of every part's header and body (so {@code BODY[1.2]}, {@code BODY[1.2.MIME]},
 * {@code BODY[HEADER]}, {@code BODY[TEXT]} and partial ranges are served straight from the blob
 * file), what BODYSTRUCTURE and ENVELOPE need (RFC 9051 §7.5.2), header field selection for
 * {@code HEADER.FIELDS}, and decoded text of each part for SEARCH. Pure: it only reads a given
 * {@link java.io.InputStream}. Robust by contract: {@link dev.surel.protocol.mime.MimeParser#parse}
 * never throws on malformed input (only on an {@link java.io.IOException} of the stream itself), so a
 * malformed message never fails delivery. Apache mime4j is used for address lists, RFC 2047 words
 * and transfer decoding; the boundary scanner is our own so that offsets are exact (mime4j's
 * event parser reports no byte offsets, and its boundary handling cannot be told which CRLF
 * belongs to a delimiter).
 *
 * <p>Conventions: offsets are into the stored bytes as they are (CRLF, or tolerated bare LF); a
 * part's body excludes the line break before the next delimiter (RFC 2046 §5.1.1); a body's line
 * count is its number of line breaks plus one when it is non-empty and does not end with one.
 * Entry points: {@link dev.surel.protocol.mime.MimeParser} (parse),
 * {@link dev.surel.protocol.mime.MessageStructure} (sections, ranges, envelope),
 * {@link dev.surel.protocol.mime.HeaderFields} (HEADER.FIELDS), {@link dev.surel.protocol.mime.PartText}
 * (SEARCH text) and {@link dev.surel.protocol.mime.StructureCodec} (persisting a structure).
 */
package dev.surel.protocol.mime;
