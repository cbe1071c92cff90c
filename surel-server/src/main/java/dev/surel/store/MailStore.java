package dev.surel.store;

import dev.surel.protocol.mime.MessageStructure;
import java.util.Collection;
import java.util.List;

/**
 * The mail store: one interface for every backend (SQLite now, PostgreSQL later).
 *
 * <p>Invariants every backend keeps (tested by the contract suite):
 * <ul>
 *   <li>UIDs are strictly increasing per mailbox and never reused: not after expunge, not after
 *       a restart; a mailbox deleted and created again gets a larger UIDVALIDITY.</li>
 *   <li>UIDs and MODSEQs become visible in the order they were given: they are allocated and
 *       the rows inserted in one transaction, and write transactions are serialised.</li>
 *   <li>One MODSEQ counter per account, bumped by every change (append, flags, expunge,
 *       copy/move, mailbox create/rename/delete); each mailbox remembers its highest one.</li>
 *   <li>Expunged messages stay as tombstones (MODSEQ = the expunge's) until the tombstone
 *       horizon passes; the highest purged MODSEQ is kept per mailbox.</li>
 *   <li>Counts per mailbox and usage per account change in the same transaction as the
 *       messages they count.</li>
 *   <li>When a call returns, its change is durable (blob fsynced and renamed, directory
 *       fsynced, database committed with a sync), and only then is it published on the
 *       {@link ChangeBus}.</li>
 * </ul>
 * Mailbox operations take names; message operations take the mailbox id (stable across
 * rename) plus the account id, and a mailbox of another account is {@link StoreException.NotFound}.
 */
public interface MailStore extends AutoCloseable {

    // ------------------------------------------------------------ accounts

    /**
     * Creates the default mailboxes of a new account (INBOX, Drafts, Sent, Trash, Junk, Archive
     * with their RFC 6154 attributes, all subscribed) inside the caller's write transaction
     * {@code tx} (which must be one of this store's own write transactions). Publishes no events.
     */
    void initializeAccount(StoreTransaction tx, long accountId);

    /**
     * Removes every mailbox, message and subscription of an account inside the caller's write
     * transaction (as {@link #initializeAccount}), so the accounts component can then delete the
     * account row in the same transaction. Blob files go later, through the garbage collector.
     */
    void deleteAccountData(StoreTransaction tx, long accountId);

    Quota quota(long accountId);

    /**
     * Opens a session lease: until it is closed, tombstones (and so the blobs) of messages
     * expunged after the lease was opened are kept, so the session can still fetch messages
     * it has not yet announced as expunged.
     */
    SessionLease openSession(long accountId);

    ChangeBus changeBus();

    // ------------------------------------------------------------ mailboxes

    /**
     * Creates a mailbox; missing superior names are created too (RFC 9051 §6.3.4). A trailing
     * "/" is ignored. INBOX in any case means INBOX.
     */
    MailboxInfo createMailbox(long accountId, String name, SpecialUse specialUse);

    /**
     * Deletes a mailbox and its messages (RFC 9051 §6.3.5). INBOX cannot be deleted. Inferior
     * names (children) are kept: they stay mailboxes of their own.
     */
    void deleteMailbox(long accountId, String name);

    /**
     * Renames a mailbox and all its inferior names, keeping ids and UIDVALIDITY (RFC 9051
     * §6.3.6); missing superiors of the new name are created. Renaming INBOX creates the new
     * mailbox and moves every INBOX message into it (new UIDs); INBOX stays, empty.
     */
    MailboxInfo renameMailbox(long accountId, String from, String to);

    /** All mailboxes of the account, sorted by name. */
    List<MailboxInfo> listMailboxes(long accountId);

    MailboxInfo mailbox(long accountId, String name);

    MailboxInfo mailbox(long accountId, long mailboxId);

    // ------------------------------------------------------------ subscriptions

    /** Subscribes a name; it need not exist (RFC 9051 §6.3.7). */
    void subscribe(long accountId, String name);

    void unsubscribe(long accountId, String name);

    List<String> subscriptions(long accountId);

    // ------------------------------------------------------------ messages

    /**
     * Streams a message into a temp blob (CRLF-canonical, hashed, fsynced) without touching the
     * database; append it with {@link NewMessage#of(dev.surel.store.SpooledMessage)} and close
     * it afterwards. Refuses a message above {@code max_message_size} with {@link StoreException.BadMessage}
     * ({@code SIZE}), and one with a header block over 256 KiB or a header line over 64 KiB
     * ({@link dev.surel.protocol.mime.MimeSettings}) with {@code HEADER}: every field of a stored
     * message is then known to SEARCH and HEADER.FIELDS.
     * A disk that is full or cannot be written throws {@link StoreException.Unavailable} and
     * stops reading {@code in}: the caller drains what is left of it (the session goes on).
     */
    dev.surel.store.SpooledMessage spool(java.io.InputStream in);

