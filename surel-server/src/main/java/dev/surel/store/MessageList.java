package dev.surel.store;

import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;

/**
 * Every live message of one mailbox as parallel arrays, ascending UID: what a listing of a whole
 * mailbox needs (the POP3 maildrop: RFC 1939 §5 LIST sizes, §7 UIDL ids, the blob to RETR) with
 * no object per message. A copy: the caller owns the arrays.
 *
 * @param uids   ascending
 * @param sizes  octets of the stored, CRLF-canonical message (as {@link MessageMeta#size()})
 * @param seen   bit {@code i}: message {@code i} has {@code \Seen}
 * @param hashes the SHA-256 blob hash of message {@code i} at {@code [32 i, 32 i + 32)}
 */
public record MessageList(long[] uids, long[] sizes, BitSet seen, byte[] hashes) {
    /** Octets of one SHA-256 blob hash. */
    public static final int HASH = 32;
    private static final HexFormat HEX = HexFormat.of();

    public int size() {
        return uids.length;
    }

    /** The blob hash of message {@code i} in hex, as {@link MessageMeta#blobHash()}. */
    public String blobHash(int i) {
        return HEX.formatHex(hashes, i * HASH, (i + 1) * HASH);
    }

    /** The same listing built from metadata rows (ascending UID): for stores that keep no index. */
    public static MessageList of(List<MessageMeta> rows) {
        int n = rows.size();
        long[] uids = new long[n];
        long[] sizes = new long[n];
        BitSet seen = new BitSet(n);
        byte[] hashes = new byte[n * HASH];
        for (int i = 0; i < n; i++) {
            MessageMeta m = rows.get(i);
            uids[i] = m.uid();
            sizes[i] = m.size();
            if (m.flags().has(Flag.SEEN)) seen.set(i);
            byte[] h = HEX.parseHex(m.blobHash());
            if (h.length != HASH) throw new IllegalArgumentException("not a SHA-256 blob hash: " + m.blobHash());
            System.arraycopy(h, 0, hashes, i * HASH, HASH);
        }
        return new MessageList(uids, sizes, seen, hashes);
    }
}
