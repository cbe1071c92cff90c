package dev.surel.maildrop;

import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.StoreException;
import dev.surel.store.UidRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * A user's maildrop as one POP3 session sees it: fixed at login (RFC 1939 §5: message numbers
 * do not change during a session; mail arriving later appears in the next session).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Built with one message query per configured folder and one query for hidden messages:
 *       never a query per message, so a 10,000-message maildrop answers STAT/LIST/UIDL from
 *       memory.</li>
 *   <li>Message {@code n} is {@code entries.get(n - 1)}; folders in configured order, each
 *       by ascending UID; hidden messages (DELE under the hide policy) are left out; at most
 *       {@code pop3.max_messages} entries (the oldest).</li>
 *   <li>Sizes are the stored CRLF octets (RFC 1939 §11: the size as sent, before
 *       dot-stuffing).</li>
 *   <li>The unique-id (RFC 1939 §7 UIDL) of a message is {@code <UIDVALIDITY>.<UID>} of its
 *       mailbox: the store never reuses a UID within a UIDVALIDITY and UIDVALIDITY comes from
 *       one global counter, so the id is unique across folders and stays the same across
 *       sessions, restarts and upgrades (it changes only if the message moves to another
 *       mailbox, e.g. INBOX renamed, which is a new message to POP3 as to IMAP).</li>
 *   <li>Deleted and retrieved marks live here until QUIT; nothing is written before UPDATE,
 *       and UPDATE writes only real changes (\Seen not yet set, first downloads not yet
 *       recorded): a session that changed nothing commits nothing.</li>
 * </ul>
 */
public final class Maildrop {

    /** One message of the snapshot. */
    public record Entry(long mailboxId, long uid, long size, String uniqueId, String blobHash, boolean seen, boolean downloadedBefore) { }

    private final List<Entry> entries;
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();
    private final BitSet wholeByTop = new BitSet();
    private final long totalSize;

    private Maildrop(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        long t = 0;
        for (Entry e : entries) t += e.size();
        this.totalSize = t;
    }

    public static Maildrop load(MailStore store, Pop3Rows rows, long accountId, List<String> folders, int max) {
        List<MailboxInfo> boxes = new ArrayList<>();
        for (String f : folders) {
            try {
                MailboxInfo mb = store.mailbox(accountId, f);
                if (boxes.stream().noneMatch(b -> b.id() == mb.id())) boxes.add(mb);
            } catch (StoreException.NotFound e) {
                // a configured folder the user does not have: skipped
            }
        }
        Pop3Rows.Known known = rows.known(boxes.stream().map(MailboxInfo::id).toList());
        Set<Pop3Rows.MessageKey> hidden = known.hidden();
        List<Entry> entries = new ArrayList<>();
        for (MailboxInfo mb : boxes) {
            if (entries.size() >= max) break;
            for (MessageMeta m : store.messages(accountId, mb.id(), UidRange.ALL)) {
                if (entries.size() >= max) break;
                Pop3Rows.MessageKey key = new Pop3Rows.MessageKey(mb.id(), m.uid());
                if (hidden.contains(key)) continue;
                entries.add(new Entry(mb.id(), m.uid(), m.size(), mb.uidValidity() + "." + m.uid(), m.blobHash(),
                        m.flags().has(dev.surel.store.Flag.SEEN), known.downloaded().contains(key)));
            }
        }
        return new Maildrop(entries);
    }

    /** The number of messages in the snapshot, deleted ones included (the highest message number). */
    public int size() {
        return entries.size();
    }

    /** The entry of message {@code n}, or null when {@code n} names no message or a deleted one. */
    public Entry get(int n) {
        if (n < 1 || n > entries.size() || deleted.get(n - 1)) return null;
        return entries.get(n - 1);
    }

    public boolean exists(int n) {
        return n >= 1 && n <= entries.size();
    }

    public boolean isDeleted(int n) {
        return deleted.get(n - 1);
    }

    public void delete(int n) {
        deleted.set(n - 1);
    }

    /** RETR: \Seen and first download at QUIT. */
    public void retrieved(int n) {
        retrieved.set(n - 1);
    }

    /** A TOP that sent the whole message: first download at QUIT, no \Seen. */
    public void downloadedWhole(int n) {
        wholeByTop.set(n - 1);
    }

    /** RFC 1939 §5 RSET: unmarks every deleted message. */
    public void undeleteAll() {
        deleted.clear();
    }

    public int liveCount() {
        return entries.size() - deleted.cardinality();
    }

    public long liveSize() {
        long s = totalSize;
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) s -= entries.get(i).size();
        return s;
    }

    public List<Entry> deletedEntries() {
        List<Entry> out = new ArrayList<>();
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) out.add(entries.get(i));
        return out;
    }

    /** Messages sent whole (RETR, or TOP that covered all of it): their first download is recorded. */
    public List<Entry> downloadedEntries() {
        BitSet all = (BitSet) retrieved.clone();
        all.or(wholeByTop);
        List<Entry> out = new ArrayList<>();
        for (int i = all.nextSetBit(0); i >= 0; i = all.nextSetBit(i + 1)) out.add(entries.get(i));
        return out;
    }

    public List<Entry> retrievedEntries() {
        List<Entry> out = new ArrayList<>();
        for (int i = retrieved.nextSetBit(0); i >= 0; i = retrieved.nextSetBit(i + 1)) out.add(entries.get(i));
        return out;
    }
}
