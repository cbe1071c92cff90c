package dev.surel.transfer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;

/**
 * What makes two messages "the same" for a resumed import: the internal date to the second, the
 * stored size in octets, and a digest of the Message-ID header field's value (as the envelope
 * gives it, RFC 9051 §7.5.2; "-" when there is none). A source can tell it before the bytes are
 * downloaded (IMAP {@code INTERNALDATE}, {@code RFC822.SIZE} and
 * {@code BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]}), and the store from its metadata.
 *
 * @param epochSecond the internal date, seconds since the epoch
 * @param size        octets as stored (CRLF-canonical for files, as sent for IMAP)
 * @param idDigest    16 hex digits of SHA-256 over the Message-ID's UTF-8, or "-"
 */
public record MessageKey(long epochSecond, long size, String idDigest) {

    public static MessageKey of(OffsetDateTime internalDate, long size, String messageId) {
        return new MessageKey(internalDate.toEpochSecond(), size, digest(messageId));
    }

    /** The digest of a Message-ID value (null or blank: "-"). */
    public static String digest(String messageId) {
        if (messageId == null || messageId.isBlank()) return "-";
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(messageId.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line of the admin channel's {@code transfer keys} output. */
    public String line() {
        return epochSecond + " " + size + " " + idDigest;
    }

    public static MessageKey parse(String line) {
        String[] f = line.strip().split(" ");
        if (f.length != 3) throw new IllegalArgumentException("bad message key line: " + line);
        return new MessageKey(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2]);
    }
}
