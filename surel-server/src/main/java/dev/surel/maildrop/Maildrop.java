package dev.surel.maildrop;

import dev.surel.store.MailStore;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageList;
import dev.surel.store.StoreException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A user's maildrop as one POP3 session sees it: fixed at login (RFC 1939 §5: message numbers
 * do not change during a session; mail arriving later appears in the next session).
 *
 * <p>Invariants:
 * <ul>
 *   <li>Built from the store's compact listing of each configured folder (its in-memory
 *       index) and POP3's marks (kept in memory by {@link Pop3Rows}): never a query per message,
 *       and no object per message either: parallel arrays, so a 10,000-message maildrop logs in
 *       and answers STAT/LIST/UIDL from memory. An {@link Entry} is made when a command asks.</li>
 *   <li>Message {@code n} is position {@code n - 1} of the arrays; folders in configured order, each
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

    /** One message of the snapshot (made when a command asks for it; the snapshot keeps arrays). */
    public record Entry(long mailboxId, long uidValidity, long uid, long size, String blobHash) {
        /** RFC 1939 §7 unique-id: {@code <UIDVALIDITY>.<UID>} (see the invariants). */
        public String uniqueId() {
            return uidValidity + "." + uid;
        }
    }

    /** The mailboxes of the snapshot, in configured order, and the UIDVALIDITY of each. */
    private final long[] mailboxIds;
    private final long[] uidValidities;
    /** Per message (index {@code n - 1}): its mailbox (an index into the two arrays above), UID, size, blob hash. */
    private final int[] box;
    private final long[] uids;
    private final long[] sizes;
    private final byte[] hashes;
    private final BitSet seen;
    private final BitSet downloadedBefore;
    private final int count;
    private final BitSet deleted = new BitSet();
    private final BitSet retrieved = new BitSet();
    private final BitSet wholeByTop = new BitSet();
    private final long totalSize;

    private Maildrop(long[] mailboxIds, long[] uidValidities, int[] box, long[] uids, long[] sizes, byte[] hashes,
                     BitSet seen, BitSet downloadedBefore, int count) {
        this.mailboxIds = mailboxIds;
        this.uidValidities = uidValidities;
        this.box = box;
        this.uids = uids;
        this.sizes = sizes;
        this.hashes = hashes;
        this.seen = seen;
        this.downloadedBefore = downloadedBefore;
        this.count = count;
        long t = 0;
        for (int i = 0; i < count; i++) t += sizes[i];
        this.totalSize = t;
    }

    /**
     * The snapshot of the configured folders: each folder's messages from the store's compact
     * listing ({@link MailStore#list}, from its in-memory index) and the POP3 marks from
     * {@link Pop3Rows#marks} (kept in memory): no object and no database row per message.
     */
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
        Map<Long, MailboxMarks> marks = rows.marks(boxes.stream().map(MailboxInfo::id).toList());
        long[] mailboxIds = new long[boxes.size()];
        long[] uidValidities = new long[boxes.size()];
        int[] box = new int[0];
        long[] uids = new long[0];
        long[] sizes = new long[0];
        byte[] hashes = new byte[0];
        BitSet seen = new BitSet();
        BitSet downloaded = new BitSet();
        int n = 0;
        int b = 0;
        for (; b < boxes.size() && n < max; b++) {
            MailboxInfo mb = boxes.get(b);
            mailboxIds[b] = mb.id();
            uidValidities[b] = mb.uidValidity();
            MailboxMarks m = marks.getOrDefault(mb.id(), MailboxMarks.NONE);
            MessageList l = store.list(accountId, mb.id());
            long[] hidden = m.hidden();
            long[] down = m.downloaded();
            if (boxes.size() == 1 && hidden.length == 0 && l.size() <= max) { // the usual maildrop, INBOX alone: its listing as it is
                box = new int[l.size()];
                uids = l.uids();
                sizes = l.sizes();
                hashes = l.hashes();
                seen = l.seen();
                for (int i = 0, d = 0; i < l.size() && d < down.length; i++) { // both ascending: one walk
                    while (d < down.length && down[d] < uids[i]) d++;
                    if (d < down.length && down[d] == uids[i]) downloaded.set(i);
                }
                n = l.size();
                continue;
            }
            int capacity = (int) Math.min(max, (long) n + l.size());
            if (capacity > uids.length) {
                box = Arrays.copyOf(box, capacity);
                uids = Arrays.copyOf(uids, capacity);
                sizes = Arrays.copyOf(sizes, capacity);
                hashes = Arrays.copyOf(hashes, capacity * MessageList.HASH);
            }
            for (int i = 0, h = 0, d = 0; i < l.size() && n < max; i++) { // UIDs, hidden and downloaded all ascending: one walk
                long uid = l.uids()[i];
                while (h < hidden.length && hidden[h] < uid) h++;
                if (h < hidden.length && hidden[h] == uid) continue;
                box[n] = b;
                uids[n] = uid;
                sizes[n] = l.sizes()[i];
                System.arraycopy(l.hashes(), i * MessageList.HASH, hashes, n * MessageList.HASH, MessageList.HASH);
                if (l.seen().get(i)) seen.set(n);
                while (d < down.length && down[d] < uid) d++;
                if (d < down.length && down[d] == uid) downloaded.set(n);
                n++;
            }
        }
        return new Maildrop(Arrays.copyOf(mailboxIds, b), Arrays.copyOf(uidValidities, b), box, uids, sizes, hashes, seen, downloaded, n);
    }

    private Entry entry(int i) {
        int b = box[i];
        return new Entry(mailboxIds[b], uidValidities[b], uids[i], sizes[i], HEX.formatHex(hashes, i * MessageList.HASH, (i + 1) * MessageList.HASH));
    }

    private static final HexFormat HEX = HexFormat.of();

    /** The mailboxes of the snapshot. */
    public List<Long> mailboxIds() {
        return Arrays.stream(mailboxIds).boxed().toList();
    }

    /** The size of message {@code n} (deleted or not), RFC 1939 §11 octets. */
    public long sizeOf(int n) {
        return sizes[n - 1];
    }

    /** The UID of message {@code n} in its mailbox. */
    public long uidOf(int n) {
        return uids[n - 1];
    }

    /** The UIDVALIDITY of the mailbox of message {@code n}: its unique-id is {@code <UIDVALIDITY>.<UID>}. */
    public long uidValidityOf(int n) {
        return uidValidities[box[n - 1]];
    }

    /** The number of messages in the snapshot, deleted ones included (the highest message number). */
    public int size() {
        return count;
    }

    /** The entry of message {@code n}, or null when {@code n} names no message or a deleted one. */
    public Entry get(int n) {
        if (n < 1 || n > count || deleted.get(n - 1)) return null;
        return entry(n - 1);
    }

    public boolean exists(int n) {
        return n >= 1 && n <= count;
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
        return count - deleted.cardinality();
    }

    public long liveSize() {
        long s = totalSize;
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) s -= sizes[i];
        return s;
    }

    /** The messages marked deleted. */
    public List<Pop3Rows.MessageKey> deletedKeys() {
        return keys(deleted);
    }

    /** Messages RETRieved whose {@code \Seen} is not set yet: QUIT sets it. */
    public List<Pop3Rows.MessageKey> retrievedNotSeenKeys() {
        BitSet b = (BitSet) retrieved.clone();
        b.andNot(seen);
        return keys(b);
    }

    /** Messages sent whole (RETR, or TOP that covered all of it) whose first download is not recorded yet: QUIT records it. */
    public List<Pop3Rows.MessageKey> firstDownloadKeys() {
        BitSet b = (BitSet) retrieved.clone();
        b.or(wholeByTop);
        b.andNot(downloadedBefore);
        return keys(b);
    }

    private List<Pop3Rows.MessageKey> keys(BitSet set) {
        List<Pop3Rows.MessageKey> out = new ArrayList<>(set.cardinality());
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) out.add(new Pop3Rows.MessageKey(mailboxIds[box[i]], uids[i]));
        return out;
    }
}
