package dev.surel.protocol.imap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Builds the octets of IMAP responses (RFC 9051 §7). Strings go out as quoted strings when they
 * are short 7-bit text without CR, LF or NUL, and as literals otherwise, so client-supplied
 * bytes can never break a line (no response injection) and 8-bit text is never raw inside
 * quotes. A string never carries NUL (RFC 9051 §4.3): one in the data goes out as 0x80.
 * Pure: no I/O.
 */
public final class ResponseBuilder {

    /** Longest string sent quoted; longer ones are literals. */
    public static final int MAX_QUOTED = 1000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    /** Appends protocol text that the server itself composed (ASCII atoms, numbers, spaces). */
    public ResponseBuilder raw(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            char ch = ascii.charAt(i);
            if (ch == '\r' || ch == '\n' || ch > 0x7e) throw new IllegalArgumentException("not protocol text");
            out.write(ch);
        }
        return this;
    }

    public ResponseBuilder sp() {
        out.write(' ');
        return this;
    }

    public ResponseBuilder number(long n) {
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
        return out.toByteArray();
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
