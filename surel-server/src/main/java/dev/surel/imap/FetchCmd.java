package dev.surel.imap;

import dev.surel.protocol.imap.BodySection;
import dev.surel.protocol.imap.FetchItem;
import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.imap.fetch.SectionSlice;
import dev.surel.protocol.mime.ByteRange;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.FlagUpdate;
import dev.surel.store.Flags;
import dev.surel.store.MessageItems;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * FETCH / UID FETCH (RFC 9051 §6.4.5, §7.5.2; RFC 3501 §6.4.5 for the RFC822 forms). Bodies
 * stream from the store as literals of their exact size, never held whole in memory. BODY[...]
 * (not PEEK), RFC822 and RFC822.TEXT set \Seen in a read-write mailbox, and the response then
 * carries FLAGS. A message another session expunged (not yet announced here) is skipped and the
 * command ends NO [EXPUNGEISSUED] (RFC 9051 §7.1). UID FETCH always returns UID. BINARY,
 * BINARY.PEEK and BINARY.SIZE (RFC 3516) send decoded content ({@link BinaryContent}); BINARY sets
 * \Seen like BODY; an encoding Surel cannot undo ends the command NO [UNKNOWN-CTE]. BODY[...],
 * RFC822* are ordinary literals and never carry NUL (RFC 9051 §4.3): a stored NUL goes out as
 * 0x80, as Dovecot does; only BINARY sends a literal8 with the NUL octets themselves.
 * RFC 7162: MODSEQ or CHANGEDSINCE turns CONDSTORE on; CHANGEDSINCE n keeps only messages with
 * a higher MODSEQ and implies MODSEQ; once CONDSTORE is on, FLAGS added because \Seen was set
 * come with MODSEQ; UID FETCH ... VANISHED (QRESYNC only) first sends VANISHED (EARLIER).
 * ENVELOPE, BODY and BODYSTRUCTURE are the bytes rendered at delivery ({@link MessageItems}), read a
 * chunk of messages per query ({@link Chunked}): no MIME structure is decoded for them.
 */
final class FetchCmd {
    private FetchCmd() { }

    /** date-time (RFC 9051 §9): the internal date in its own offset. */
    static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss xx", Locale.ENGLISH);

