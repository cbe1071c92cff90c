package dev.surel.protocol.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests of RFC 5804 §4: raw command -> command record, or the reason it is refused. */
class ManageSieveParserTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ManageSieveParse one(String line) {
        return ManageSieveParser.parse(CommandText.line(b(line)));
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("CAPABILITY", new ManageSieveCommand.Capability()),
                Arguments.of("capability", new ManageSieveCommand.Capability()),
                Arguments.of("StartTls", new ManageSieveCommand.StartTls()),
                Arguments.of("LOGOUT", new ManageSieveCommand.Logout()),
                Arguments.of("LISTSCRIPTS", new ManageSieveCommand.ListScripts()),
                Arguments.of("UNAUTHENTICATE", new ManageSieveCommand.Unauthenticate()),
                Arguments.of("AUTHENTICATE \"plain\"", new ManageSieveCommand.Authenticate("PLAIN", Optional.empty())),
                Arguments.of("AUTHENTICATE \"PLAIN\" \"AGFAYgBw\"", new ManageSieveCommand.Authenticate("PLAIN", Optional.of("AGFAYgBw"))),
                Arguments.of("HAVESPACE \"myscript\" 999999", new ManageSieveCommand.HaveSpace("myscript", 999_999)),
                Arguments.of("HAVESPACE \"x\" 4294967295", new ManageSieveCommand.HaveSpace("x", 4_294_967_295L)),
                Arguments.of("SETACTIVE \"\"", new ManageSieveCommand.SetActive("")),
                Arguments.of("SETACTIVE \"vacation\"", new ManageSieveCommand.SetActive("vacation")),
                Arguments.of("GETSCRIPT \"a \\\"quoted\\\" \\\\ name\"", new ManageSieveCommand.GetScript("a \"quoted\" \\ name")),
                Arguments.of("DELETESCRIPT \"jörg\"", new ManageSieveCommand.DeleteScript("jörg")),
                Arguments.of("RENAMESCRIPT \"a\" \"b\"", new ManageSieveCommand.RenameScript("a", "b")),
                Arguments.of("NOOP", new ManageSieveCommand.Noop(Optional.empty())),
                Arguments.of("NOOP \"STARTTLS-SYNC-42\"", new ManageSieveCommand.Noop(Optional.of("STARTTLS-SYNC-42"))));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parsesValidCommands(String line, ManageSieveCommand expected) {
        assertThat(one(line)).isEqualTo(new ManageSieveParse.Ok(expected));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", "a command name expected"),
                Arguments.of("FROB", "unknown command"),
                Arguments.of("CAPABILITY extra", "unexpected text"),
                Arguments.of("GETSCRIPT", "missing argument"),
                Arguments.of("GETSCRIPT  \"a\"", "a string (quoted or literal) expected"),
                Arguments.of("GETSCRIPT a", "a string (quoted or literal) expected"),
                Arguments.of("GETSCRIPT \"a", "unterminated quoted string"),
                Arguments.of("GETSCRIPT \"a\\n\"", "may be escaped"),
                Arguments.of("GETSCRIPT \"a\" ", "unexpected text"),
                Arguments.of("HAVESPACE \"a\" 4294967296", "number too large"),
                Arguments.of("HAVESPACE \"a\" -1", "a number expected"),
                Arguments.of("HAVESPACE \"a\"", "missing argument"),
                Arguments.of("RENAMESCRIPT \"a\"", "missing argument"),
                Arguments.of("GETSCRIPT {3+}", "a string (quoted or literal) expected"), // announced but no literal given
                Arguments.of("GETSCRIPT \"" + "x".repeat(1025) + "\"", "longer than 1024"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesInvalidCommands(String line, String reason) {
        assertThat(one(line)).isInstanceOfSatisfying(ManageSieveParse.Invalid.class, i -> assertThat(i.message()).contains(reason));
    }

    @Test
    void quotedStringsOfExactly1024OctetsAreAccepted() {
        assertThat(one("GETSCRIPT \"" + "x".repeat(1024) + "\"")).isInstanceOf(ManageSieveParse.Ok.class);
    }

    @Test
    void namesMustBeUtf8AndQuotedStringsMustHaveNoNul() {
        byte[] bad = {'G', 'E', 'T', 'S', 'C', 'R', 'I', 'P', 'T', ' ', '"', (byte) 0xC3, '"'};
        assertThat(ManageSieveParser.parse(CommandText.line(bad))).isInstanceOfSatisfying(ManageSieveParse.Invalid.class,
                i -> assertThat(i.message()).isEqualTo("script name is not valid UTF-8"));
        byte[] nul = {'G', 'E', 'T', 'S', 'C', 'R', 'I', 'P', 'T', ' ', '"', 0, '"'};
        assertThat(ManageSieveParser.parse(CommandText.line(nul))).isInstanceOf(ManageSieveParse.Invalid.class);
    }

    @Test
    void literalsCarryScriptsAndNamesAcrossLines() {
        byte[] script = b("require \"fileinto\";\r\nfileinto \"x\";\r\n");
        CommandText put = new CommandText(List.of(b("PUTSCRIPT \"a\" {" + script.length + "+}"), b("")), List.of(script));
        assertThat(ManageSieveParser.parse(put)).isInstanceOfSatisfying(ManageSieveParse.Ok.class, ok -> {
            ManageSieveCommand.PutScript p = (ManageSieveCommand.PutScript) ok.command();
            assertThat(p.name()).isEqualTo("a");
            assertThat(p.script()).isEqualTo(script);
        });
        CommandText rename = new CommandText(List.of(b("RENAMESCRIPT {3}"), b(" {1+}"), b("")), List.of(b("old"), b("n")));
        assertThat(ManageSieveParser.parse(rename)).isEqualTo(new ManageSieveParse.Ok(new ManageSieveCommand.RenameScript("old", "n")));
        CommandText trailing = new CommandText(List.of(b("CHECKSCRIPT {1+}"), b(" x")), List.of(b("k")));
        assertThat(ManageSieveParser.parse(trailing)).isInstanceOf(ManageSieveParse.Invalid.class);
    }

    @Test
    void literalMarksAreFoundOnlyAtTheEndAfterASpace() {
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a\" {12+}"))).isEqualTo(new LiteralMark.Literal(12));
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a\" {0}"))).isEqualTo(new LiteralMark.Literal(0));
        assertThat(ManageSieveParser.literalMark(b("{5+}"))).isEqualTo(new LiteralMark.Literal(5));
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a\" {99999999999+}"))).isEqualTo(new LiteralMark.Literal(Long.MAX_VALUE));
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a{5}\""))).isEqualTo(new LiteralMark.None());
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a\"{5}"))).isEqualTo(new LiteralMark.None());
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a\" {+}"))).isEqualTo(new LiteralMark.None());
        assertThat(ManageSieveParser.literalMark(b("PUTSCRIPT \"a\" {x}"))).isEqualTo(new LiteralMark.None());
    }

    @Test
    void saslResponsesAreOneString() {
        assertThat(ManageSieveParser.saslResponse(CommandText.line(b("\"dGVzdA==\"")))).contains("dGVzdA==");
        assertThat(ManageSieveParser.saslResponse(new CommandText(List.of(b("{4+}"), b("")), List.of(b("abcd"))))).contains("abcd");
        assertThat(ManageSieveParser.saslResponse(CommandText.line(b("\"*\"")))).contains("*");
        assertThat(ManageSieveParser.saslResponse(CommandText.line(b("dGVzdA==")))).isEmpty();
        assertThat(ManageSieveParser.saslResponse(CommandText.line(b("\"a\" \"b\"")))).isEmpty();
    }
}
