package dev.surel.protocol.mime;

/**
 * What of a section IMAP asks for (RFC 9051 §6.4.5): the part's content ({@code BODY[1.2]}), its
 * MIME header ({@code 1.2.MIME}), or the header / text of a message ({@code HEADER}, {@code TEXT},
 * also the base for {@code HEADER.FIELDS}).
 */
public enum SectionText {
    CONTENT,
    MIME,
    HEADER,
    TEXT
}
