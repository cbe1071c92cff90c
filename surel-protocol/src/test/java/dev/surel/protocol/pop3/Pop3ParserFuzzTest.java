package dev.surel.protocol.pop3;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for {@link Pop3Parser} (docs/fuzzing.md). Without {@code JAZZER_FUZZ} it replays
 * {@code Pop3ParserFuzzTestInputs/parse}; {@code ./fuzz pop3} fuzzes it.
 *
 * <p>Asserts: any line gives a {@link Pop3Parse} (never an exception); a refusal carries one of
 * the fixed reply texts; an accepted line came from at most {@link Pop3Parser#MAX_LINE} octets
 * without control characters, and the command it gave, written back as a line, parses to the
 * same command (the parse is a fixed point, so what a session acts on is what the line said).
 */
class Pop3ParserFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] line) {
        switch (Pop3Parser.parse(line)) {
            case Pop3Parse.Invalid(Pop3SyntaxError e) -> check(e != null, "Invalid without a reason");
            case Pop3Parse.Ok(Pop3Command c) -> {
                check(line.length <= Pop3Parser.MAX_LINE, "accepted a line over 253 octets");
                for (byte b : line) check((b < 0 || b >= 0x20) && b != 0x7f, "accepted a control character");
                byte[] again = render(c).getBytes(StandardCharsets.UTF_8);
                Pop3Parse reparsed = Pop3Parser.parse(again);
                check(reparsed.equals(new Pop3Parse.Ok(c)), "not a fixed point: " + c + " -> " + reparsed);
            }
        }
    }

    /** The command as a client would send it (RFC 1939 §3: keyword, single spaces, arguments). */
    static String render(Pop3Command c) {
        return switch (c) {
            case Pop3Command.User u -> "USER " + u.name();
            case Pop3Command.Pass p -> "PASS " + p.password();
            case Pop3Command.Auth a -> "AUTH" + (a.mechanism().isEmpty() ? "" : " " + a.mechanism())
                    + a.initialResponse().map(r -> " " + r).orElse("");
            case Pop3Command.Apop a -> "APOP " + a.name() + " 0";
            case Pop3Command.Stls s -> "STLS";
            case Pop3Command.Capa s -> "CAPA";
            case Pop3Command.Stat s -> "STAT";
            case Pop3Command.List l -> "LIST" + (l.message().isPresent() ? " " + l.message().getAsInt() : "");
            case Pop3Command.Retr r -> "RETR " + r.message();
            case Pop3Command.Dele d -> "DELE " + d.message();
            case Pop3Command.Noop n -> "NOOP";
            case Pop3Command.Rset r -> "RSET";
            case Pop3Command.Top t -> "TOP " + t.message() + " " + t.lines();
            case Pop3Command.Uidl u -> "UIDL" + (u.message().isPresent() ? " " + u.message().getAsInt() : "");
            case Pop3Command.Quit q -> "QUIT";
            case Pop3Command.Utf8 u -> "UTF8";
        };
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
