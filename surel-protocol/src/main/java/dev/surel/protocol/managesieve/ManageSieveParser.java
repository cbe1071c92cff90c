package dev.surel.protocol.managesieve;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 5804 §4 grammar, pure: a {@link CommandText} (lines and literals, as the session read
 * them) to a {@link ManageSieveCommand}. Command names are case-insensitive atoms; arguments are
 * separated by one space; strings are quoted (at most {@value #MAX_QUOTED} octets, escapes
 * {@code \"} and {@code \\} only, no NUL) or literals; numbers are 0..{@value #MAX_NUMBER}.
 * Names, SASL data and tags must be UTF-8. Errors are texts for {@code NO} (ManageSieve has no
 * BAD), never echoing the peer's octets.
 */
public final class ManageSieveParser {
    /** RFC 5804 §4: {@code number = 1*DIGIT ;; 0 <= n < 4,294,967,296}. */
    public static final long MAX_NUMBER = 4_294_967_295L;
    /** RFC 5804 §4: {@code quoted = DQUOTE *1024QUOTED-CHAR DQUOTE}. */
    public static final int MAX_QUOTED = 1024;

    private ManageSieveParser() {
    }

    /** The literal a line announces at its end, if any. */
    public static LiteralMark literalMark(byte[] line) {
        return LiteralMark.of(line);
    }

    public static ManageSieveParse parse(CommandText text) {
        try {
            return new ManageSieveParse.Ok(command(new Cursor(text)));
        } catch (Syntax e) {
            return new ManageSieveParse.Invalid(e.getMessage());
        }
    }

    /**
     * A client's SASL response (RFC 5804 §2.1: one string on its own line, quoted or a literal):
     * its text, or empty when it is not one string.
     */
    public static Optional<String> saslResponse(CommandText text) {
        try {
            Cursor c = new Cursor(text);
            String s = c.utf8(c.string(), "SASL response");
            c.end();
            return Optional.of(s);
        } catch (Syntax e) {
            return Optional.empty();
        }
    }

    private static ManageSieveCommand command(Cursor c) throws Syntax {
        String name = c.atom().toUpperCase(Locale.ROOT);
        ManageSieveCommand cmd = switch (name) {
            case "AUTHENTICATE" -> {
                c.sp();
                String mech = c.utf8(c.string(), "mechanism").toUpperCase(Locale.ROOT);
                Optional<String> initial = Optional.empty();
                if (c.more()) {
                    c.sp();
                    initial = Optional.of(c.utf8(c.string(), "initial response"));
                }
                yield new ManageSieveCommand.Authenticate(mech, initial);
            }
            case "STARTTLS" -> new ManageSieveCommand.StartTls();
            case "LOGOUT" -> new ManageSieveCommand.Logout();
            case "CAPABILITY" -> new ManageSieveCommand.Capability();
            case "LISTSCRIPTS" -> new ManageSieveCommand.ListScripts();
            case "UNAUTHENTICATE" -> new ManageSieveCommand.Unauthenticate();
            case "HAVESPACE" -> {
                String n = c.name();
                c.sp();
                yield new ManageSieveCommand.HaveSpace(n, c.number());
            }
            case "PUTSCRIPT" -> {
                String n = c.name();
                c.sp();
                yield new ManageSieveCommand.PutScript(n, c.string());
            }
            case "CHECKSCRIPT" -> {
                c.sp();
                yield new ManageSieveCommand.CheckScript(c.string());
            }
            case "SETACTIVE" -> new ManageSieveCommand.SetActive(c.name());
            case "GETSCRIPT" -> new ManageSieveCommand.GetScript(c.name());
            case "DELETESCRIPT" -> new ManageSieveCommand.DeleteScript(c.name());
            case "RENAMESCRIPT" -> {
                String from = c.name();
                yield new ManageSieveCommand.RenameScript(from, c.name());
            }
            case "NOOP" -> {
                Optional<String> tag = Optional.empty();
                if (c.more()) {
                    c.sp();
                    tag = Optional.of(c.utf8(c.string(), "tag"));
                }
                yield new ManageSieveCommand.Noop(tag);
            }
            default -> throw new Syntax("unknown command");
        };
        c.end();
        return cmd;
    }

    private static final class Syntax extends Exception {
        Syntax(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads tokens across the lines and literals of one command. */
    private static final class Cursor {
        private final CommandText text;
        private int line;
        private int pos;

        Cursor(CommandText text) {
            this.text = text;
        }

        private byte[] cur() {
            return text.lines().get(line);
        }

        boolean more() {
            return pos < cur().length || line < text.lines().size() - 1;
        }

        void end() throws Syntax {
            if (more()) throw new Syntax("unexpected text after the command's arguments");
        }

        void sp() throws Syntax {
            if (pos >= cur().length || cur()[pos] != ' ') throw new Syntax("missing argument or space between arguments");
            pos++;
        }

        String atom() throws Syntax {
            int start = pos;
            byte[] b = cur();
            while (pos < b.length && (b[pos] >= 'A' && b[pos] <= 'Z' || b[pos] >= 'a' && b[pos] <= 'z')) pos++;
            if (pos == start) throw new Syntax("a command name expected");
            return new String(b, start, pos - start, StandardCharsets.US_ASCII);
        }

        /** SP then a script name string, decoded. */
        String name() throws Syntax {
            sp();
            return utf8(string(), "script name");
        }

        long number() throws Syntax {
            byte[] b = cur();
            int start = pos;
            long n = 0;
            while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
                n = n * 10 + (b[pos] - '0');
                if (n > MAX_NUMBER) throw new Syntax("number too large");
                pos++;
            }
            if (pos == start) throw new Syntax("a number expected");
            return n;
        }

        byte[] string() throws Syntax {
            byte[] b = cur();
            if (pos >= b.length) throw new Syntax("a string expected");
            if (b[pos] == '"') return quoted(b);
            if (line < text.literals().size() && markerAt(b, pos)) {
                byte[] literal = text.literals().get(line);
                line++;
                pos = 0;
                return literal;
            }
            throw new Syntax("a string (quoted or literal) expected");
        }

        /** True when {@code b} from {@code p} to its end is exactly a literal announcement {N} or {N+}. */
        private static boolean markerAt(byte[] b, int p) {
            int end = b.length - 1;
            if (b[p] != '{' || end <= p || b[end] != '}') return false;
            if (b[end - 1] == '+') end--;
            if (end - 1 <= p) return false;
            for (int i = p + 1; i < end; i++) {
                if (b[i] < '0' || b[i] > '9') return false;
            }
            return true;
        }

        private byte[] quoted(byte[] b) throws Syntax {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            int i = pos + 1;
            while (true) {
                if (i >= b.length) throw new Syntax("unterminated quoted string");
                byte x = b[i];
                if (x == '"') break;
                if (x == 0) throw new Syntax("NUL in a quoted string");
                if (x == '\\') {
                    if (i + 1 >= b.length || b[i + 1] != '"' && b[i + 1] != '\\') {
                        throw new Syntax("only \\\" and \\\\ may be escaped in a quoted string");
                    }
                    i++;
                    x = b[i];
                }
                out.write(x);
                if (out.size() > MAX_QUOTED) throw new Syntax("quoted string longer than " + MAX_QUOTED + " octets: use a literal");
                i++;
            }
            pos = i + 1;
            return out.toByteArray();
        }

        String utf8(byte[] b, String what) throws Syntax {
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw new Syntax(what + " is not valid UTF-8");
            }
        }
    }
}
