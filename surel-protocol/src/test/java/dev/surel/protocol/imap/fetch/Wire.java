package dev.surel.protocol.imap.fetch;

import dev.surel.protocol.imap.ImapValue;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.protocol.mime.MimeParser;
import dev.surel.protocol.mime.MimeSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helpers: the IMAP text of a value as a writer would send it (quoted 7-bit, else literal), and parsing. */
final class Wire {

    private Wire() {
    }

    static String text(ImapValue v) {
        StringBuilder sb = new StringBuilder();
        write(v, sb);
        return sb.toString();
    }

    private static void write(ImapValue v, StringBuilder sb) {
        switch (v) {
            case ImapValue.Nil n -> sb.append("NIL");
            case ImapValue.Num n -> sb.append(n.value());
            case ImapValue.Atom a -> sb.append(a.text());
            case ImapValue.Str s -> {
                boolean quotable = s.bytes().length < 1000;
                for (byte b : s.bytes()) {
                    if (b < 0x20 || b == 0x7f) {
                        quotable = false;
                    }
                }
                String t = new String(s.bytes(), StandardCharsets.UTF_8);
                if (quotable) {
                    sb.append('"').append(t.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                } else {
                    sb.append('{').append(s.bytes().length).append("}\r\n").append(t);
                }
            }
            case ImapValue.ListOf l -> {
                sb.append('(');
                for (int i = 0; i < l.items().size(); i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    write(l.items().get(i), sb);
                }
                sb.append(')');
            }
        }
    }

    /** True when some Str of the tree has a byte >= 0x80 (would be a literal). */
    static boolean has8bit(ImapValue v) {
        return switch (v) {
            case ImapValue.Str s -> {
                for (byte b : s.bytes()) {
                    if (b < 0) {
                        yield true;
                    }
                }
                yield false;
            }
            case ImapValue.ListOf l -> l.items().stream().anyMatch(Wire::has8bit);
            default -> false;
        };
    }

    static byte[] crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static MessageStructure parse(byte[] msg) {
        try {
            return new MimeParser(MimeSettings.defaults()).parse(new ByteArrayInputStream(msg));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