    // RFC 9051 §6.4.5
    static void run(ImapSession s, String tag, ImapCommand.Fetch c) throws IOException {
        SelectedMailbox sel = s.selected();
        if (c.vanished() && !s.qresync()) {
            s.out().bad(tag, "VANISHED needs ENABLE QRESYNC"); // RFC 7162 §3.2.6
            return;
        }
        List<Long> uids = Sequences.resolve(s, tag, c.uid(), c.set());
        if (uids == null) return;
        List<FetchItem> items = new ArrayList<>(c.items());
        if (c.uid() && items.stream().noneMatch(i -> i instanceof FetchItem.Uid)) items.addFirst(new FetchItem.Uid());
        boolean setsSeen = !sel.readOnly() && items.stream().anyMatch(FetchCmd::setsSeen);
        boolean modseqAsked = items.stream().anyMatch(i -> i instanceof FetchItem.Modseq);
        if (modseqAsked || c.changedSince() >= 0) s.enableCondstore(); // RFC 7162 §3.1
        if (!modseqAsked && (c.changedSince() >= 0 || (setsSeen && s.condstore()))) items.add(new FetchItem.Modseq());
        long mailbox = sel.mailboxId();
        // the plain case reads the metadata a chunk at a time like the rest (FETCH 1:* of a large
        // mailbox holds one chunk); CHANGEDSINCE and \Seen-setting fetches need all of it first
        boolean chunkedMetas = c.changedSince() < 0 && !setsSeen;
        Map<Long, MessageMeta> metas = new HashMap<>();
        if (!chunkedMetas) for (MessageMeta m : s.store().fetch(s.account(), mailbox, uids)) metas.put(m.uid(), m);
        if (c.changedSince() >= 0) uids = changedOnly(uids, metas, c.changedSince());
        if (c.vanished()) VanishedUids.writeForUidFetch(s, c.set(), c.changedSince());
        if (setsSeen) {
            List<Long> unseen = metas.values().stream().filter(m -> !m.flags().has(Flag.SEEN)).map(MessageMeta::uid).toList();
            if (!unseen.isEmpty()) {
                FlagUpdate u = s.store().updateFlags(s.account(), sel.mailboxId(), unseen, FlagOp.ADD, Flags.of(Flag.SEEN), -1);
                for (MessageMeta m : u.changed()) {
                    metas.put(m.uid(), m);
                    sel.told(m.uid(), m.flags(), m.modseq());
                }
            } else {
                setsSeen = false;
            }
        }
        boolean expunged = false;
        List<Long> order = uids;
        Chunked<MessageMeta> metaChunks = new Chunked<>(order, part -> byUid(s.store().fetch(s.account(), mailbox, part)), uid -> null);
        Chunked<MessageStructure> structures = new Chunked<>(order,
                part -> s.store().structures(s.account(), mailbox, part), uid -> s.store().structure(s.account(), mailbox, uid));
        // what every message's response holds, decided once for the command
        boolean flagsAsked = false;
        boolean streams = false;
        boolean binaries = false;
        java.util.Set<MessageItems.Part> parts = java.util.EnumSet.noneOf(MessageItems.Part.class);
        for (FetchItem i : items) {
            if (i instanceof FetchItem.Envelope) parts.add(MessageItems.Part.ENVELOPE);
            if (i instanceof FetchItem.Structure) parts.add(MessageItems.Part.STRUCTURE);
            flagsAsked |= i instanceof FetchItem.Flags;
            streams |= i instanceof FetchItem.Body || i instanceof FetchItem.Rfc822 || i instanceof FetchItem.Binary;
            binaries |= i instanceof FetchItem.Binary || i instanceof FetchItem.BinarySize;
        }
        Chunked<MessageItems> prepared = new Chunked<>(order, part -> s.store().items(s.account(), mailbox, part, parts), uid -> null);
        boolean withFlags = setsSeen && !flagsAsked;
        List<FetchItem> all = items;
        if (withFlags) {
            all = new ArrayList<>(items);
            all.add(new FetchItem.Flags());
        }
        // Responses without a streamed literal collect in one builder and go out BATCH octets at a
        // time (one lock and one copy into the connection's buffer per batch, not per message); a
        // message whose response fails half-built is cut off, the whole ones before it still go out.
        ResponseBuilder b = new ResponseBuilder();
        for (int n = 0; n < order.size(); n++) {
            long uid = order.get(n);
            MessageMeta m = chunkedMetas ? metaChunks.get(n) : metas.get(uid);
            if (m == null) {
                expunged = true;
                continue;
            }
            int whole = b.size();
            try {
                int at = n;
                one(s, b, sel.seqOf(uid), m, all, binaries, () -> structures.get(at), () -> prepared.get(at));
            } catch (BinaryContent.UnknownCte e) {
                b.truncate(Math.min(whole, b.size())); // (resolved before the message's first octet: nothing of it is built)
                s.out().write(b);
                s.no(tag, "UNKNOWN-CTE", "Cannot decode the part's Content-Transfer-Encoding"); // RFC 3516 §4.3
                return;
            } catch (IOException | RuntimeException | Error e) {
                // a streaming response wrote and emptied the builder itself: nothing of it is left here
                if (!streams && b.size() >= whole) {
                    b.truncate(whole);
                    s.out().write(b);
                }
                throw e;
            }
            if (streams || b.size() >= BATCH) {
                s.out().write(b);
                b.reset();
            }
            // the client now knows these flags: no unsolicited FETCH repeats them (the same MODSEQ)
            if (withFlags || flagsAsked) sel.told(uid, m.flags(), m.modseq());
        }
        s.out().write(b);
        if (expunged) s.no(tag, "EXPUNGEISSUED", "Some messages were expunged");
        else s.ok(tag, "FETCH completed");
    }

