package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * The Sieve grammar (RFC 5228 §8): lexical tokens (§8.1: comments, identifiers, tags, numbers,
 * quoted strings and {@code text:} multi-line strings) read straight from the source, then
 * commands, arguments, tests, test lists and blocks (§8.2). Every node keeps its line. Each
 * limit of {@link SieveLimits} that concerns the text is checked here: a script past one is a
 * {@link SieveException}, never a deep recursion or a huge allocation.
 */
public final class SieveParser {

    private final String src;
    private final SieveLimits limits;
    private int pos;
    private int line = 1;
    private int nodes;

    private SieveParser(String src, SieveLimits limits) {
        this.src = src;
        this.limits = limits;
    }

    /** Parses a whole script ({@code start = commands}, §8.2) into its commands. */
    public static List<Node.Command> parse(String source, SieveLimits limits) throws SieveException {
        if (source.length() > limits.maxScriptChars()) {
            throw new SieveException(1, "script is longer than " + limits.maxScriptChars() + " characters");
        }
        SieveParser p = new SieveParser(source, limits);
        List<Node.Command> cmds = p.commands(0);
        p.skipSpace();
        if (p.pos < p.src.length()) {
            throw p.error("unexpected " + p.describe());
        }
        return cmds;
    }

    // ---- §8.2 grammar ----

