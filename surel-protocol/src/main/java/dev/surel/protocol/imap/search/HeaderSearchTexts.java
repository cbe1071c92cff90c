package dev.surel.protocol.imap.search;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.mime.Envelope;
import dev.surel.protocol.mime.HeaderField;
import dev.surel.protocol.mime.HeaderFields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the SEARCH keys SUBJECT, FROM, TO, CC and BCC (RFC 9051 §6.4.4) compare against, computed
 * once per message so a SEARCH need not decode the stored MIME structure nor RFC 2047-decode and
 * fold the fields again for every message: per key, one text per header field of that name in
 * header order, already folded ({@link SearchEvaluator#fold}). SUBJECT holds the field's decoded
 * value ({@link HeaderField#decodedValue()}), the address keys the addresses as
 * {@code Name <mailbox@host>} ({@link Envelope#addressSearchText}), exactly what
 * {@link SearchEvaluator} computes from {@link SearchableMessage#header()}: the answers are the same.
 *
 * <p>{@link #encode()} / {@link #decode} give a compact binary form whose first byte is a format
 * version; {@link #decode} refuses other versions and corrupt input with an {@link IOException}
 * (the caller then falls back to the header).
 */
public final class HeaderSearchTexts {

    static final int VERSION = 1;

    private final Map<SearchKey.HeaderKind, List<String>> texts;

    private HeaderSearchTexts(Map<SearchKey.HeaderKind, List<String>> texts) {
        this.texts = texts;
    }

    /** The texts of a top-level header. */
    public static HeaderSearchTexts of(HeaderFields header) {
        Map<SearchKey.HeaderKind, List<String>> m = new EnumMap<>(SearchKey.HeaderKind.class);
        for (SearchKey.HeaderKind k : SearchKey.HeaderKind.values()) {
            List<String> l = new ArrayList<>();
            for (HeaderField f : header.all(k == SearchKey.HeaderKind.SUBJECT ? "Subject" : k.name())) {
                l.add(SearchEvaluator.fold(k == SearchKey.HeaderKind.SUBJECT
                        ? f.decodedValue() : Envelope.addressSearchText(f.value())));
            }
            m.put(k, List.copyOf(l));
        }
        return new HeaderSearchTexts(m);
    }

    /** The folded texts of every field the key looks at, in header order (empty: no such field). */
    public List<String> of(SearchKey.HeaderKind kind) {
        return texts.get(kind);
    }

    /** About the heap bytes these texts take (their chars and the lists holding them), for caches. */
    public long approximateBytes() {
        long n = 0;
        for (List<String> l : texts.values()) {
            n += 24;
            for (String s : l) n += 48 + 2L * s.length();
        }
        return n;
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            for (SearchKey.HeaderKind k : SearchKey.HeaderKind.values()) {
                List<String> l = texts.get(k);
                out.writeInt(l.size());
                for (String s : l) {
                    byte[] b = s.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(b.length);
                    out.write(b);
                }
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a byte array
        }
    }

    public static HeaderSearchTexts decode(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        int v = in.readUnsignedByte();
        if (v != VERSION) {
            throw new IOException("unknown search texts version " + v);
        }
        Map<SearchKey.HeaderKind, List<String>> m = new EnumMap<>(SearchKey.HeaderKind.class);
        for (SearchKey.HeaderKind k : SearchKey.HeaderKind.values()) {
            int n = in.readInt();
            if (n < 0 || n > in.available()) {
                throw new IOException("bad count " + n);
            }
            List<String> l = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = in.readInt();
                if (len < 0 || len > in.available()) {
                    throw new IOException("bad string length " + len);
                }
                byte[] b = new byte[len];
                in.readFully(b);
                l.add(new String(b, StandardCharsets.UTF_8));
            }
            m.put(k, List.copyOf(l));
        }
        if (in.read() != -1) {
            throw new IOException("trailing bytes in search texts");
        }
        return new HeaderSearchTexts(m);
    }
}
