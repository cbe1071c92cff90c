package dev.surel.protocol.imap;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;

/**
 * Builds the octets of IMAP responses (RFC 9051 §7). Strings go out as quoted strings when they
 * are short 7-bit text without CR, LF or NUL, and as literals otherwise, so client-supplied
 * bytes can never break a line (no response injection) and 8-bit text is never raw inside
 * quotes. A string never carries NUL (RFC 9051 §4.3): one in the data goes out as 0x80.
 * Pure: no I/O of its own ({@link #writeTo} hands the octets to a stream the caller gives).
 * One builder may hold several responses (a FETCH writes many messages' lines at once) and is
 * reused after {@link #reset}; its buffer is a plain array (no per-octet locking).
 */
public final class ResponseBuilder {

    /** Longest string sent quoted; longer ones are literals. */
    public static final int MAX_QUOTED = 1000;

    private final Octets out = new Octets();

    /** A growable octet buffer: {@link java.io.ByteArrayOutputStream} without its per-call locking. */
    private static final class Octets {
        private byte[] buf = new byte[128];
        private int count;

        void write(int b) {
            if (count == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            buf[count++] = (byte) b;
        }

        void write(byte[] b, int off, int len) {
            if (len > buf.length - count) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        int size() {
            return count;
        }

        void reset() {
            count = 0;
        }
    }

    /** Appends protocol text that the server itself composed (ASCII atoms, numbers, spaces). */
    public ResponseBuilder raw(String ascii) {
        int n = ascii.length();
        if (n > out.buf.length - out.count) out.buf = Arrays.copyOf(out.buf, Math.max(out.buf.length * 2, out.count + n));
        byte[] buf = out.buf;
        int at = out.count;
        for (int i = 0; i < n; i++) {
            char ch = ascii.charAt(i);
            if (ch == '\r' || ch == '\n' || ch > 0x7e) throw new IllegalArgumentException("not protocol text");
            buf[at++] = (byte) ch;
        }
        out.count = at;
        return this;
    }

    public ResponseBuilder sp() {
        out.write(' ');
        return this;
    }

    public ResponseBuilder number(long n) {
        if (n >= 0 && n < 10) {
            out.write('0' + (int) n);
            return this;
        }
        return raw(Long.toString(n));
    }

    /** A string (quoted or literal). */
    public ResponseBuilder string(String s) {
        return string(s.getBytes(StandardCharsets.UTF_8));
    }

    public ResponseBuilder string(byte[] b) {
        if (quotable(b)) {
            out.write('"');
            for (byte x : b) {
                if (x == '"' || x == '\\') out.write('\\');
                out.write(x);
            }
            out.write('"');
        } else {
            literalHeader(b.length);
            for (byte x : b) out.write(x == 0 ? 0x80 : x); // RFC 9051 §4.3: a literal carries no NUL
        }
        return this;
    }

    /** An nstring: NIL for null. */
    public ResponseBuilder nstring(String s) {
        return s == null ? raw("NIL") : string(s);
    }

    /** {@code {n}CRLF}: the caller sends the n octets next. */
    public ResponseBuilder literalHeader(long n) {
        raw("{" + n + "}");
        out.write('\r');
        out.write('\n');
        return this;
    }

    /** A parenthesised list of atoms (flags, attributes) the server composed or validated. */
    public ResponseBuilder atomList(Collection<String> atoms) {
        out.write('(');
        boolean first = true;
        for (String a : atoms) {
            if (!first) out.write(' ');
            first = false;
            raw(a);
        }
        out.write(')');
        return this;
    }

    /** A response value (RFC 9051 §4). */
    public ResponseBuilder value(ImapValue v) {
        switch (v) {
            case ImapValue.Nil n -> raw("NIL");
            case ImapValue.Num n -> number(n.value());
            case ImapValue.Atom a -> raw(a.text());
            case ImapValue.Str s -> string(s.bytes());
            case ImapValue.ListOf l -> {
                out.write('(');
                boolean first = true;
                for (ImapValue item : l.items()) {
                    if (!first) out.write(' ');
                    first = false;
                    value(item);
                }
                out.write(')');
            }
        }
        return this;
    }

    /**
     * Appends a value this class rendered earlier with {@link #value} (e.g. an ENVELOPE computed
     * at delivery and stored, {@link dev.surel.protocol.imap.fetch.PreparedFetch}): the bytes
     * already have the wire form (quoted strings, literals without NUL), so they go out as they are.
     * Only for bytes produced by this class, never for peer input.
     */
    public ResponseBuilder rendered(byte[] valueBytes) {
        out.write(valueBytes, 0, valueBytes.length);
        return this;
    }

    public ResponseBuilder crlf() {
        out.write('\r');
        out.write('\n');
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(out.buf, out.count);
    }

    /** Hands the octets built so far to {@code target} in one write (no copy); the builder keeps them. */
    public void writeTo(OutputStream target) throws IOException {
        target.write(out.buf, 0, out.count);
    }

    /** Drops every octet after the first {@code size} (a response begun and then abandoned). */
    public void truncate(int size) {
        if (size < 0 || size > out.count) throw new IllegalArgumentException("cannot truncate " + out.count + " octets to " + size);
        out.count = size;
    }

    /** Empties the builder for reuse. */
    public void reset() {
        out.reset();
    }

    /** True when the octets may be sent as a quoted string: short, 7-bit, no NUL/CR/LF. */
    public static boolean quotable(byte[] b) {
        if (b.length > MAX_QUOTED) return false;
        for (byte x : b) {
            if (x <= 0 || x == '\r' || x == '\n') return false;
        }
        return true;
    }
}
