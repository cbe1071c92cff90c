package dev.surel.protocol.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact binary form of {@link MessageStructure}, so the store can keep it beside the message
 * (computed once at delivery) and serve BODYSTRUCTURE, ENVELOPE and section offsets without
 * re-reading the blob. The first byte is a format version; {@link #decode} refuses other
 * versions and corrupt input with an {@link IOException} (the caller then parses the blob again).
 */
public final class StructureCodec {

    static final int VERSION = 1;
    private static final int MAX_NESTING = 2048;

    private StructureCodec() {
    }

    public static byte[] encode(MessageStructure s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeLong(s.size());
            writeEnvelope(out, s.envelope());
            out.writeInt(s.header().fields().size());
            for (HeaderField f : s.header().fields()) {
                writeString(out, f.name());
                out.writeInt(f.rawLength());
                out.write(f.rawUnsafe());
            }
            writePart(out, s.root());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a byte array
        }
    }

    public static MessageStructure decode(byte[] data) throws IOException {
        try {
            DataInputStream in = open(data);
            long size = in.readLong();
            Envelope env = readEnvelope(in);
            HeaderFields fields = readFields(in);
            MimePart root = readPart(in, 0);
            if (in.read() != -1) {
                throw new IOException("trailing bytes in MIME structure");
            }
            return new MessageStructure(size, root, env, fields);
        } catch (RuntimeException e) {
            throw new IOException("corrupt MIME structure: " + e, e);
        }
    }

    /** A reader of {@code data} past its version octet; another version throws. */
    private static DataInputStream open(byte[] data) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
        int v = in.readUnsignedByte();
        if (v != VERSION) {
            throw new IOException("unknown MIME structure version " + v);
        }
        return in;
    }

    /** The top-level header fields, as {@link #encode} wrote them after the envelope. */
    private static HeaderFields readFields(DataInputStream in) throws IOException {
        int n = count(in);
        List<HeaderField> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = readString(in);
            byte[] raw = new byte[count(in)];
            in.readFully(raw);
            fields.add(new HeaderField(name, raw));
        }
        return new HeaderFields(fields);
    }

    /**
     * Only the top-level header fields of an encoded structure: the envelope is skipped without
     * building its strings and the parts are not read. What SEARCH's HEADER, TEXT and SENT* keys
     * need (RFC 9051 §6.4.4), at a fraction of {@link #decode}'s work.
     *
     * @throws IOException for another version or corrupt input (the caller decodes or parses instead)
     */
    public static HeaderFields decodeHeader(byte[] data) throws IOException {
        try {
            DataInputStream in = open(data);
            in.readLong(); // size
            skipString(in); // date
            skipString(in); // subject
            for (int k = 0; k < 6; k++) {
                int n = count(in);
                for (int i = 0; i < 4 * n; i++) {
                    skipString(in);
                }
            }
            skipString(in); // in-reply-to
            skipString(in); // message-id
            return readFields(in);
        } catch (RuntimeException e) {
            throw new IOException("corrupt MIME structure: " + e, e);
        }
    }

    private static void skipString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return;
        }
        if (n < 0 || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        in.skipNBytes(n);
    }

    private static void writePart(DataOutputStream out, MimePart p) throws IOException {
        out.writeByte(switch (p) {
            case MimePart.Single s -> 0;
            case MimePart.Multipart m -> 1;
            case MimePart.Message m -> 2;
        });
        out.writeLong(p.headerStart());
        out.writeLong(p.bodyStart());
        out.writeLong(p.bodyEnd());
        writeContent(out, p.content());
        switch (p) {
            case MimePart.Single s -> out.writeLong(s.lines());
            case MimePart.Multipart m -> {
                out.writeInt(m.children().size());
                for (MimePart c : m.children()) {
                    writePart(out, c);
                }
            }
            case MimePart.Message m -> {
                out.writeLong(m.lines());
                writeEnvelope(out, m.envelope());
                writePart(out, m.message());
            }
        }
    }

    private static MimePart readPart(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_NESTING) {
            throw new IOException("MIME structure nested too deeply");
        }
        int tag = in.readUnsignedByte();
        long hs = in.readLong();
        long bs = in.readLong();
        long be = in.readLong();
        ContentFields c = readContent(in);
        return switch (tag) {
            case 0 -> new MimePart.Single(hs, bs, be, c, in.readLong());
            case 1 -> {
                int n = count(in);
                List<MimePart> children = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    children.add(readPart(in, depth + 1));
                }
                yield new MimePart.Multipart(hs, bs, be, c, children);
            }
            case 2 -> {
                long lines = in.readLong();
                Envelope env = readEnvelope(in);
                yield new MimePart.Message(hs, bs, be, c, lines, env, readPart(in, depth + 1));
            }
            default -> throw new IOException("bad part tag " + tag);
        };
    }

    private static void writeContent(DataOutputStream out, ContentFields c) throws IOException {
        writeString(out, c.type());
        writeString(out, c.subtype());
        writeParams(out, c.parameters());
        writeString(out, c.id());
        writeString(out, c.description());
        writeString(out, c.encoding());
        writeString(out, c.md5());
        writeString(out, c.disposition());
        writeParams(out, c.dispositionParameters());
        out.writeInt(c.language().size());
        for (String l : c.language()) {
            writeString(out, l);
        }
        writeString(out, c.location());
    }

    private static ContentFields readContent(DataInputStream in) throws IOException {
        String type = readString(in);
        String subtype = readString(in);
        Parameters params = readParams(in);
        String id = readString(in);
        String description = readString(in);
        String encoding = readString(in);
        String md5 = readString(in);
        String disposition = readString(in);
        Parameters dparams = readParams(in);
        int n = count(in);
        List<String> lang = new ArrayList<>(Math.min(n, 100));
        for (int i = 0; i < n; i++) {
            lang.add(readString(in));
        }
        return new ContentFields(type, subtype, params, id, description, encoding, md5, disposition, dparams, lang,
                readString(in));
    }

    private static void writeParams(DataOutputStream out, Parameters p) throws IOException {
        out.writeInt(p.list().size());
        for (MimeParameter m : p.list()) {
            writeString(out, m.name());
            writeString(out, m.value());
        }
    }

    private static Parameters readParams(DataInputStream in) throws IOException {
        int n = count(in);
        List<MimeParameter> list = new ArrayList<>(Math.min(n, 100));
        for (int i = 0; i < n; i++) {
            list.add(new MimeParameter(readString(in), readString(in)));
        }
        return new Parameters(list);
    }

    private static void writeEnvelope(DataOutputStream out, Envelope e) throws IOException {
        writeString(out, e.date());
        writeString(out, e.subject());
        for (List<ImapAddress> l : List.of(e.from(), e.sender(), e.replyTo(), e.to(), e.cc(), e.bcc())) {
            out.writeInt(l.size());
            for (ImapAddress a : l) {
                writeString(out, a.name());
                writeString(out, a.adl());
                writeString(out, a.mailbox());
                writeString(out, a.host());
            }
        }
        writeString(out, e.inReplyTo());
        writeString(out, e.messageId());
    }

    private static Envelope readEnvelope(DataInputStream in) throws IOException {
        String date = readString(in);
        String subject = readString(in);
        List<List<ImapAddress>> lists = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            int n = count(in);
            List<ImapAddress> l = new ArrayList<>(Math.min(n, 100));
            for (int i = 0; i < n; i++) {
                l.add(new ImapAddress(readString(in), readString(in), readString(in), readString(in)));
            }
            lists.add(l);
        }
        return new Envelope(date, subject, lists.get(0), lists.get(1), lists.get(2), lists.get(3), lists.get(4),
                lists.get(5), readString(in), readString(in));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n == -1) {
            return null;
        }
        if (n < 0 || n > in.available()) {
            throw new IOException("bad string length " + n);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
