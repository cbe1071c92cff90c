package dev.surel.imap;

import java.util.HashMap;
import java.util.Map;

/**
 * The \Recent flag of IMAP4rev1 (RFC 3501 §2.3.2: "this session is the first session to have
 * been notified about this message; if the session is read-write, subsequent sessions will not
 * see \Recent set for this message"), kept as Dovecot keeps it: one mark per mailbox, the first
 * UID no session has claimed yet. Messages at or above the mark are \Recent for the next
 * read-write session that learns of them, which moves the mark past them.
 *
 * <p>The mark is stored with the mailbox ({@code MailboxInfo#firstRecentUid}); a read-write
 * SELECT that finds recent messages writes it at once. Messages that arrive while sessions have
 * the mailbox selected are claimed here, in memory, by the first read-write session that
 * announces them (no database write per delivery, so an IDLE session costs nothing extra), and
 * the mark is written when the last of those sessions leaves the mailbox. A crash before that
 * only makes those messages \Recent once more; a SELECT meanwhile sees the mark in memory.
 *
 * <p>Invariants: a mark only grows; on this node each message is \Recent for at most one
 * read-write session; a read-only session (EXAMINE) sees \Recent but never moves the mark
 * (RFC 3501 §6.3.2); an entry lives while a session holds the mailbox or its mark is being
 * written, so a SELECT racing with that write still sees the claimed mark. Thread-safe.
 */
final class RecentTracker {

    /** One selected mailbox's mark. */
    private static final class Mark {
        long firstRecent;
        long stored;
        int holders;
    }

    private final Map<Long, Mark> marks = new HashMap<>();

    /**
     * A session selects the mailbox (SELECT or EXAMINE): returns the first UID that is \Recent
     * for it. With {@code claim} (read-write) the mark moves to {@code top}, the UID after the
     * highest the session's view holds; the caller then stores it ({@link #stored}) when it moved.
     */
    synchronized long open(long mailboxId, long storedMark, long top, boolean claim) {
        Mark m = marks.computeIfAbsent(mailboxId, k -> new Mark());
        m.holders++;
        m.stored = Math.max(m.stored, storedMark);
        m.firstRecent = Math.max(m.firstRecent, storedMark);
        long from = m.firstRecent;
        if (claim) m.firstRecent = Math.max(m.firstRecent, top);
        return from;
    }

    /**
     * New messages up to {@code maxUid} are being announced to a session that holds the mailbox:
     * returns the first UID of them that is \Recent for it; with {@code claim} they become its own.
     */
    synchronized long take(long mailboxId, long maxUid, boolean claim) {
        Mark m = marks.get(mailboxId);
        if (m == null) return Long.MAX_VALUE; // not held (cannot happen while selected): nothing recent
        long from = m.firstRecent;
        if (claim) m.firstRecent = Math.max(m.firstRecent, maxUid + 1);
        return from;
    }

    /** The mark as it stands (STATUS RECENT): the stored one, or the one in memory when higher. */
    synchronized long firstRecent(long mailboxId, long storedMark) {
        Mark m = marks.get(mailboxId);
        return m == null ? storedMark : Math.max(storedMark, m.firstRecent);
    }

    /** The mark {@code value} is now stored. */
    synchronized void stored(long mailboxId, long value) {
        Mark m = marks.get(mailboxId);
        if (m != null) m.stored = Math.max(m.stored, value);
    }

    /**
     * A session leaves the mailbox: returns the mark to store (claims made in memory), or 0 when
     * the stored one is current. When it returns a mark the entry stays until {@link #written}.
     */
    synchronized long close(long mailboxId) {
        Mark m = marks.get(mailboxId);
        if (m == null) return 0;
        if (m.firstRecent > m.stored) return m.firstRecent; // the holder passes to the write
        release(mailboxId, m);
        return 0;
    }

    /** The mark {@link #close} returned was written (or could not be: the mailbox is gone). */
    synchronized void written(long mailboxId, long value) {
        Mark m = marks.get(mailboxId);
        if (m == null) return;
        m.stored = Math.max(m.stored, value);
        release(mailboxId, m);
    }

    private void release(long mailboxId, Mark m) {
        if (--m.holders <= 0) marks.remove(mailboxId);
    }

    /** Mailboxes with an entry (tests). */
    synchronized int size() {
        return marks.size();
    }
}