    /**
     * Refuses new mail early: throws {@link StoreException.Unavailable} ({@code DISK_FULL}) when
     * storing {@code bytes} more (0 when unknown) would leave less free space than
     * {@code store.min_free_space} on the data directory's file system. Called before a message
     * is received (SMTP MAIL FROM, IMAP APPEND before its literal), never for what is already
     * accepted.
     */
    void requireSpace(long bytes);

    /**
     * Like {@link #spool}, but byte for byte: no line-ending conversion. For an IMAP APPEND
     * literal8 (RFC 3516 §4.4), whose binary parts must read back exactly as sent; every other
     * intake keeps the canonical CRLF form.
     */
    dev.surel.store.SpooledMessage spoolExact(java.io.InputStream in);

    Appended append(long accountId, long mailboxId, NewMessage message);

    /**
     * Appends one message and runs {@code alsoInTx} in the same write transaction, after the
     * rows are in: both commit (with one sync) or neither does. If {@code alsoInTx} throws,
     * the append is rolled back and the exception reaches the caller. The delivery queue uses
     * it to mark a recipient delivered together with the message that delivers it (exactly once).
     * {@code alsoInTx} must not call the store or the database's write again.
     */
    Appended appendWith(long accountId, long mailboxId, NewMessage message, InTransaction alsoInTx);

    /**
     * Files messages into several mailboxes of one account and runs {@code alsoInTx}, all in one
     * write transaction: every copy and the other component's work commit together (one sync) or
     * none does. An empty {@code filings} runs only {@code alsoInTx} (a delivery that stores
     * nothing: discard, redirect, reject). Local delivery uses it to carry out a Sieve result
     * exactly once: its copies, the queue record marked delivered, the vacation and duplicate
     * records and the queued replies. {@code alsoInTx} must not call the store or the database's
     * write again.
     */
    List<Appended> fileAll(long accountId, List<Filing> filings, InTransaction alsoInTx);

    /** Appends several messages in one transaction (RFC 3502 MULTIAPPEND): all or none. */
    List<Appended> appendAll(long accountId, long mailboxId, List<NewMessage> messages);

    /** Live messages in a UID range, ascending UID. */
    List<MessageMeta> messages(long accountId, long mailboxId, UidRange range);

    /**
     * Every live message of a mailbox as parallel arrays ({@link MessageList}): what
     * {@code messages(accountId, mailboxId, UidRange.ALL)} holds, without an object per message
     * (a POP3 maildrop of 10,000 messages). Loads the mailbox's in-memory index as that read does.
     */
    default MessageList list(long accountId, long mailboxId) {
        return MessageList.of(messages(accountId, mailboxId, UidRange.ALL));
    }

    /** Live messages among the given UIDs, ascending UID; unknown or expunged UIDs are skipped. */
    List<MessageMeta> fetch(long accountId, long mailboxId, Collection<Long> uids);

    /**
     * Changes flags and keywords of the given UIDs in one transaction with one new MODSEQ.
     *
     * @param unchangedSince RFC 7162 UNCHANGEDSINCE, or -1 for none
     */
    FlagUpdate updateFlags(long accountId, long mailboxId, Collection<Long> uids, FlagOp op, Flags flags, long unchangedSince);

    /** Expunges live messages with \Deleted; with {@code uids} non-null only among those (RFC 4315 UID EXPUNGE). */
    Expunged expunge(long accountId, long mailboxId, Collection<Long> uids);

    /**
     * Adds {@code \Seen} to some messages and expunges others (whatever their {@code \Deleted}
     * flag: it is set first, so IMAP sessions see the usual flag change and expunge) in
     * mailboxes of one account, and runs {@code alsoInTx} (another component's own rows), all in
     * one transaction: everything commits or nothing does. Used by POP3's UPDATE state
     * (RFC 1939 §6) and its expiry job. UIDs already expunged are skipped. Events are published
     * after the commit.
     */
    void markSeenAndExpunge(long accountId, List<SeenAndExpunge> changes, InTransaction alsoInTx);

    /**
     * Copies live messages (new UIDs, same flags and internal date) into a mailbox, which may be
     * the source itself (RFC 9051 §6.4.7); UIDs already expunged are skipped.
     */
    CopyResult copy(long accountId, long sourceMailboxId, Collection<Long> uids, long targetMailboxId);

    /**
     * RFC 6851 MOVE: copy plus expunge of the sources in one transaction; into the source mailbox
     * itself the messages get new UIDs (RFC 6851 §3.3 allows it, as Dovecot does).
     */
    CopyResult move(long accountId, long sourceMailboxId, Collection<Long> uids, long targetMailboxId);

    /**
     * Opens the bytes of a message, live or a tombstone not yet purged.
     *
     * @throws StoreException.NotFound when no such message row exists
     */
    SizedStream open(long accountId, long mailboxId, long uid);