    /** Octets of whole responses collected before they go to the connection. */
    static final int BATCH = 32 * 1024;

    private static Map<Long, MessageMeta> byUid(List<MessageMeta> metas) {
        Map<Long, MessageMeta> out = new HashMap<>(metas.size() * 2);
        for (MessageMeta m : metas) out.put(m.uid(), m);
        return out;
    }

    /** RFC 7162 §3.1.4.1 CHANGEDSINCE: only messages with a higher MODSEQ (and expunged ones, for EXPUNGEISSUED). */
    private static List<Long> changedOnly(List<Long> uids, Map<Long, MessageMeta> metas, long changedSince) {
        List<Long> keep = new ArrayList<>();
        for (long uid : uids) {
            MessageMeta m = metas.get(uid);
            if (m == null || m.modseq() > changedSince) keep.add(uid);
            else metas.remove(uid);
        }
        return keep;
    }

    private static boolean setsSeen(FetchItem i) {
        return switch (i) {
            case FetchItem.Body b -> !b.peek();
            case FetchItem.Rfc822 r -> r.part() != FetchItem.Rfc822Part.HEADER;
            case FetchItem.Binary bin -> !bin.peek();
            default -> false;
        };
    }

    /**
     * One message's response. {@code structures} gives its decoded MIME structure (only BODY[section],
     * BINARY and the fallbacks below ask for it), {@code prepared} its stored {@link MessageItems}:
     * ENVELOPE, BODY and BODYSTRUCTURE send those bytes as they are (rendered at delivery, issue 16)
     * and fall back to rendering the structure only for a message without them.
     */
    private static void one(ImapSession s, ResponseBuilder b, int seq, MessageMeta m, List<FetchItem> all, boolean binaryItems,
                            java.util.function.Supplier<MessageStructure> structures,
                            java.util.function.Supplier<MessageItems> prepared) throws IOException {
        SelectedMailbox sel = s.selected();
        MessageStructure[] structure = new MessageStructure[1];
        java.util.function.Supplier<MessageStructure> st = () -> {
            if (structure[0] == null) structure[0] = structures.get();
            return structure[0];
        };
        // resolved before anything of the message is built: an unknown encoding leaves no trace
        Map<List<Integer>, java.util.Optional<BinaryContent.Source>> binaries = binaryItems ? binarySources(all, st) : Map.of();
        b.raw("* ").number(seq).raw(" FETCH (");
        boolean first = true;
        for (FetchItem item : all) {
            if (!first) b.sp();
            first = false;
            switch (item) {
                case FetchItem.Uid u -> b.raw("UID ").number(m.uid());
                case FetchItem.Flags f -> b.raw("FLAGS ").raw(s.flagList(m.flags(), sel.recent(m.uid())));
                case FetchItem.InternalDate d -> b.raw("INTERNALDATE \"" + INTERNALDATE.format(m.internalDate()) + "\"");
                case FetchItem.Rfc822Size z -> b.raw("RFC822.SIZE ").number(m.size());
                case FetchItem.Envelope e -> {
                    b.raw("ENVELOPE ");
                    MessageItems p = prepared.get();
                    if (p != null) b.rendered(p.fetch().envelope(s.utf8Accept()));
                    else b.value(FetchContent.envelope(st.get(), s.utf8Accept()));
                }
                case FetchItem.Structure x -> {
                    b.raw(x.extensible() ? "BODYSTRUCTURE " : "BODY ");
                    MessageItems p = prepared.get();
                    if (p != null) b.rendered(p.fetch().structure(x.extensible()));
                    else b.value(FetchContent.structure(st.get(), x.extensible()));
                }
                case FetchItem.Rfc822 r -> {
                    BodySection sec = switch (r.part()) {
                        case WHOLE -> BodySection.whole();
                        case HEADER -> new BodySection(List.of(), BodySection.Kind.HEADER, List.of(), null);
                        case TEXT -> new BodySection(List.of(), BodySection.Kind.TEXT, List.of(), null);
                    };
                    b.raw(switch (r.part()) {
                        case WHOLE -> "RFC822 ";
                        case HEADER -> "RFC822.HEADER ";
                        case TEXT -> "RFC822.TEXT ";
                    });
                    section(s, b, m, sec, r.part() == FetchItem.Rfc822Part.WHOLE ? null : st);
                }
                case FetchItem.Body body -> {
                    b.raw("BODY[");
                    sectionSpec(b, body.section());
                    b.raw("]");
                    if (body.section().partial() != null) b.raw("<" + body.section().partial().offset() + ">");
                    b.sp();
                    section(s, b, m, body.section(), body.section().path().isEmpty()
                            && body.section().kind() == BodySection.Kind.CONTENT ? null : st);
                }
                case FetchItem.Modseq ms -> b.raw("MODSEQ (").number(m.modseq()).raw(")");
                case FetchItem.Binary bin -> {
                    b.raw("BINARY[" + partPath(bin.section().path()) + "]");
                    if (bin.section().partial() != null) b.raw("<" + bin.section().partial().offset() + ">");
                    b.sp();
                    binary(s, b, m, binaries.get(bin.section().path()), bin.section().partial());
                }
                case FetchItem.BinarySize z -> {
                    b.raw("BINARY.SIZE[" + partPath(z.path()) + "] ");
                    var src = binaries.get(z.path());
                    if (src.isEmpty()) {
                        b.raw("NIL");
                    } else if (z.path().isEmpty()) {
                        b.number(m.size());
                    } else {
                        try (InputStream in = BinaryContent.open(s.store(), s.account(), sel.mailboxId(), m.uid(), src.get())) {
                            b.number(BinaryContent.scan(in, 0, 0).size());
                        }
                    }
                }
            }
        }
        b.raw(")").crlf();
    }

