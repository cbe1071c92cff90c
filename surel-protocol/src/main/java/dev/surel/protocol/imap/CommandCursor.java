package dev.surel.protocol.imap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The reading position over the lines and literals of one command ({@link ImapInput}): the
 * lexical items of RFC 9051 §9 that every command family shares (atoms, astrings, quoted strings,
 * literals, numbers, sequence sets, flags, mod-sequences, list-mailbox patterns).
 *
 * <p>Invariants: reads only forward; every failure is a {@link SyntaxException} with the
 * parser's own text; a literal is taken only where its announcement ends a line.
 */
final class CommandCursor {
    private final ImapInput in;
    private int line;
    private int pos;
    private Charset charset = StandardCharsets.UTF_8;
    private boolean charsetGiven;

    CommandCursor(ImapInput in) {
        this.in = in;
    }

    private byte[] cur() {
        return in.lines().get(line);
    }

    int peek() {
        byte[] l = cur();
        return pos < l.length ? l[pos] & 0xff : -1;
    }

    boolean atEnd() {
        return pos >= cur().length && line == in.lines().size() - 1;
    }

    void end() {
        if (!atEnd()) throw new SyntaxException("unexpected characters at the end of the command");
    }

    void sp() {
        if (!trySp()) throw new SyntaxException("expected a space");
    }

    boolean trySp() {
        return tryChar(' ');
    }

    boolean tryChar(char ch) {
        if (peek() == ch) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char ch) {
        if (!tryChar(ch)) throw new SyntaxException("expected '" + ch + "'");
    }

    boolean tryWord(String w) {
        String next = peekWord();
        if (next.equalsIgnoreCase(w)) {
            pos += next.length();
            return true;
        }
        return false;
    }

    /** The atom at the cursor without consuming it ("" when none). */
    String peekWord() {
        int save = pos;
        String w = take(CommandCursor::isAtomChar);
        pos = save;
        return w;
    }

    String tag() {
        return word(p -> (isAtomChar(p) || p == ']') && p != '+', "missing tag");
    }

    String atom() {
        return word(CommandCursor::isAtomChar, "expected an atom");
    }

    /** A fetch attribute name: atom characters but stop at '[' (BODY[...]). */
    String fetchAtt() {
        return word(p -> isAtomChar(p) && p != '[' && p != '<', "expected a FETCH item");
    }

    /** HEADER / TEXT / MIME / HEADER.FIELDS[.NOT] inside a section. */
    String sectionWord() {
        return word(p -> Character.isLetter(p) || p == '.', "bad section");
    }

    /** The octets from here that {@code ok} accepts, as a string; at least one, else a syntax error {@code empty}. */
    private String word(IntPredicate ok, String empty) {
        String w = take(ok);
        if (w.isEmpty()) throw new SyntaxException(empty);
        return w;
    }

    /** The octets from here that {@code ok} accepts (possibly none), consumed. */
    private String take(IntPredicate ok) {
        StringBuilder b = new StringBuilder();
        int p;
        while ((p = peek()) >= 0 && ok.test(p)) {
            b.append((char) p);
            pos++;
        }
        return b.toString();
    }

    /** flag = "\" atom / keyword; also "\*" (PERMANENTFLAGS form is refused later by the session). */
    String flag() {
        if (tryChar('\\')) {
            if (tryChar('*')) return "\\*";
            return "\\" + atom();
        }
        return atom();
    }

    /** flag-list = "(" [flag *(SP flag)] ")" (RFC 9051 §9). */
    List<String> flagList() {
        expect('(');
        List<String> flags = new ArrayList<>();
        if (!tryChar(')')) {
            do {
                flags.add(flag());
            } while (trySp());
            expect(')');
        }
        return flags;
    }