    private List<Node.Command> commands(int depth) throws SieveException {
        List<Node.Command> out = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length() || peek() == '}') return out;
            out.add(command(depth));
        }
    }

    private Node.Command command(int depth) throws SieveException {
        int at = line;
        String name = identifier("a command");
        countNode(at);
        List<Argument> args = new ArrayList<>();
        List<Node.Test> tests = new ArrayList<>();
        arguments(args, tests, depth);
        skipSpace();
        if (pos >= src.length()) throw error("missing ';' or '{' after command " + name);
        char c = peek();
        if (c == ';') {
            pos++;
            return new Node.Command(name, args, tests, null, at);
        }
        if (c == '{') {
            if (depth + 1 > limits.maxNesting()) throw error("blocks nested deeper than " + limits.maxNesting());
            pos++;
            List<Node.Command> block = commands(depth + 1);
            skipSpace();
            if (pos >= src.length() || peek() != '}') throw error("missing '}' of the block opened on line " + at);
            pos++;
            return new Node.Command(name, args, tests, block, at);
        }
        throw error("expected ';' or '{' after command " + name + ", found " + describe());
    }

    /** {@code arguments = *argument [ test / test-list ]}. */
    private void arguments(List<Argument> args, List<Node.Test> tests, int depth) throws SieveException {
        while (true) {
            skipSpace();
            if (pos >= src.length()) return;
            char c = peek();
            if (c == ':' ) {
                int at = line;
                pos++;
                args.add(new Argument.Tag(":" + identifier("a tag").toLowerCase(java.util.Locale.ROOT), at));
            } else if (isDigit(c)) {
                args.add(number());
            } else if (c == '"' || c == '[' || startsText()) {
                args.add(stringList());
            } else if (c == '(') {
                testList(tests, depth);
                return;
            } else if (isIdentStart(c)) {
                if (depth + 1 > limits.maxNesting()) throw error("tests nested deeper than " + limits.maxNesting());
                tests.add(test(depth + 1));
                return;
            } else {
                return;
            }
            if (args.size() > limits.maxListItems()) throw error("more than " + limits.maxListItems() + " arguments");
        }
    }

    private void testList(List<Node.Test> tests, int depth) throws SieveException {
        if (depth + 1 > limits.maxNesting()) throw error("tests nested deeper than " + limits.maxNesting());
        pos++; // (
        while (true) {
            skipSpace();
            if (pos >= src.length() || !isIdentStart(peek())) throw error("expected a test, found " + describe());
            tests.add(test(depth + 1));
            if (tests.size() > limits.maxListItems()) throw error("more than " + limits.maxListItems() + " tests in a list");
            skipSpace();
            if (pos >= src.length()) throw error("missing ')' of the test list");
            char c = peek();
            pos++;
            if (c == ')') return;
            if (c != ',') {
                pos--;
                throw error("expected ',' or ')' in the test list, found " + describe());
            }
        }
    }

    private Node.Test test(int depth) throws SieveException {
        int at = line;
        String name = identifier("a test");
        countNode(at);
        List<Argument> args = new ArrayList<>();
        List<Node.Test> tests = new ArrayList<>();
        skipSpace();
        boolean list = pos < src.length() && peek() == '(';
        arguments(args, tests, depth);
        return new Node.Test(name, args, tests, list, at);
    }

    private Argument.Strings stringList() throws SieveException {
        int at = line;
        if (peek() != '[') return new Argument.Strings(List.of(string()), false, at);
        pos++;
        List<String> items = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= src.length() || !(peek() == '"' || startsText())) throw error("expected a string in the list, found " + describe());
            lines.add(line);
            items.add(string());
            if (items.size() > limits.maxListItems()) throw error("more than " + limits.maxListItems() + " strings in a list");
            skipSpace();
            if (pos >= src.length()) throw error("missing ']' of the string list opened on line " + at);
            char c = peek();
            pos++;
            if (c == ']') return new Argument.Strings(items, true, at, lines);
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in the string list, found " + describe());
            }
        }
    }

    // ---- §8.1 tokens ----

    private String string() throws SieveException {
        return peek() == '"' ? quoted() : multiLine();
    }

    /** {@code quoted-string}: {@code \\} and {@code \"} escape; any other backslash is dropped (§2.4.2). */
    private String quoted() throws SieveException {
        int at = line;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) throw new SieveException(at, "unterminated string");
            char c = src.charAt(pos++);
            if (c == '"') return sb.toString();
            if (c == '\\') {
                if (pos >= src.length()) throw new SieveException(at, "unterminated string");
                c = src.charAt(pos++);
            }
            if (c == '\n') line++;
            sb.append(c);
            if (sb.length() > limits.maxStringChars()) throw new SieveException(at, "string longer than " + limits.maxStringChars() + " characters");
        }
    }

    private boolean startsText() {
        return src.regionMatches(true, pos, "text:", 0, 5);
    }

    /**
     * {@code multi-line = "text:" *(SP / HTAB) (hash-comment / CRLF) *(multiline-literal /
     * multiline-dotstart) "." CRLF}: lines up to a line holding only a dot; a leading ".." loses
     * one dot (§2.4.2). Bare LF line ends are accepted as CRLF is.
     */
    private String multiLine() throws SieveException {
        int at = line;
        pos += 5;
        while (pos < src.length() && (peek() == ' ' || peek() == '\t')) pos++;
        if (pos < src.length() && peek() == '#') {
            while (pos < src.length() && peek() != '\n') pos++;
        } else if (pos < src.length() && peek() == '\r') {
            pos++;
        }
        if (pos >= src.length() || peek() != '\n') throw error("expected the end of the line after text:");
        pos++;
        line++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) throw new SieveException(at, "unterminated text: string (a line with only '.' ends it)");
            int eol = src.indexOf('\n', pos);
            int end = eol < 0 ? src.length() : eol;
            int contentEnd = end > pos && src.charAt(end - 1) == '\r' ? end - 1 : end;
            String l = src.substring(pos, contentEnd);
            pos = eol < 0 ? src.length() : eol + 1;
            if (eol >= 0) line++;
            if (l.equals(".")) {
                if (eol < 0) throw new SieveException(at, "missing line end after the '.' of text:");
                return sb.toString();
            }
            if (l.startsWith(".")) l = l.substring(1);
            sb.append(l);
            if (eol >= 0) sb.append("\r\n");
            if (sb.length() > limits.maxStringChars()) throw new SieveException(at, "string longer than " + limits.maxStringChars() + " characters");
        }
    }

    /** {@code number = 1*DIGIT [ QUANTIFIER ]}, K = 2^10, M = 2^20, G = 2^30 (§2.4.1). */
    private Argument.Num number() throws SieveException {
        int at = line;
        long v = 0;
        while (pos < src.length() && isDigit(peek())) {
            int d = src.charAt(pos++) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) throw error("number too large");
            v = v * 10 + d;
        }
        if (pos < src.length()) {
            int shift = switch (peek()) {
                case 'K', 'k' -> 10;
                case 'M', 'm' -> 20;
                case 'G', 'g' -> 30;
                default -> 0;
            };
            if (shift > 0) {
                pos++;
                if (v > (Long.MAX_VALUE >> shift)) throw error("number too large");
                v <<= shift;
            }
        }
        if (pos < src.length() && (isIdentStart(peek()) || isDigit(peek()))) throw error("bad number");
        return new Argument.Num(v, at);
    }

    private String identifier(String what) throws SieveException {
        if (pos >= src.length() || !isIdentStart(peek())) throw error("expected " + what + ", found " + describe());
        int start = pos;
        while (pos < src.length() && (isIdentStart(peek()) || isDigit(peek()))) pos++;
        if (pos - start > 128) throw error("identifier longer than 128 characters");
        return src.substring(start, pos);
    }

    /** White space and comments (§2.3: {@code #} to the end of the line, and bracketed comments). */
    private void skipSpace() throws SieveException {
        while (pos < src.length()) {
            char c = peek();
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && peek() != '\n') pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
                int at = line;
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) throw new SieveException(at, "unterminated comment");
                for (int i = pos; i < end; i++) if (src.charAt(i) == '\n') line++;
                pos = end + 2;
            } else {
                return;
            }
        }
    }

    private void countNode(int at) throws SieveException {
        if (++nodes > limits.maxCommands()) throw new SieveException(at, "more than " + limits.maxCommands() + " commands and tests");
    }

    private char peek() {
        return src.charAt(pos);
    }

    private String describe() {
        if (pos >= src.length()) return "the end of the script";
        char c = src.charAt(pos);
        if (c < 0x20 || c == 0x7f) return String.format("character U+%04X", (int) c);
        return "'" + c + "'";
    }

    private SieveException error(String msg) {
        return new SieveException(line, msg);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }
}
