package dev.surel.imap;

import dev.surel.protocol.mime.MessageStructure;
import dev.surel.store.MailStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The MIME structures of a command's messages (FETCH ENVELOPE/BODYSTRUCTURE, SEARCH on headers),
 * read from the store a chunk of {@link #CHUNK} UIDs at a time with
 * {@link MailStore#structures} instead of one query per message. A chunk is read only when one
 * of its messages first needs its structure (a flags-only SEARCH reads none), and only the
 * current chunk is held, so memory stays bounded whatever the mailbox size. A message missing
 * from its chunk (expunged by another session meanwhile) is asked of {@link MailStore#structure}
 * alone, which then answers as it always did. One instance per command; not thread-safe.
 */
final class ChunkedStructures {
    /** UIDs read per store call. */
    static final int CHUNK = 500;

    private final MailStore store;
    private final long account;
    private final long mailbox;
    private final List<Long> uids;
    private final Map<Long, Integer> positions = new HashMap<>();
    private int loadedChunk = -1;
    private Map<Long, MessageStructure> loaded = Map.of();

    /** @param uids the command's messages in the order it visits them */
    ChunkedStructures(MailStore store, long account, long mailbox, List<Long> uids) {
        this.store = store;
        this.account = account;
        this.mailbox = mailbox;
        this.uids = uids;
        for (int i = 0; i < uids.size(); i++) positions.putIfAbsent(uids.get(i), i);
    }

    MessageStructure get(long uid) {
        Integer at = positions.get(uid);
        if (at == null) return store.structure(account, mailbox, uid);
        int chunk = at / CHUNK;
        if (chunk != loadedChunk) {
            loaded = Map.of(); // the previous chunk can go before the next is read
            List<Long> part = uids.subList(chunk * CHUNK, Math.min(uids.size(), (chunk + 1) * CHUNK));
            loaded = store.structures(account, mailbox, part);
            loadedChunk = chunk;
        }
        MessageStructure st = loaded.get(uid);
        return st != null ? st : store.structure(account, mailbox, uid);
    }
}
