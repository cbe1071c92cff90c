/**
 * MIME structure of stored messages, computed for IMAP in one streaming pass: the MIME tree with
 * exact byte offsets of every part's header and body (so {@code BODY[1.2]}, {@code BODY[1.2.MIME]},
 * {@code BODY[HEADER]}, {@code BODY[TEXT]} and partial ranges are served straight from the blob
 * file), what BODYSTRUCTURE and ENVELOPE need (RFC 9051 §7.5.2), header field selection for
 * {@code HEADER.FIELDS}, and decoded text of each part for SEARCH. Pure: it only reads a given
 * {@link java.io.InputStream}. Robust by contract: {@link dev.surel.protocol.mime.MimeParser#parse}
 * never throws on malformed input (only on an {@link java.io.IOException} of the stream itself), so a
 * malformed message never fails delivery. Apache mime4j is used for address lists, RFC 2047 words
 * and transfer decoding; the boundary scanner is our own so that offsets are exact.
 */
package dev.surel.protocol.mime;