    long number() {
        String digits = take(p -> p >= '0' && p <= '9');
        if (digits.isEmpty() || digits.length() > 19) throw new SyntaxException("expected a number");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new SyntaxException("number too large");
        }
    }

    /** mod-sequence-value (1 .. 2^63-1), or mod-sequence-valzer (also 0) when {@code zero} (RFC 7162 §7). */
    long modseq(boolean zero) {
        long n = number();
        if (n < 1 && !zero) throw new SyntaxException("mod-sequence must be at least 1");
        return n;
    }

    /** The rest of the current line (AUTHENTICATE's initial response). */
    String rest() {
        byte[] l = cur();
        String s = new String(l, pos, l.length - pos, StandardCharsets.US_ASCII);
        pos = l.length;
        return s;
    }

    SequenceSet sequenceSet() {
        if (tryChar('$')) return SequenceSet.savedResult(); // RFC 5182 §4 seq-last-command
        List<SequenceSet.Range> ranges = new ArrayList<>();
        do {
            long a = seqNumber();
            long b = a;
            if (tryChar(':')) b = seqNumber();
            ranges.add(new SequenceSet.Range(a, b));
            if (ranges.size() > 100_000) throw new SyntaxException("sequence set too long");
        } while (tryChar(','));
        return new SequenceSet(ranges);
    }

    private long seqNumber() {
        if (tryChar('*')) return SequenceSet.STAR;
        if (peek() < '1' || peek() > '9') throw new SyntaxException("bad sequence set");
        long n = number();
        if (n > 0xffffffffL) throw new SyntaxException("sequence number too large");
        return n;
    }

    String astring() {
        int p = peek();
        if (p == '"' || p == '{') return string();
        return word(q -> isAtomChar(q) || q == ']', "expected a string");
    }

    String nstring() {
        if (tryWord("NIL")) return null;
        return string();
    }

    String string() {
        int p = peek();
        if (p == '"') return quoted();
        if (p == '{') return new String(literalBytes(), StandardCharsets.UTF_8);
        throw new SyntaxException("expected a string");
    }

    /** From here on, SEARCH strings are decoded with {@code charset}; {@code given} when the command named it. */
    void searchCharset(Charset charset, boolean given) {
        this.charset = charset;
        this.charsetGiven = given;
    }

    /** A SEARCH string, decoded with the command's CHARSET. */
    String searchString() {
        int p = peek();
        if (p == '{') return searchText(literalBytes());
        if (p == '"') return searchText(quotedBytes());
        return astring();
    }

    /**
     * Without a CHARSET, search strings are UTF-8 (RFC 9051 §6.4.4, RFC 6855 §3); octets that
     * are not valid UTF-8 are taken as ISO-8859-1, as Jakarta Mail (Angus 2.0.5) sends them
     * after ENABLE UTF8=ACCEPT, rather than turned into U+FFFD that matches nothing.
     */
    private String searchText(byte[] b) {
        if (charsetGiven) return new String(b, charset);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
    }

    String quoted() {
        return new String(quotedBytes(), StandardCharsets.UTF_8);
    }

    byte[] quotedBytes() {
        expect('"');
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int p = peek();
            if (p < 0) throw new SyntaxException("unterminated quoted string");
            pos++;
            if (p == '"') return b.toByteArray();
            if (p == '\\') {
                int q = peek();
                if (q != '"' && q != '\\') throw new SyntaxException("bad escape in quoted string");
                pos++;
                b.write(q);
            } else if (p == 0) {
                throw new SyntaxException("NUL in quoted string");
            } else {
                b.write(p);
            }
        }
    }

    /** The index of the literal announced here ({n} or {n+} at the end of the line); moves to the next line. */
    int literalIndexHere() {
        expect('{');
        while (peek() >= '0' && peek() <= '9') pos++;
        tryChar('+');
        expect('}');
        if (pos != cur().length || line >= in.literals().size()) throw new SyntaxException("literal not at the end of a line");
        int index = line;
        line++;
        pos = 0;
        return index;
    }

    ImapInput.Literal literal(int index) {
        return in.literals().get(index);
    }

    byte[] literalBytes() {
        int index = literalIndexHere();
        if (!(in.literals().get(index) instanceof ImapInput.Literal.Bytes(byte[] data))) {
            throw new SyntaxException("unexpected message literal");
        }
        return data;
    }

    /** list-mailbox = 1*list-char / string (RFC 9051 §9). */
    String listMailbox() {
        int p = peek();
        if (p == '"' || p == '{') return string();
        return word(q -> isAtomChar(q) || q == '%' || q == '*' || q == ']', "expected a mailbox pattern");
    }

    /** ATOM-CHAR: any CHAR except atom-specials ( ) { SP CTL % * " \ ] (RFC 9051 §9). */
    static boolean isAtomChar(int c) {
        if (c <= 0x20 || c >= 0x7f) return false;
        return switch (c) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }
}
