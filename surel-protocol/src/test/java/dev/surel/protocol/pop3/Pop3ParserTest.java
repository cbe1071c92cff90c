package dev.surel.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table tests: raw line -> command record, or the syntax error. */
class Pop3ParserTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("USER alice@example.test", new Pop3Command.User("alice@example.test")),
                Arguments.of("user bob", new Pop3Command.User("bob")),
                Arguments.of("PASS secret with spaces ", new Pop3Command.Pass("secret with spaces ")),
                Arguments.of("pass p", new Pop3Command.Pass("p")),
                Arguments.of("AUTH", new Pop3Command.Auth("", Optional.empty())),
                Arguments.of("auth plain", new Pop3Command.Auth("PLAIN", Optional.empty())),
                Arguments.of("AUTH PLAIN AGFsaWNlAHB3", new Pop3Command.Auth("PLAIN", Optional.of("AGFsaWNlAHB3"))),
                Arguments.of("AUTH PLAIN =", new Pop3Command.Auth("PLAIN", Optional.of("="))),
                Arguments.of("APOP mrose c4c9334bac560ecc979e58001b3e22fb", new Pop3Command.Apop("mrose")),
                Arguments.of("STLS", new Pop3Command.Stls()),
                Arguments.of("capa", new Pop3Command.Capa()),
                Arguments.of("Stat", new Pop3Command.Stat()),
                Arguments.of("STAT ", new Pop3Command.Stat()),
                Arguments.of("LIST", new Pop3Command.List(OptionalInt.empty())),
                Arguments.of("LIST 2", new Pop3Command.List(OptionalInt.of(2))),
                Arguments.of("LIST 0", new Pop3Command.List(OptionalInt.of(0))),
                Arguments.of("RETR 1", new Pop3Command.Retr(1)),
                Arguments.of("retr  7", new Pop3Command.Retr(7)),
                Arguments.of("DELE 2147483647", new Pop3Command.Dele(Integer.MAX_VALUE)),
                Arguments.of("NOOP", new Pop3Command.Noop()),
                Arguments.of("RSET", new Pop3Command.Rset()),
                Arguments.of("TOP 1 0", new Pop3Command.Top(1, 0)),
                Arguments.of("top 3 10", new Pop3Command.Top(3, 10)),
                Arguments.of("UIDL", new Pop3Command.Uidl(OptionalInt.empty())),
                Arguments.of("UIDL 9", new Pop3Command.Uidl(OptionalInt.of(9))),
                Arguments.of("QUIT", new Pop3Command.Quit()),
                Arguments.of("utf8", new Pop3Command.Utf8()),
                Arguments.of("USER j\u00fcrgen@example.test", new Pop3Command.User("j\u00fcrgen@example.test")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void parses(String line, Pop3Command expected) {
        assertThat(Pop3Parser.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Pop3Parse.Ok(expected));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", Pop3SyntaxError.EMPTY),
                Arguments.of(" STAT", Pop3SyntaxError.EMPTY),
                Arguments.of("XYZZY", Pop3SyntaxError.UNKNOWN_COMMAND),
                Arguments.of("USER", Pop3SyntaxError.MISSING_ARGUMENT),
                Arguments.of("USER a b", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("PASS", Pop3SyntaxError.MISSING_ARGUMENT),
                Arguments.of("RETR", Pop3SyntaxError.MISSING_ARGUMENT),
                Arguments.of("RETR 1 2", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("RETR -1", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("RETR +1", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("RETR one", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("RETR 2147483648", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("RETR " + "1".repeat(41), Pop3SyntaxError.ARGUMENT_TOO_LONG),
                Arguments.of("DELE x", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("LIST 1 2", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("LIST x", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("TOP 1", Pop3SyntaxError.MISSING_ARGUMENT),
                Arguments.of("TOP 1 -1", Pop3SyntaxError.BAD_NUMBER),
                Arguments.of("TOP 1 2 3", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("STAT 1", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("QUIT now", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("AUTH " + "X".repeat(41), Pop3SyntaxError.ARGUMENT_TOO_LONG),
                Arguments.of("AUTH PLAIN a b", Pop3SyntaxError.TOO_MANY_ARGUMENTS),
                Arguments.of("STAT\u0000", Pop3SyntaxError.BAD_CHARACTER),
                Arguments.of("USER a\tb", Pop3SyntaxError.BAD_CHARACTER),
                Arguments.of("PASS " + "p".repeat(249), Pop3SyntaxError.LINE_TOO_LONG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refuses(String line, Pop3SyntaxError expected) {
        assertThat(Pop3Parser.parse(line.getBytes(StandardCharsets.UTF_8))).isEqualTo(new Pop3Parse.Invalid(expected));
    }

    @Test
    void longestLineIsAccepted() {
        String pw = "p".repeat(Pop3Parser.MAX_LINE - 5);
        assertThat(Pop3Parser.parse(("PASS " + pw).getBytes(StandardCharsets.US_ASCII))).isEqualTo(new Pop3Parse.Ok(new Pop3Command.Pass(pw)));
    }

    @Test
    void invalidUtf8IsRefused() {
        assertThat(Pop3Parser.parse(new byte[] {'U', 'S', 'E', 'R', ' ', (byte) 0xff}))
                .isEqualTo(new Pop3Parse.Invalid(Pop3SyntaxError.BAD_CHARACTER));
    }

    @Test
    void passwordsAreNotPrinted() {
        assertThat(new Pop3Command.Pass("hunter2").toString()).doesNotContain("hunter2");
        assertThat(new Pop3Command.Auth("PLAIN", Optional.of("AGFsaWNlAHB3")).toString()).doesNotContain("AGFsaWNlAHB3");
    }
}
