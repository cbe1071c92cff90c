package dev.surel.store;

import java.time.OffsetDateTime;

/**
 * One message's metadata. The bytes are fetched with {@link MailStore#open}.
 *
 * @param internalDate the instant with the UTC offset it was given in (RFC 9051 §2.3.3)
 * @param size         octets of the stored, CRLF-canonical message (RFC822.SIZE)
 * @param blobHash     hex SHA-256 of those bytes
 */
public record MessageMeta(long mailboxId, long uid, long modseq, long size, OffsetDateTime internalDate,
                          Flags flags, String blobHash) {
}
