package dev.surel.imap.search;

import dev.surel.protocol.imap.search.HeaderSearchTexts;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded {@link HeaderSearchTexts} by blob hash, shared by every IMAP session of a server, so
 * that SEARCH SUBJECT / FROM / TO / CC / BCC (RFC 9051 §6.4.4) over a mailbox already searched
 * neither reads the stored texts from the store nor decodes them again (issue 16: decoding them
 * per message was 7 % of the mixed load's CPU, reading them 8 %).
 *
 * <p>A blob is content-addressed and immutable, and its texts are a pure function of its content,
 * so an entry is never stale: nothing needs invalidating when messages are copied, flagged or
 * expunged, and mailboxes (and accounts) sharing a blob share the entry. Copies answer the same.
 *
 * <p>Bounded by an estimate of the bytes held, in two generations: entries go into the young one;
 * when it passes half the budget it becomes the old one and the former old one is dropped; a hit
 * in the old generation moves the entry back into the young one. So the texts of mailboxes being
 * searched stay, the rest ages out, and no lock is taken on a read (a race between two sessions
 * at a generation change at worst drops an entry, which is then read from the store again).
 */
public final class SearchTextCache {

    /** Per entry besides its texts: map node, key string, the texts' map and lists. */
    private static final long ENTRY_OVERHEAD = 320;

    private final long generationBytes;
    private volatile Generation young = new Generation();
    private volatile Generation old = new Generation();

    private static final class Generation {
        final ConcurrentHashMap<String, HeaderSearchTexts> map = new ConcurrentHashMap<>();
        final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    }

    /** @param budgetBytes about how much the cached texts may hold in all (0: cache nothing) */
    public SearchTextCache(long budgetBytes) {
        this.generationBytes = Math.max(0, budgetBytes / 2);
    }

    /** A cache of 1/32 of the heap, at most 32 MiB (about 100,000 messages' texts). */
    public static SearchTextCache sizedByHeap() {
        return new SearchTextCache(Math.min(32L << 20, Runtime.getRuntime().maxMemory() / 32));
    }

    /** The texts of the blob with this hash, or null when not cached. */
    public HeaderSearchTexts get(String blobHash) {
        HeaderSearchTexts t = young.map.get(blobHash);
        if (t != null) return t;
        t = old.map.get(blobHash);
        if (t != null) put(blobHash, t);
        return t;
    }

    /** Remembers the texts of the blob with this hash. */
    public void put(String blobHash, HeaderSearchTexts texts) {
        long size = ENTRY_OVERHEAD + 2L * blobHash.length() + texts.approximateBytes();
        if (size > generationBytes) return;
        Generation g = young;
        if (g.map.put(blobHash, texts) == null && g.bytes.addAndGet(size) > generationBytes) {
            synchronized (this) {
                if (young == g) {
                    old = g;
                    young = new Generation();
                }
            }
        }
    }

    /** Entries held (both generations; an entry in both counts twice). For tests. */
    int size() {
        return young.map.size() + old.map.size();
    }
}
