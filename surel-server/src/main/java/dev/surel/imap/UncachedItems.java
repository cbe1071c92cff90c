package dev.surel.imap;

import dev.surel.imap.search.SearchTextCache;
import dev.surel.store.MessageItems;
import dev.surel.store.MessageMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The stored {@link MessageItems} a SEARCH reads for its address and subject keys, for the
 * messages whose texts the server's {@link SearchTextCache} lacks: which those are is worked out
 * when the first is asked for, then they are read a chunk of them at a time ({@link Chunked}).
 * So one new message in a mailbox whose texts are cached costs one row, not a chunk of 500.
 * A message asked for that was cached then (evicted since) is read alone. One instance per
 * command; not thread-safe.
 */
final class UncachedItems {
    private final List<MessageMeta> metas;
    private final SearchTextCache cache;
    private final Function<List<Long>, Map<Long, MessageItems>> batch;
    private final LongFunction<MessageItems> single;
    private List<Long> uncached;
    private Chunked<MessageItems> chunked;

    /** @param metas the command's messages, ascending UID */
    UncachedItems(List<MessageMeta> metas, SearchTextCache cache,
                  Function<List<Long>, Map<Long, MessageItems>> batch, LongFunction<MessageItems> single) {
        this.metas = metas;
        this.cache = cache;
        this.batch = batch;
        this.single = single;
    }

    /** The stored items of the message {@code uid} (null: it has none). */
    MessageItems get(long uid) {
        if (uncached == null) {
            uncached = new ArrayList<>();
            for (MessageMeta m : metas) {
                if (cache.get(m.blobHash()) == null) uncached.add(m.uid());
            }
            chunked = new Chunked<>(uncached, batch, single);
        }
        int i = Collections.binarySearch(uncached, uid);
        return i >= 0 ? chunked.get(i) : single.apply(uid);
    }
}