    /**
     * The sources of the message's BINARY / BINARY.SIZE items by part path, resolved before
     * anything of the message is written: an unknown encoding throws {@link BinaryContent.UnknownCte}.
     */
    private static Map<List<Integer>, java.util.Optional<BinaryContent.Source>> binarySources(
            List<FetchItem> items, java.util.function.Supplier<MessageStructure> st) {
        Map<List<Integer>, java.util.Optional<BinaryContent.Source>> out = new HashMap<>();
        for (FetchItem i : items) {
            List<Integer> path = switch (i) {
                case FetchItem.Binary bin -> bin.section().path();
                case FetchItem.BinarySize z -> z.path();
                default -> null;
            };
            if (path != null && !out.containsKey(path)) out.put(path, BinaryContent.source(st.get(), path));
        }
        return out;
    }

    private static String partPath(List<Integer> path) {
        StringBuilder p = new StringBuilder();
        for (int n : path) {
            if (!p.isEmpty()) p.append('.');
            p.append(n);
        }
        return p.toString();
    }

    /**
     * RFC 3516 §4.2: the decoded part as a literal8 {@code ~{n}} when the octets sent hold NUL,
     * else as a plain literal; NIL for a part the message does not have.
     */
    private static void binary(ImapSession s, ResponseBuilder b, MessageMeta m, java.util.Optional<BinaryContent.Source> src,
                               BodySection.Partial partial) throws IOException {
        if (src.isEmpty()) {
            b.raw("NIL");
            return;
        }
        long mailbox = s.selected().mailboxId();
        BinaryContent.Scan scan;
        ByteRange slice;
        if (partial == null) {
            try (InputStream in = BinaryContent.open(s.store(), s.account(), mailbox, m.uid(), src.get())) {
                scan = BinaryContent.scan(in, 0, Long.MAX_VALUE);
            }
            slice = new ByteRange(0, scan.size());
        } else {
            long size;
            try (InputStream in = BinaryContent.open(s.store(), s.account(), mailbox, m.uid(), src.get())) {
                size = BinaryContent.scan(in, 0, 0).size();
            }
            slice = BinaryContent.slice(size, partial);
            try (InputStream in = BinaryContent.open(s.store(), s.account(), mailbox, m.uid(), src.get())) {
                scan = BinaryContent.scan(in, slice.start(), slice.end());
            }
        }
        try (InputStream in = BinaryContent.open(s.store(), s.account(), mailbox, m.uid(), src.get())) {
            skip(in, slice.start());
            if (scan.nulInSlice()) b.raw("~");
            b.literalHeader(slice.length());
            s.out().write(b);
            s.out().copy(in, slice.length());
        }
        b.reset();
    }

