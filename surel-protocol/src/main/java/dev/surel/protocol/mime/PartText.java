package dev.surel.protocol.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.codec.Base64InputStream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.QuotedPrintableInputStream;

/**
 * Decoded text of parts, for SEARCH. Transfer decoding undoes base64 and quoted-printable
 * leniently (bad input is skipped, never an error); 7bit, 8bit, binary and unknown encodings pass
 * through. Charset decoding uses the part's {@code charset} parameter; an absent, us-ascii or
 * unknown charset decodes as UTF-8, and malformed bytes become U+FFFD. text/html is reduced to its
 * text (tags, scripts and styles removed, common entities decoded).
 */
public final class PartText {

    private PartText() {
    }

    /** One extracted text: the section number and the decoded text (maybe cut at the cap). */
    public record Extracted(String section, String text) {
    }

    /** Undoes the Content-Transfer-Encoding of a body stream. */
    public static InputStream decodeTransfer(InputStream body, String encoding) {
        String e = encoding == null ? "" : encoding.toLowerCase(Locale.ROOT);
        return switch (e) {
            case "base64" -> new NeverZeroRead(new Base64InputStream(body, DecodeMonitor.SILENT));
            case "quoted-printable" -> new NeverZeroRead(new QuotedPrintableInputStream(body, DecodeMonitor.SILENT));
            default -> body;
        };
    }

    /**
     * mime4j's decoders may answer a bulk read with 0 bytes when the input they consumed decoded
     * to nothing (e.g. only skipped garbage), which {@link InputStreamReader} rejects with an
     * IOException. This falls back to the single-byte read, which waits for a byte or the end.
     */
    private static final class NeverZeroRead extends java.io.FilterInputStream {
        NeverZeroRead(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n != 0 || len == 0) return n;
            int c = in.read();
            if (c < 0) return -1;
            b[off] = (byte) c;
            return 1;
        }
    }

    /** The charset to decode a part with (see class comment). */
    public static Charset charsetOf(ContentFields content) {
        Charset c = Text.charset(content.charset());
        return c == null ? StandardCharsets.UTF_8 : c;
    }

    /** A reader of the decoded text of a part whose raw body bytes {@code body} yields. */
    public static Reader reader(InputStream body, ContentFields content) {
        CharsetDecoder dec = charsetOf(content).newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(decodeTransfer(body, content.encoding()), dec);
    }

    /**
     * The decoded text of a part, at most {@code maxChars} characters (read stops there); HTML
     * reduced to text. Never throws on malformed content; an {@link IOException} comes only from
     * {@code body} itself.
     */
    public static String text(InputStream body, ContentFields content, int maxChars) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Reader r = reader(body, content)) {
            char[] buf = new char[8192];
            boolean html = content.isText() && content.subtype().equals("html");
            // HTML shrinks when reduced to text: read up to twice the cap of markup
            int limit = html ? (int) Math.min(Integer.MAX_VALUE - 8, 2L * maxChars) : maxChars;
            int n;
            while (sb.length() < limit && (n = r.read(buf, 0, Math.min(buf.length, limit - sb.length()))) > 0) {
                sb.append(buf, 0, n);
            }
            String s = html ? Html.toText(sb) : sb.toString();
            return s.length() > maxChars ? s.substring(0, maxChars) : s;
        }
    }

    /**
     * Reads a whole stored message once, in order, and returns the text of every text/* part and
     * the decoded header text of every encapsulated message/rfc822 (each cut at
     * {@code settings.maxTextChars()}). The top-level header is {@code structure.header()}.
     */
    public static List<Extracted> extractAll(InputStream message, MessageStructure structure, MimeSettings settings)
            throws IOException {
        Positioned in = new Positioned(message);
        List<Extracted> out = new ArrayList<>();
        for (MessageStructure.Section s : structure.sections()) {
            switch (s.part()) {
                case MimePart.Single p when p.content().isText() -> {
                    in.skipTo(p.bodyStart());
                    out.add(new Extracted(s.number(), text(in.until(p.bodyEnd()), p.content(), settings.maxTextChars())));
                }
                case MimePart.Message m -> {
                    ByteRange h = m.message().header();
                    in.skipTo(h.start());
                    byte[] bytes = in.until(h.end()).readNBytes(settings.maxHeaderBytes());
                    String t = HeaderFields.parse(bytes).decodedText();
                    out.add(new Extracted(s.number() + ".HEADER",
                            t.length() > settings.maxTextChars() ? t.substring(0, settings.maxTextChars()) : t));
                }
                default -> {
                }
            }
        }
        return out;
    }

    /** A stream that knows its position and hands out bounded views. */
    private static final class Positioned extends FilterInputStream {
        long pos;

        Positioned(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        void skipTo(long target) throws IOException {
            while (pos < target) {
                long n = in.skip(target - pos);
                if (n <= 0) {
                    if (super.read() < 0) {
                        return;
                    }
                    n = 1;
                }
                pos += n;
            }
        }

        InputStream until(long end) {
            Positioned self = this;
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    return self.pos >= end ? -1 : self.read();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (self.pos >= end) {
                        return -1;
                    }
                    return self.read(b, off, (int) Math.min(len, end - self.pos));
                }
            };
        }
    }
}
