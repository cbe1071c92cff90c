package dev.surel.imap;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Per-message data of a command's messages (MIME structures, {@link dev.surel.store.MessageItems})
 * read from the store a chunk of {@link #CHUNK} UIDs at a time with one batch call instead of one
 * query per message. A chunk is read only when one of its messages first needs it (a flags-only
 * SEARCH reads none), and only the current chunk is held, so memory stays bounded whatever the
 * mailbox size. Messages are asked for by their index in the command's order (no map of all
 * UIDs is kept). A message missing from its chunk (expunged and purged meanwhile) is asked of
 * {@code single}, which then answers as the store always did. One instance per command; not
 * thread-safe.
 */
final class Chunked<T> {
    /** UIDs read per store call. */
    static final int CHUNK = 500;

    private final List<Long> uids;
    private final Function<List<Long>, Map<Long, T>> batch;
    private final LongFunction<T> single;
    private int loadedChunk = -1;
    private Map<Long, T> loaded = Map.of();

    /**
     * @param uids   the command's messages in the order it visits them
     * @param batch  reads the data of a chunk of UIDs (absent: no such message)
     * @param single the data of one message absent from its chunk
     */
    Chunked(List<Long> uids, Function<List<Long>, Map<Long, T>> batch, LongFunction<T> single) {
        this.uids = uids;
        this.batch = batch;
        this.single = single;
    }

    /** The data of the message at {@code index} in the command's order. */
    T get(int index) {
        long uid = uids.get(index);
        int chunk = index / CHUNK;
        if (chunk != loadedChunk) {
            loaded = Map.of(); // the previous chunk can go before the next is read
            loaded = batch.apply(uids.subList(chunk * CHUNK, Math.min(uids.size(), (chunk + 1) * CHUNK)));
            loadedChunk = chunk;
        }
        T v = loaded.get(uid);
        return v != null ? v : single.apply(uid);
    }
}
