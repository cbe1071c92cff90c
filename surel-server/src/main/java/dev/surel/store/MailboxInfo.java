package dev.surel.store;

/**
 * What IMAP STATUS/SELECT and LIST need about one mailbox, read in one snapshot.
 *
 * @param id            stable id (survives rename); message operations take it
 * @param name          full path, "/" delimited; "INBOX" for the inbox
 * @param specialUse    RFC 6154 attribute or null
 * @param uidValidity   RFC 9051 §2.3.1.1; a re-created mailbox always gets a larger one
 * @param uidNext       the next UID to be assigned
 * @param highestModseq highest MODSEQ of any change in this mailbox (RFC 7162)
 * @param purgedModseq  highest MODSEQ of tombstones already purged (changes below it are lost)
 * @param messages      live (not expunged) messages
 * @param unseen        live messages without \Seen
 * @param deleted       live messages with \Deleted
 * @param size          total octets of live messages
 * @param firstRecentUid RFC 3501 §2.3.2: the first UID no IMAP4rev1 session has been told
 *                      about yet (messages at or above it are \Recent for the next one)
 */
public record MailboxInfo(long id, String name, SpecialUse specialUse, long uidValidity, long uidNext,
                          long highestModseq, long purgedModseq, long messages, long unseen, long deleted, long size,
                          long firstRecentUid) {
}
