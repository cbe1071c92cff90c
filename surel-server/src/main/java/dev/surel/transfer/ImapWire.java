package dev.surel.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client's reading of IMAP responses (RFC 9051 §7, the grammar of §9) and writing of
 * commands, streaming: a literal ({@code {n}}, RFC 9051 §4.3; {@code ~{n}}, RFC 3516) is handed to
 * a {@link LiteralSink} as a stream of exactly its octets, so a message body goes from the socket
 * straight to a file. Everything else of one response is bounded ({@link #MAX_TEXT} octets, list
 * nesting {@link #MAX_DEPTH}); a longer or malformed response is an {@link IOException}, never a
 * hang or an unbounded buffer.
 */
final class ImapWire {

    static final int MAX_TEXT = 1 << 20;
    static final int MAX_DEPTH = 32;

    /** A parsed value of a response. */
    sealed interface Value {
        /** The value as text: an atom, a string's UTF-8, "" for NIL; a list or file literal has none. */
        default String text() {
            throw new IllegalStateException("not a string: " + this);
        }
    }

    record Atom(String value) implements Value {
        @Override
        public String text() { return value; }
    }

    /** A quoted string or a literal kept in memory. */
    record Str(byte[] bytes) implements Value {
        @Override
        public String text() { return new String(bytes, StandardCharsets.UTF_8); }
    }

    /** A literal the sink wrote to a file ({@code size} octets), or could not take ({@code refused} non-null). */
    record FileLiteral(Path file, long size, String refused) implements Value {
    }

    record Nil() implements Value {
        @Override
        public String text() { return ""; }
    }

    record ListValue(List<Value> items) implements Value {
    }

    /**
     * One response: {@code tag} is "*", "+" or a command's tag; {@code status} is OK, NO, BAD, BYE or
     * PREAUTH for a status response (then {@code text} is the rest of the line, response code
     * included) and null for data (then {@code data} holds its values, the first being the
     * keyword or number).
     */
    record Response(String tag, String status, String text, List<Value> data) {
        boolean isData(String keyword) {
            return status == null && !data.isEmpty() && data.getFirst() instanceof Atom a && a.value().equalsIgnoreCase(keyword);
        }
    }

    /** Takes a literal of {@code size} octets from {@code in}; must read all of them or leave the rest to be skipped. */
    @FunctionalInterface
    interface LiteralSink {
        Value literal(long size, InputStream in) throws IOException;
    }

    /** Keeps literals up to {@link #MAX_TEXT} octets in memory. */
    static final LiteralSink IN_MEMORY = (size, in) -> {
        if (size > MAX_TEXT) throw new IOException("unexpected literal of " + size + " octets");
        return new Str(in.readNBytes((int) size));
    };

    private InputStream in;
    private OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private int textLeft;

    ImapWire(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** After STARTTLS: the TLS streams replace the plain ones (nothing may be buffered, RFC 9051 §6.2.1). */
    void replaceStreams(InputStream in, OutputStream out) throws IOException {
        if (pos < lim) throw new IOException("the server sent data after its STARTTLS answer (a possible injection): giving up");
        this.in = in;
        this.out = out;
    }

    // ------------------------------------------------------------ writing

    void write(byte[] b) throws IOException {
        out.write(b);
    }

    void writeAscii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        out.flush();
    }

    // ------------------------------------------------------------ reading

    private int peek() throws IOException {
        if (pos == lim) {
            lim = in.read(buf, 0, buf.length);
            pos = 0;
            if (lim <= 0) {
                lim = 0;
                throw new IOException("the IMAP server closed the connection");
            }
        }
        return buf[pos] & 0xff;
    }

    private int next() throws IOException {
        int c = peek();
        pos++;
        if (--textLeft < 0) throw new IOException("IMAP response longer than " + MAX_TEXT + " octets outside literals");
        return c;
    }

    /** Reads one whole response; literals go to {@code sink}. */
    Response read(LiteralSink sink) throws IOException {
        textLeft = MAX_TEXT;
        String tag = atom();
        if (tag.isEmpty()) throw new IOException("IMAP response without a tag");
        if (tag.equals("+")) {
            if (peek() == ' ') next();
            return new Response(tag, null, restOfLine(), List.of());
        }
        expect(' ');
        String word = atom();
        String upper = word.toUpperCase(Locale.ROOT);
        if (upper.equals("OK") || upper.equals("NO") || upper.equals("BAD") || upper.equals("BYE") || upper.equals("PREAUTH")) {
            if (peek() == ' ') next();
            return new Response(tag, upper, restOfLine(), List.of());
        }
        List<Value> data = new ArrayList<>();
        data.add(new Atom(word));
        while (true) {
            int c = peek();
            if (c == '\r' || c == '\n') {
                endOfLine();
                return new Response(tag, null, "", data);
            }
            if (c == ' ') {
                next();
                continue;
            }
            data.add(value(sink, 0));
        }
    }

    private Value value(LiteralSink sink, int depth) throws IOException {
        int c = peek();
        switch (c) {
            case '(' -> {
                if (depth >= MAX_DEPTH) throw new IOException("IMAP response nested deeper than " + MAX_DEPTH);
                next();
                List<Value> items = new ArrayList<>();
                while (true) {
                    int d = peek();
                    if (d == ')') {
                        next();
                        return new ListValue(items);
                    }
                    if (d == ' ') {
                        next();
                        continue;
                    }
                    if (d == '\r' || d == '\n') throw new IOException("IMAP response ends inside a list");
                    items.add(value(sink, depth + 1));
                }
            }
            case '"' -> {
                next();
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                while (true) {
                    int d = next();
                    if (d == '"') return new Str(b.toByteArray());
                    if (d == '\\') d = next();
                    if (d == '\r' || d == '\n') throw new IOException("line break in a quoted string");
                    b.write(d);
                }
            }
            case '{', '~' -> {
                return literal(sink);
            }
            default -> {
                String a = atom();
                if (a.isEmpty()) throw new IOException("unexpected octet " + c + " in an IMAP response");
                return a.equalsIgnoreCase("NIL") ? new Nil() : new Atom(a);
            }
        }
    }

    private Value literal(LiteralSink sink) throws IOException {
        if (peek() == '~') next(); // RFC 3516 literal8
        expect('{');
        long n = 0;
        int digits = 0;
        int c;
        while ((c = next()) >= '0' && c <= '9') {
            if (++digits > 18) throw new IOException("literal size too long");
            n = n * 10 + (c - '0');
        }
        if (c == '+') c = next();
        if (c != '}' || digits == 0) throw new IOException("bad literal size");
        endOfLine();
        LiteralStream body = new LiteralStream(n);
        Value v = sink.literal(n, body);
        body.skipRest();
        return v;
    }

    /** An atom, which in a response may hold a bracketed section with spaces: {@code BODY[HEADER.FIELDS (MESSAGE-ID)]<0>}. */
    private String atom() throws IOException {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        while (true) {
            int c = peek();
            if (c == '\r' || c == '\n') break;
            if (depth == 0 && (c == ' ' || c == '(' || c == ')' || c == '"' || c == '{')) break;
            if (c == '[') depth++;
            if (c == ']' && depth > 0) depth--;
            next();
            b.append((char) c);
        }
        return b.toString();
    }

    private String restOfLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (peek() != '\r' && peek() != '\n') b.write(next());
        endOfLine();
        return b.toString(StandardCharsets.UTF_8);
    }

    private void endOfLine() throws IOException {
        int c = next();
        if (c == '\r') c = next();
        if (c != '\n') throw new IOException("IMAP line not ended by CRLF");
    }

    private void expect(int ch) throws IOException {
        int c = next();
        if (c != ch) throw new IOException("IMAP response: expected '" + (char) ch + "', got octet " + c);
    }

    /** Exactly the literal's octets, read through this reader's buffer (not counted as response text). */
    private final class LiteralStream extends InputStream {
        private long left;

        LiteralStream(long size) {
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            int c = peek();
            pos++;
            left--;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            if (len == 0) return 0;
            peek();
            int n = (int) Math.min(Math.min(len, left), lim - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            while (left > 0) {
                peek();
                int n = (int) Math.min(left, lim - pos);
                pos += n;
                left -= n;
            }
        }
    }
}
