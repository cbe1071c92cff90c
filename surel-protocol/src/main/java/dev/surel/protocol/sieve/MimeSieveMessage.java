package dev.surel.protocol.sieve;

import dev.surel.protocol.mime.HeaderField;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimePart;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.protocol.mime.PartText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link SieveMessage} over the octets of a message (or its first part: a deliverer passes at
 * most as much of a large message as the body test may read, and the real {@code size}). The
 * header comes from {@link MimeParser}; body texts are decoded per part with {@link PartText}
 * and cut at {@code maxBodyChars} each (RFC 5173 §5: :raw undecoded, :content decoded parts of
 * the given types, :text the text parts with HTML reduced to its text).
 */
public final class MimeSieveMessage implements SieveMessage {

    private final byte[] bytes;
    private final long size;
    private final String envelopeFrom;
    private final String envelopeTo;
    private final int maxBodyChars;
    private final MessageStructure structure;

    public MimeSieveMessage(byte[] bytes, long size, String envelopeFrom, String envelopeTo, int maxBodyChars) {
        this.bytes = bytes;
        this.size = size;
        this.envelopeFrom = envelopeFrom;
        this.envelopeTo = envelopeTo;
        this.maxBodyChars = maxBodyChars;
        try {
            this.structure = new MimeParser(MimeSettings.defaults()).parse(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    /** A whole message held in memory (tests, small messages). */
    public static MimeSieveMessage of(byte[] message, String envelopeFrom, String envelopeTo) {
        return new MimeSieveMessage(message, message.length, envelopeFrom, envelopeTo, 1 << 20);
    }

    @Override
    public List<String> header(String name) {
        List<String> out = new ArrayList<>();
        for (HeaderField f : structure.header().all(name)) out.add(f.value());
        return out;
    }

    @Override
    public String envelopeFrom() {
        return envelopeFrom;
    }

    @Override
    public String envelopeTo() {
        return envelopeTo;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public List<String> body(BodyTransform transform) {
        MimePart root = structure.root();
        return switch (transform) {
            case BodyTransform.Raw r -> List.of(slice(root.bodyStart(), root.bodyEnd()));
            case BodyTransform.Text t -> {
                List<String> out = new ArrayList<>();
                for (MimePart p : leaves()) {
                    if (p.content().isText()) out.add(text(p));
                }
                yield out;
            }
            case BodyTransform.Content c -> {
                List<String> out = new ArrayList<>();
                for (MimePart p : all()) {
                    if (matches(p, c.types())) out.add(p instanceof MimePart.Single ? decoded(p) : slice(p.bodyStart(), p.bodyEnd()));
                }
                yield out;
            }
        };
    }

    /** RFC 5173 §5.2: "type" matches any subtype, "type/subtype" one, "" every part. */
    private static boolean matches(MimePart p, List<String> types) {
        String type = p.content().type();
        String full = type + "/" + p.content().subtype();
        for (String t : types) {
            String k = t.toLowerCase(Locale.ROOT).strip();
            if (k.isEmpty() || (k.contains("/") ? k.equals(full) : k.equals(type))) return true;
        }
        return false;
    }

    private List<MimePart> all() {
        List<MimePart> out = new ArrayList<>();
        if (structure.sections().isEmpty() || !(structure.root() instanceof MimePart.Multipart)) out.add(structure.root());
        for (MessageStructure.Section s : structure.sections()) {
            if (s.part() != structure.root()) out.add(s.part());
        }
        return out;
    }

    private List<MimePart> leaves() {
        List<MimePart> out = new ArrayList<>();
        for (MimePart p : all()) if (p instanceof MimePart.Single) out.add(p);
        return out;
    }

    private String text(MimePart p) {
        try {
            return PartText.text(new ByteArrayInputStream(bytes, (int) Math.min(p.bodyStart(), bytes.length),
                    (int) Math.max(0, Math.min(p.bodyEnd(), bytes.length) - p.bodyStart())), p.content(), maxBodyChars);
        } catch (IOException e) {
            return "";
        }
    }

    /** A part's content decoded (transfer encoding and charset) but not reduced: :content keeps HTML markup (§5.2). */
    private String decoded(MimePart p) {
        int s = (int) Math.min(p.bodyStart(), bytes.length);
        int e = (int) Math.min(p.bodyEnd(), bytes.length);
        StringBuilder sb = new StringBuilder();
        try (java.io.Reader r = PartText.reader(new ByteArrayInputStream(bytes, s, Math.max(0, e - s)), p.content())) {
            char[] buf = new char[8192];
            int n;
            while (sb.length() < maxBodyChars && (n = r.read(buf, 0, Math.min(buf.length, maxBodyChars - sb.length()))) > 0) {
                sb.append(buf, 0, n);
            }
        } catch (IOException ex) {
            // a byte array does not fail; malformed content is decoded leniently
        }
        return sb.toString();
    }

    private String slice(long start, long end) {
        int s = (int) Math.min(start, bytes.length);
        int e = (int) Math.min(Math.min(end, bytes.length), s + (long) maxBodyChars);
        return new String(bytes, s, Math.max(0, e - s), StandardCharsets.UTF_8);
    }
}
