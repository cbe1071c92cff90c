package dev.surel.protocol.sieve;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.EncoderUtil;

/**
 * Applies a run's editheader changes (RFC 5293) to the header section a script saw: the deliverer
 * writes the stored copy as the edited header followed by the untouched body.
 *
 * <p>The header section is the fields as octets, each ending with CRLF, without the empty line
 * that ends it; a field's continuation lines (starting with space or tab) belong to it
 * (RFC 5322 §2.2.3). Deletions name the n-th field of a name counted from the top when applied
 * (as {@link HeaderEdit.Delete} says); added values with non-ASCII text are written as RFC 2047
 * encoded words (RFC 5293 §4: "the value ... MUST be encoded as necessary").
 */
public final class HeaderEditor {

    private HeaderEditor() {}

    /** The edited header section (same form as the input). */
    public static byte[] apply(byte[] header, List<HeaderEdit> edits) {
        List<byte[]> fields = split(header);
        for (HeaderEdit e : edits) {
            switch (e) {
                case HeaderEdit.Add a -> {
                    byte[] f = field(a.name(), a.value());
                    if (a.last()) fields.add(f);
                    else fields.addFirst(f);
                }
                case HeaderEdit.Delete d -> {
                    int seen = 0;
                    for (int i = 0; i < fields.size(); i++) {
                        if (name(fields.get(i)).equalsIgnoreCase(d.name()) && ++seen == d.occurrence()) {
                            fields.remove(i);
                            break;
                        }
                    }
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(header.length + 256);
        for (byte[] f : fields) out.writeBytes(f);
        return out.toByteArray();
    }

    /** {@code name: value} CRLF; the value RFC 2047-encoded when it is not all ASCII. */
    static byte[] field(String name, String value) {
        String v = value;
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) > 126) {
                v = EncoderUtil.encodeEncodedWord(value, EncoderUtil.Usage.TEXT_TOKEN, name.length() + 2, StandardCharsets.UTF_8, null);
                break;
            }
        }
        return (name + ": " + v + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The fields of a header section, each with its continuation lines and line ends. */
    static List<byte[]> split(byte[] header) {
        List<byte[]> fields = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < header.length) {
            int eol = i;
            while (eol < header.length && header[eol] != '\n') eol++;
            int next = Math.min(eol + 1, header.length);
            boolean continues = next < header.length && (header[next] == ' ' || header[next] == '\t');
            if (!continues) {
                fields.add(java.util.Arrays.copyOfRange(header, start, next));
                start = next;
            }
            i = next;
        }
        return fields;
    }

    private static String name(byte[] field) {
        int colon = 0;
        while (colon < field.length && field[colon] != ':' && field[colon] != '\r' && field[colon] != '\n') colon++;
        return new String(field, 0, colon, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
    }
}
