package dev.surel.transfer;

import dev.surel.protocol.imap.names.ModifiedUtf7;
import dev.surel.protocol.mime.Envelope;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.store.Flags;
import dev.surel.store.SpecialUse;
import dev.surel.transfer.ImapWire.Atom;
import dev.surel.transfer.ImapWire.FileLiteral;
import dev.surel.transfer.ImapWire.ListValue;
import dev.surel.transfer.ImapWire.Nil;
import dev.surel.transfer.ImapWire.Response;
import dev.surel.transfer.ImapWire.Str;
import dev.surel.transfer.ImapWire.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * A mailbox on another IMAP server, read with {@link ImapPeer}: every selectable folder of
 * {@code LIST "" "*"} (RFC 9051 §6.3.9) with its RFC 6154 special use, the personal namespace's
 * prefix (RFC 2342, e.g. Courier's "INBOX.") taken off and the server's delimiter made "/". Each
 * folder is opened read-only (EXAMINE) and read in two passes of bounded batches: first
 * {@code UID RFC822.SIZE INTERNALDATE FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]} of
 * {@link #META_BATCH} messages, which gives each message's {@link MessageKey} without its body;
 * then {@code BODY.PEEK[]} (RFC 9051 §6.4.5: \Seen is not set) of those not yet in Surel, whose
 * literals stream from the socket to temp files. The octets are kept exactly as the server sends
 * them, with its internal date and flags (keywords included; \Recent is the server's and dropped).
 */
final class ImapSource implements Source {

    static final int META_BATCH = 500;
    static final int BODY_BATCH = 100;
    static final long BODY_BATCH_BYTES = 16L << 20;
    private static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("d-MMM-yyyy HH:mm:ss Z", Locale.ENGLISH);

    private final ImapUrl url;
    private final char[] password;
    private final SSLContext tls;
    private final boolean verifyName;
    private final Staging staging;
    private final long maxSize;
    private ImapPeer peer;

    ImapSource(ImapUrl url, char[] password, SSLContext tls, boolean verifyName, Staging staging, long maxSize) {
        this.url = url;
        this.password = password;
        this.tls = tls;
        this.verifyName = verifyName;
        this.staging = staging;
        this.maxSize = maxSize;
    }

    private ImapPeer peer() throws IOException {
        if (peer == null) {
            ImapPeer p = ImapPeer.connect(url, tls, verifyName, 120_000);
            try {
                p.login(url.login(), password);
            } catch (ImapPeer.CommandFailed e) {
                p.close();
                throw TransferException.loginRefused("login as " + url.login() + " at " + url.host() + " refused: " + e.getMessage());
            } catch (IOException | RuntimeException e) {
                p.close();
                throw e;
            }
            peer = p;
        }
        return peer;
    }

    @Override
    public List<Folder> folders() throws IOException {
        ImapPeer p = peer();
        String prefix = personalPrefix(p);
        record Listed(List<String> attributes, String delimiter, String wire) { }
        List<Listed> listed = new ArrayList<>();
        p.run("LIST \"\" \"*\"", r -> {
            if (!r.isData("LIST") || r.data().size() < 4) return;
            List<String> attrs = ImapPeer.items(r.data().get(1)).stream().map(Value::text).toList();
            Value d = r.data().get(2);
            String delim = d instanceof Nil ? null : d.text();
            listed.add(new Listed(attrs, delim, r.data().get(3).text()));
        });
        List<Folder> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Listed l : listed) {
            if (l.attributes().stream().anyMatch(a -> a.equalsIgnoreCase("\\Noselect") || a.equalsIgnoreCase("\\NonExistent"))) continue;
            String name = surelName(l.wire(), l.delimiter(), prefix);
            if (!seen.add(name.toLowerCase(Locale.ROOT))) continue;
            SpecialUse use = null;
            for (String a : l.attributes()) {
                try {
                    SpecialUse u = SpecialUse.fromAttribute(a);
                    if (u != null) use = u;
                } catch (IllegalArgumentException e) {
                    // not a special-use attribute
                }
            }
            long[] messages = {0};
            p.run(List.of("STATUS ", ImapPeer.string(l.wire()), " (MESSAGES)"), r -> {
                if (r.isData("STATUS") && r.data().size() >= 3) {
                    List<Value> items = ImapPeer.items(r.data().getLast());
                    for (int i = 0; i + 1 < items.size(); i += 2) {
                        if (items.get(i).text().equalsIgnoreCase("MESSAGES")) messages[0] = Long.parseLong(items.get(i + 1).text());
                    }
                }
            }, ImapWire.IN_MEMORY, false);
            out.add(new Folder(name, use, messages[0], l.wire()));
        }
        out.sort(Comparator.comparing((Folder f) -> !f.name().equals("INBOX")).thenComparing(Folder::name));
        return out;
    }

    /** The personal namespace's prefix (RFC 2342), "" when the server has no NAMESPACE. */
    private static String personalPrefix(ImapPeer p) throws IOException {
        if (!p.has("NAMESPACE")) return "";
        String[] prefix = {""};
        p.run("NAMESPACE", r -> {
            if (!r.isData("NAMESPACE") || r.data().size() < 2) return;
            List<Value> personal = ImapPeer.items(r.data().get(1));
            if (!personal.isEmpty()) {
                List<Value> first = ImapPeer.items(personal.getFirst());
                if (!first.isEmpty()) prefix[0] = first.getFirst().text();
            }
        });
        return prefix[0];
    }

    /** Surel's name for a server's mailbox name: modified UTF-7 decoded, the prefix dropped, levels joined by "/". */
    static String surelName(String wire, String delimiter, String prefix) {
        String name;
        try {
            name = ModifiedUtf7.decode(wire);
        } catch (IllegalArgumentException e) {
            name = wire; // UTF-8 already, or not valid modified UTF-7: as it is
        }
        if (name.equalsIgnoreCase("INBOX")) return "INBOX";
        if (!prefix.isEmpty() && name.length() > prefix.length() && name.regionMatches(true, 0, prefix, 0, prefix.length())) {
            name = name.substring(prefix.length());
        }
        if (delimiter == null || delimiter.isEmpty()) return name.replace('/', '_');
        List<String> levels = new ArrayList<>();
        for (String level : name.split(java.util.regex.Pattern.quote(delimiter), -1)) {
            if (!level.isEmpty()) levels.add(delimiter.equals("/") ? level : level.replace('/', '_'));
        }
        return levels.isEmpty() ? name : String.join("/", levels);
    }

    /** One message's metadata from the first pass. */
    private record Meta(long uid, long size, OffsetDateTime date, MessageKey key) {
    }

    @Override
    public void scan(Folder folder, Dedup present, Listener listener) throws IOException {
        ImapPeer p = peer();
        long[] exists = {0};
        p.run(List.of("EXAMINE ", ImapPeer.string((String) folder.handle())), r -> {
            if (r.data().size() >= 2 && r.data().get(1) instanceof Atom a && a.value().equalsIgnoreCase("EXISTS")) {
                exists[0] = Long.parseLong(r.data().getFirst().text());
            }
        }, ImapWire.IN_MEMORY, false);
        for (long from = 1; from <= exists[0]; from += META_BATCH) {
            long to = Math.min(exists[0], from + META_BATCH - 1);
            List<Meta> metas = new ArrayList<>();
            p.run("FETCH " + from + ":" + to + " (UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])", r -> {
                Map<String, Value> f = fetchItems(r);
                if (f == null || !f.containsKey("UID") || !f.containsKey("INTERNALDATE") || !f.containsKey("RFC822.SIZE")) return;
                OffsetDateTime date = internalDate(f.get("INTERNALDATE").text()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                long size = Long.parseLong(f.get("RFC822.SIZE").text());
                String messageId = null;
                for (Map.Entry<String, Value> e : f.entrySet()) {
                    if (e.getKey().startsWith("BODY[HEADER.FIELDS") && e.getValue() instanceof Str s) {
                        messageId = Envelope.of(HeaderFields.parse(s.bytes())).messageId();
                    }
                }
                metas.add(new Meta(Long.parseLong(f.get("UID").text()), size, date, MessageKey.of(date, size, messageId)));
            });
            List<Meta> missing = new ArrayList<>();
            for (Meta m : metas) {
                if (present.claim(m.key())) listener.present();
                else missing.add(m);
            }
            int i = 0;
            while (i < missing.size()) {
                List<Long> uids = new ArrayList<>();
                long bytes = 0;
                while (i < missing.size() && uids.size() < BODY_BATCH && (uids.isEmpty() || bytes < BODY_BATCH_BYTES)) {
                    uids.add(missing.get(i).uid());
                    bytes += missing.get(i).size();
                    i++;
                }
                fetchBodies(p, folder, uids, listener);
            }
        }
    }

    private void fetchBodies(ImapPeer p, Folder folder, List<Long> uids, Listener listener) throws IOException {
        record Got(long uid, Flags flags, OffsetDateTime date, FileLiteral body) { }
        List<Got> got = new ArrayList<>();
        Map<Long, Boolean> wanted = new HashMap<>();
        for (long u : uids) wanted.put(u, true);
        p.run("UID FETCH " + uidSet(uids) + " (UID FLAGS INTERNALDATE BODY.PEEK[])", r -> {
            Map<String, Value> f = fetchItems(r);
            if (f == null || !f.containsKey("UID") || !f.containsKey("BODY[]")) return;
            long uid = Long.parseLong(f.get("UID").text());
            FileLiteral body;
            try {
                body = switch (f.get("BODY[]")) {
                    case FileLiteral l -> l;
                    case Str q -> (FileLiteral) literal(q.bytes().length, new java.io.ByteArrayInputStream(q.bytes())); // a quoted body
                    default -> null; // NIL: expunged meanwhile
                };
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (body == null) return;
            if (wanted.remove(uid) == null || !f.containsKey("INTERNALDATE")) {
                delete(body);
                return;
            }
            got.add(new Got(uid, flags(f.get("FLAGS")), internalDate(f.get("INTERNALDATE").text()), body));
        }, this::literal);
        // temp files of a batch that fails half-way go with the staging directory
        for (Got g : got) {
            if (g.body().refused() != null) {
                listener.refused(folder.name() + " UID " + g.uid(), g.body().refused());
                continue;
            }
            listener.staged(staging.adopt(g.body().file(), g.body().size(), g.flags(), g.date()));
        }
        for (long u : wanted.keySet()) listener.refused(folder.name() + " UID " + u, "not returned by the server (expunged meanwhile?)");
    }

    private static void delete(FileLiteral f) {
        if (f.file() == null) return;
        try {
            Files.deleteIfExists(f.file());
        } catch (IOException e) {
            // a temp file: removed with the staging directory
        }
    }

    /** Every literal of a body FETCH goes to a temp file; one over the store's limit is read and dropped. */
    private Value literal(long size, InputStream in) throws IOException {
        if (size <= 4096 && size >= 0) {
            Path f = staging.newFile();
            Files.write(f, in.readNBytes((int) size));
            return new FileLiteral(f, size, null);
        }
        if (maxSize > 0 && size > maxSize) {
            in.transferTo(OutputStream.nullOutputStream());
            return new FileLiteral(null, size, "larger than the store's max_message_size (" + maxSize + " octets)");
        }
        Path f = staging.newFile();
        try (OutputStream out = Files.newOutputStream(f)) {
            long n = in.transferTo(out);
            if (n != size) throw new IOException("literal of " + size + " octets gave " + n);
        }
        return new FileLiteral(f, size, null);
    }

    /** The items of a FETCH response by upper-case name; null for anything else. */
    private static Map<String, Value> fetchItems(Response r) {
        if (r.status() != null || r.data().size() < 3 || !(r.data().get(1) instanceof Atom a) || !a.value().equalsIgnoreCase("FETCH")
                || !(r.data().get(2) instanceof ListValue l)) return null;
        Map<String, Value> out = new HashMap<>();
        List<Value> items = l.items();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            if (items.get(i) instanceof Atom name) out.put(name.value().toUpperCase(Locale.ROOT), items.get(i + 1));
        }
        return out;
    }

    /** RFC 9051 §2.3.2 flags: system flags and keywords; \Recent and unknown \-flags dropped. */
    static Flags flags(Value v) {
        if (!(v instanceof ListValue l)) return Flags.NONE;
        return Flags.lenient(l.items().stream().map(Value::text).toList(), MaildirFlags.MAX_KEYWORD);
    }

    static OffsetDateTime internalDate(String text) {
        try {
            return OffsetDateTime.parse(text.strip(), INTERNALDATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("bad INTERNALDATE from the server: " + text);
        }
    }

    private static String uidSet(List<Long> uids) {
        StringBuilder b = new StringBuilder();
        List<Long> sorted = uids.stream().sorted().toList();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) j++;
            if (b.length() > 0) b.append(',');
            b.append(sorted.get(i));
            if (j > i) b.append(':').append(sorted.get(j));
            i = j + 1;
        }
        return b.toString();
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public String describe() {
        return url.toString();
    }

    @Override
    public void close() {
        if (peer != null) peer.logout();
        java.util.Arrays.fill(password, '\0');
    }
}
