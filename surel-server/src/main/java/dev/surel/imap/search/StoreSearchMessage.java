package dev.surel.imap.search;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.HeaderSearchTexts;
import dev.surel.protocol.imap.search.MessageTexts;
import dev.surel.protocol.imap.search.SearchableMessage;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.Flag;
import dev.surel.store.MailStore;
import dev.surel.store.MessageItems;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;

/**
 * A stored message as SEARCH sees it (RFC 9051 §6.4.4). Flags, UID, size and internal date come
 * from the {@link MessageMeta} the session already has; the address and subject keys read the
 * stored {@link MessageItems} search texts (from the server's {@link SearchTextCache} when there); the other header keys the header alone, asked of the
 * store on first need; the structure and the bytes only for BODY / TEXT keys, once.
 * One instance per message per SEARCH; not thread-safe.
 */
public final class StoreSearchMessage implements SearchableMessage {

    private final MailStore store;
    private final long accountId;
    private final MessageMeta meta;
    private final long seq;
    private final boolean recent;
    private final MimeSettings mime;
    private final Sources sources;
    private MessageStructure structure;
    private HeaderFields header;
    private List<String> bodies;

    /**
     * Where a message's stored data comes from, by UID (a SEARCH over many messages reads them in
     * batches); each asked at most once per message, on first need.
     *
     * @param structure its MIME structure (BODY / TEXT keys)
     * @param header    its top-level header alone (HEADER, TEXT, SENT* keys)
     * @param items     its stored {@link MessageItems}, null when it has none (SUBJECT / FROM / TO /
     *                  CC / BCC then read the header)
     * @param texts     decoded search texts by blob hash, asked before {@code items}; null: none
     */
    public record Sources(java.util.function.LongFunction<MessageStructure> structure,
                          java.util.function.LongFunction<HeaderFields> header,
                          java.util.function.LongFunction<MessageItems> items,
                          SearchTextCache texts) {

        public Sources(java.util.function.LongFunction<MessageStructure> structure,
                       java.util.function.LongFunction<HeaderFields> header,
                       java.util.function.LongFunction<MessageItems> items) {
            this(structure, header, items, null);
        }

        /** Each asked of the store for this one message. */
        public static Sources single(MailStore store, long accountId, long mailboxId) {
            return new Sources(uid -> store.structure(accountId, mailboxId, uid),
                    uid -> store.structure(accountId, mailboxId, uid).header(),
                    uid -> store.items(accountId, mailboxId, List.of(uid)).get(uid));
        }
    }

    /**
     * @param seq    the message's sequence number in the session
     * @param recent the session's \Recent for it (IMAP4rev1)
     */
    public StoreSearchMessage(MailStore store, long accountId, MessageMeta meta, long seq, boolean recent, MimeSettings mime) {
        this(store, accountId, meta, seq, recent, mime, Sources.single(store, accountId, meta.mailboxId()));
    }

    public StoreSearchMessage(MailStore store, long accountId, MessageMeta meta, long seq, boolean recent, MimeSettings mime,
                              Sources sources) {
        this.sources = sources;
        this.store = store;
        this.accountId = accountId;
        this.meta = meta;
        this.seq = seq;
        this.recent = recent;
        this.mime = mime;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public long uid() {
        return meta.uid();
    }

    @Override
    public long modseq() {
        return meta.modseq();
    }

    @Override
    public boolean flag(SearchKey.SystemFlag flag) {
        return switch (flag) {
            case ANSWERED -> meta.flags().has(Flag.ANSWERED);
            case DELETED -> meta.flags().has(Flag.DELETED);
            case DRAFT -> meta.flags().has(Flag.DRAFT);
            case FLAGGED -> meta.flags().has(Flag.FLAGGED);
            case SEEN -> meta.flags().has(Flag.SEEN);
            case RECENT -> recent;
        };
    }

    @Override
    public Collection<String> keywords() {
        return meta.flags().keywords();
    }

    @Override
    public long size() {
        return meta.size();
    }

    @Override
    public OffsetDateTime internalDate() {
        return meta.internalDate();
    }

    /** The stored search texts (RFC 9051 §6.4.4 address and subject keys); null when absent or unreadable. */
    @Override
    public HeaderSearchTexts searchTexts() {
        SearchTextCache cache = sources.texts();
        HeaderSearchTexts t = cache == null ? null : cache.get(meta.blobHash());
        if (t != null) return t;
        MessageItems i = sources.items().apply(meta.uid());
        if (i == null) return null;
        try {
            t = HeaderSearchTexts.decode(i.searchTexts());
        } catch (IOException e) {
            return null; // the evaluator reads the header instead
        }
        if (cache != null) cache.put(meta.blobHash(), t);
        return t;
    }

    private MessageStructure structure() {
        if (structure == null) {
            structure = sources.structure().apply(meta.uid());
        }
        return structure;
    }

    /** The header alone, unless the whole structure is already here. */
    @Override
    public HeaderFields header() {
        if (header == null) {
            header = structure != null ? structure.header() : sources.header().apply(meta.uid());
        }
        return header;
    }

    @Override
    public List<String> bodyTexts() throws IOException {
        if (bodies == null) {
            try (SizedStream s = store.open(accountId, meta.mailboxId(), meta.uid())) {
                bodies = MessageTexts.bodyTexts(s.in(), structure(), mime);
            }
        }
        return bodies;
    }
}