    private static void sectionSpec(ResponseBuilder b, BodySection sec) {
        StringBuilder p = new StringBuilder();
        for (int n : sec.path()) {
            if (!p.isEmpty()) p.append('.');
            p.append(n);
        }
        String kind = switch (sec.kind()) {
            case CONTENT -> "";
            case MIME -> "MIME";
            case HEADER -> "HEADER";
            case HEADER_FIELDS -> "HEADER.FIELDS";
            case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
            case TEXT -> "TEXT";
        };
        if (!p.isEmpty() && !kind.isEmpty()) p.append('.');
        p.append(kind);
        b.raw(p.toString());
        if (!sec.fieldNames().isEmpty()) {
            b.raw(" (");
            boolean first = true;
            for (String n : sec.fieldNames()) {
                if (!first) b.sp();
                first = false;
                b.string(n.toUpperCase(Locale.ROOT));
            }
            b.raw(")");
        }
    }

    /**
     * Writes a section as a literal, streaming its bytes: what was built so far goes out first.
     * {@code st} null means the whole message (no structure needed).
     */
    private static void section(ImapSession s, ResponseBuilder b, MessageMeta m, BodySection sec,
                                java.util.function.Supplier<MessageStructure> st) throws IOException {
        long mailbox = s.selected().mailboxId();
        BodySection.Partial partial = sec.partial();
        SectionSlice what = st == null
                ? new SectionSlice.Stored(partial == null ? new ByteRange(0, m.size()) : new ByteRange(0, m.size()).partial(partial.offset(), partial.count()))
                : FetchContent.section(st.get(), sec, r -> readRange(s, mailbox, m.uid(), r));
        switch (what) {
            case SectionSlice.Missing x -> {
                b.raw("\"\"");
                s.out().write(b);
            }
            case SectionSlice.Computed made -> {
                byte[] bytes = Responder.withoutNul(made.bytes().clone());
                b.literalHeader(bytes.length);
                s.out().write(b);
                s.out().write(bytes);
            }
            case SectionSlice.Stored r -> {
                ByteRange range = r.range();
                // opened before the literal announces its size: a failure here is still a clean NO.
                // By its hash and size (the metadata has them): no query, no stat; the session's lease (ImapSession.login)
                // keeps the blob of a message expunged since it was read.
                try (SizedStream in = s.store().openContent(m.blobHash(), m.size())) {
                    skip(in.in(), range.start());
                    b.literalHeader(range.length());
                    s.out().write(b);
                    s.out().copyWithoutNul(in.in(), range.length());
                }
            }
        }
        b.reset();
    }

    private static byte[] readRange(ImapSession s, long mailbox, long uid, ByteRange r) {
        try (SizedStream in = s.store().open(s.account(), mailbox, uid)) {
            skip(in.in(), r.start());
            return in.in().readNBytes((int) Math.min(r.length(), 1 << 20));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) throw new IOException("message shorter than expected");
                k = 1;
            }
            left -= k;
        }
    }
}
