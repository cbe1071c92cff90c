package dev.surel.protocol.pop3;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Turns one POP3 command line (without its CRLF) into a {@link Pop3Command}: pure, no state.
 *
 * <p>Rules:
 * <ul>
 *   <li>Keywords are case-insensitive (RFC 1939 §3); keyword and arguments are separated by
 *       spaces (one, RFC 1939 §3; runs of spaces and trailing spaces are tolerated).</li>
 *   <li>A line is at most 255 octets including CRLF, so 253 here (RFC 2449 §4).</li>
 *   <li>Arguments are at most 40 octets (RFC 2449 §4), except the USER name (mail addresses are
 *       often longer), the PASS string (the rest of the line, spaces included, RFC 1939 §7) and
 *       the AUTH initial response (RFC 5034 §4 bounds it by the line), which only the line
 *       limit bounds.</li>
 *   <li>Message numbers and line counts are decimal digits only; a number too big for an int
 *       is {@link Pop3SyntaxError#BAD_NUMBER}. Message number 0 parses (the session answers
 *       "no such message").</li>
 *   <li>Control characters (below 0x20, and DEL) are refused; octets above 0x7F must be UTF-8
 *       (RFC 6856 user names and passwords).</li>
 * </ul>
 */
public final class Pop3Parser {

    /** RFC 2449 §4: 255 octets including CRLF. */
    public static final int MAX_LINE = 253;
    /** RFC 2449 §4. */
    public static final int MAX_ARGUMENT = 40;

    private Pop3Parser() {
    }

    public static Pop3Parse parse(byte[] line) {
        if (line.length > MAX_LINE) return invalid(Pop3SyntaxError.LINE_TOO_LONG);
        boolean ascii = true;
        for (byte b : line) {
            if ((b >= 0 && b < 0x20) || b == 0x7f) return invalid(Pop3SyntaxError.BAD_CHARACTER);
            if (b < 0) ascii = false;
        }
        String text;
        if (ascii) { // every command but a non-ASCII USER/PASS/AUTH: no decoder to make
            text = new String(line, StandardCharsets.US_ASCII);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
            } catch (CharacterCodingException e) {
                return invalid(Pop3SyntaxError.BAD_CHARACTER);
            }
        }
        int sp = text.indexOf(' ');
        String keyword = (sp < 0 ? text : text.substring(0, sp)).toUpperCase(Locale.ROOT);
        String rest = sp < 0 ? "" : text.substring(sp + 1);
        if (keyword.isEmpty()) return invalid(Pop3SyntaxError.EMPTY);
        if (keyword.equals("PASS")) {
            return rest.isEmpty() ? invalid(Pop3SyntaxError.MISSING_ARGUMENT) : ok(new Pop3Command.Pass(rest));
        }
        java.util.List<String> args = new ArrayList<>();
        for (String a : rest.split(" ")) if (!a.isEmpty()) args.add(a);
        return switch (keyword) {
            case "USER" -> args.size() != 1 ? count(args, 1) : ok(new Pop3Command.User(args.getFirst()));
            case "AUTH" -> auth(args);
            case "APOP" -> args.size() != 2 ? count(args, 2) : ok(new Pop3Command.Apop(args.getFirst()));
            case "STLS" -> none(args, new Pop3Command.Stls());
            case "CAPA" -> none(args, new Pop3Command.Capa());
            case "STAT" -> none(args, new Pop3Command.Stat());
            case "NOOP" -> none(args, new Pop3Command.Noop());
            case "RSET" -> none(args, new Pop3Command.Rset());
            case "QUIT" -> none(args, new Pop3Command.Quit());
            case "UTF8" -> none(args, new Pop3Command.Utf8());
            case "LIST" -> optionalNumber(args, n -> new Pop3Command.List(n));
            case "UIDL" -> optionalNumber(args, n -> new Pop3Command.Uidl(n));
            case "RETR" -> oneNumber(args, Pop3Command.Retr::new);
            case "DELE" -> oneNumber(args, Pop3Command.Dele::new);
            case "TOP" -> top(args);
            default -> invalid(Pop3SyntaxError.UNKNOWN_COMMAND);
        };
    }

    private static Pop3Parse auth(java.util.List<String> args) {
        if (args.isEmpty()) return ok(new Pop3Command.Auth("", Optional.empty()));
        if (args.size() > 2) return invalid(Pop3SyntaxError.TOO_MANY_ARGUMENTS);
        String mech = args.getFirst();
        if (mech.length() > MAX_ARGUMENT) return invalid(Pop3SyntaxError.ARGUMENT_TOO_LONG);
        return ok(new Pop3Command.Auth(mech.toUpperCase(Locale.ROOT),
                args.size() == 2 ? Optional.of(args.get(1)) : Optional.empty()));
    }

    private static Pop3Parse top(java.util.List<String> args) {
        if (args.size() != 2) return count(args, 2);
        Integer msg = number(args.get(0));
        Integer lines = number(args.get(1));
        if (msg == null || lines == null) return invalid(tooLongOr(args));
        return ok(new Pop3Command.Top(msg, lines));
    }

    private static Pop3Parse oneNumber(java.util.List<String> args, java.util.function.IntFunction<Pop3Command> make) {
        if (args.size() != 1) return count(args, 1);
        Integer n = number(args.getFirst());
        return n == null ? invalid(tooLongOr(args)) : ok(make.apply(n));
    }

    private static Pop3Parse optionalNumber(java.util.List<String> args, java.util.function.Function<OptionalInt, Pop3Command> make) {
        if (args.isEmpty()) return ok(make.apply(OptionalInt.empty()));
        if (args.size() > 1) return invalid(Pop3SyntaxError.TOO_MANY_ARGUMENTS);
        Integer n = number(args.getFirst());
        return n == null ? invalid(tooLongOr(args)) : ok(make.apply(OptionalInt.of(n)));
    }

    private static Pop3SyntaxError tooLongOr(java.util.List<String> args) {
        for (String a : args) if (a.length() > MAX_ARGUMENT) return Pop3SyntaxError.ARGUMENT_TOO_LONG;
        return Pop3SyntaxError.BAD_NUMBER;
    }

    /** Decimal digits to an int, or null. */
    static Integer number(String s) {
        if (s.isEmpty() || s.length() > MAX_ARGUMENT) return null;
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return null;
            v = v * 10 + (c - '0');
            if (v > Integer.MAX_VALUE) return null;
        }
        return (int) v;
    }

    private static Pop3Parse none(java.util.List<String> args, Pop3Command c) {
        return args.isEmpty() ? ok(c) : invalid(Pop3SyntaxError.TOO_MANY_ARGUMENTS);
    }

    private static Pop3Parse count(java.util.List<String> args, int wanted) {
        return invalid(args.size() < wanted ? Pop3SyntaxError.MISSING_ARGUMENT : Pop3SyntaxError.TOO_MANY_ARGUMENTS);
    }

    private static Pop3Parse ok(Pop3Command c) {
        return new Pop3Parse.Ok(c);
    }

    private static Pop3Parse invalid(Pop3SyntaxError e) {
        return new Pop3Parse.Invalid(e);
    }
}