    /**
     * Opens stored bytes by their hash ({@link MessageMeta#blobHash()}) without reading the
     * database: for a session that listed the message, holds a {@link #openSession} lease and
     * knows from the {@link ChangeBus} that the message is still live (POP3 RETR of a large
     * maildrop). Blobs are immutable and content-addressed.
     *
     * @throws StoreException.NotFound when no such blob exists (any more)
     */
    SizedStream openContent(String blobHash);

    /**
     * {@link #openContent(String)} of a blob whose size the caller already knows (its
     * {@link MessageMeta#size()} or {@link MessageList#sizes()}: a blob never changes), so the
     * store need not ask the file system for it. The stream gives exactly {@code size} octets and
     * fails (an {@link java.io.EOFException}) if the blob has fewer.
     */
    default SizedStream openContent(String blobHash, long size) {
        return openContent(blobHash);
    }

    /**
     * The MIME structure of a message (live or a tombstone not yet purged): envelope, parts and
     * their byte offsets in {@link #open}'s bytes, for ENVELOPE, BODYSTRUCTURE and BODY[section].
     * Computed once per content while spooling; a malformed message still has one.
     *
     * @throws StoreException.NotFound when no such message row exists
     */
    MessageStructure structure(long accountId, long mailboxId, long uid);

    /**
     * The structures of many messages at once (what {@link #structure} gives for each), read in
     * one snapshot with a few queries instead of one per message: FETCH ENVELOPE/BODYSTRUCTURE and
     * SEARCH over a mailbox. A UID with no message row (never existed, or purged) is absent from
     * the map; callers ask in bounded chunks (a few hundred UIDs) so memory stays bounded.
     *
     * @throws StoreException.NotFound when the mailbox does not exist
     */
    java.util.Map<Long, MessageStructure> structures(long accountId, long mailboxId, Collection<Long> uids);

    /**
     * The top-level header fields of many messages at once (what {@link #structure} gives as
     * {@link MessageStructure#header()}), decoding only that part of each stored structure: SEARCH
     * HEADER, TEXT and SENT* keys. A UID with no message row is absent from the map.
     *
     * @throws StoreException.NotFound when the mailbox does not exist
     */
    java.util.Map<Long, dev.surel.protocol.mime.HeaderFields> headers(long accountId, long mailboxId, Collection<Long> uids);

    /**
     * The items of many messages at once ({@link MessageItems}: rendered ENVELOPE, BODY,
     * BODYSTRUCTURE and SEARCH texts), read in one query without decoding any structure: FETCH
     * and SEARCH over a mailbox. Content stored before the items existed (or with another
     * rendering version) gets them computed from its structure on this first use, and stored.
     * A UID with no message row is absent from the map; callers ask in bounded chunks.
     *
     * @throws StoreException.NotFound when the mailbox does not exist
     */
    default java.util.Map<Long, MessageItems> items(long accountId, long mailboxId, Collection<Long> uids) {
        return items(accountId, mailboxId, uids, MessageItems.ALL);
    }

    /**
     * {@link #items(long, long, Collection)} reading only the values of {@code parts} (the others
     * are null; items computed on this first use may carry them all): FETCH ENVELOPE FLAGS of a
     * mailbox reads the envelopes and nothing else.
     */
    java.util.Map<Long, MessageItems> items(long accountId, long mailboxId, Collection<Long> uids, java.util.Set<MessageItems.Part> parts);

    // ------------------------------------------------------------ \Recent (RFC 3501 §2.3.2)

    /**
     * Raises the mailbox's first-recent UID ({@link MailboxInfo#firstRecentUid()}) to {@code uid}
     * (never lowers it) and returns the value it had before: the messages from there up to
     * {@code uid - 1} are \Recent for the caller's session only. Publishes no event; losing the
     * change in a crash only makes those messages \Recent once more.
     */
    long claimRecent(long accountId, long mailboxId, long uid);

    /** Live messages of a mailbox with a UID at or above {@code fromUid} (STATUS RECENT). */
    long countFrom(long accountId, long mailboxId, long fromUid);

    /** CONDSTORE/QRESYNC: what changed in a mailbox after {@code sinceModseq}. */
    Changes changesSince(long accountId, long mailboxId, long sinceModseq);

    // ------------------------------------------------------------ maintenance

    /** Purges old tombstones, deletes unreferenced blobs after their grace, removes stale temp files. */
    GcReport gc();

    /** The store's size from its counters: accounts, messages and their bytes, message files and theirs. */
    StoreTotals totals();

    /** Verifies blobs (existence, size, SHA-256), UIDs, counts and MODSEQs. */
    CheckReport check();

    /**
     * For a backup: writes a consistent copy of the metadata (the mail store, accounts, the
     * delivery queue, POP3 state: the whole database) to {@code databaseCopy}, which must not
     * exist, while the store goes on serving, and holds off the deletion of blob files until
     * the snapshot is closed, so every blob it lists can still be copied.
     */
    StoreSnapshot snapshot(java.nio.file.Path databaseCopy);

    @Override
    void close();
}
