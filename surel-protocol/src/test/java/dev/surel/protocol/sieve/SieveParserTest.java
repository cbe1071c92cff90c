package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5228 §8 grammar: tokens, strings, lists, tests, blocks, line numbers and the limits. */
class SieveParserTest {

    private static List<Node.Command> parse(String s) throws SieveException {
        return SieveParser.parse(s, SieveLimits.DEFAULT);
    }

    @Test
    void commandsWithArgumentsTestsAndBlocksKeepTheirLines() throws SieveException {
        List<Node.Command> cmds = parse("""
                require ["fileinto", "copy"]; # comment
                /* bracketed
                   comment */
                if anyof (header :contains "Subject" "x", size :over 1K) {
                  fileinto :copy "A";
                } else { stop; }
                """);
        assertThat(cmds).extracting(Node.Command::name).containsExactly("require", "if", "else");
        assertThat(cmds).extracting(Node.Command::line).containsExactly(1, 4, 6);
        Node.Command ifc = cmds.get(1);
        Node.Test anyof = ifc.tests().getFirst();
        assertThat(anyof.testList()).isTrue();
        assertThat(anyof.tests()).extracting(Node.Test::name).containsExactly("header", "size");
        assertThat(anyof.tests().get(1).arguments()).containsExactly(new Argument.Tag(":over", 4), new Argument.Num(1024, 4));
        Node.Command fileinto = ifc.block().getFirst();
        assertThat(fileinto.line()).isEqualTo(5);
        assertThat(fileinto.arguments()).containsExactly(new Argument.Tag(":copy", 5),
                new Argument.Strings(List.of("A"), false, 5));
        assertThat(cmds.get(0).arguments()).containsExactly(new Argument.Strings(List.of("fileinto", "copy"), true, 1));
    }

    @Test
    void numbersTakeQuantifiers() throws SieveException {
        List<Node.Command> c = parse("x 0 7 2k 3M 1G;");
        assertThat(c.getFirst().arguments()).extracting(a -> ((Argument.Num) a).value())
                .containsExactly(0L, 7L, 2048L, 3L << 20, 1L << 30);
    }

    @Test
    void quotedStringEscapes() throws SieveException {
        // §2.4.2: \" and \\ escape; a backslash before another character is dropped
        List<Node.Command> c = parse("x \"a\\\"b\\\\c\\d\nnext\";");
        assertThat(((Argument.Strings) c.getFirst().arguments().getFirst()).values()).containsExactly("a\"b\\cd\nnext");
    }

    @Test
    void multiLineStringsAreDotUnstuffed() throws SieveException {
        List<Node.Command> c = parse("x text: # comment\r\nline one\r\n..dot\r\n.\r\n;\ny;");
        assertThat(((Argument.Strings) c.getFirst().arguments().getFirst()).values()).containsExactly("line one\r\n.dot\r\n");
        assertThat(c.get(1).line()).isEqualTo(6);
    }

    @Test
    void multiLineWithBareLineFeeds() throws SieveException {
        List<Node.Command> c = parse("x text:\nhi\n.\n;");
        assertThat(((Argument.Strings) c.getFirst().arguments().getFirst()).values()).containsExactly("hi\r\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "keep                        | 1 | missing ';' or '{' after command keep",
            "'\n\nif true { keep; '      | 3 | missing '}' of the block opened on line 3",
            "x \"abc                     | 1 | unterminated string",
            "'x text:\nabc\n'            | 1 | unterminated text: string",
            "/* abc                      | 1 | unterminated comment",
            "x [\"a\" \"b\"];            | 1 | expected ',' or ']' in the string list",
            "x [];                       | 1 | expected a string in the list",
            "x 99999999999999999999;     | 1 | number too large",
            "x 17G7;                     | 1 | bad number",
            "if anyof(true,) {}          | 1 | expected a test",
            "'keep;\n}'                  | 2 | unexpected '}'",
            "x :;                        | 1 | expected a tag",
            "'keep;\n\"s\";'             | 2 | expected a command",
    })
    void syntaxErrorsNameTheLine(String script, int line, String message) {
        assertThatThrownBy(() -> parse(script)).isInstanceOfSatisfying(SieveException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(message);
        });
    }

    @Test
    void limitsAreErrorsNotCrashes() {
        SieveLimits small = new SieveLimits(400, 3, 10, 4, 50, 1000, 10, 2, 100, 10, 2, 4);
        assertThatThrownBy(() -> SieveParser.parse("#".repeat(401), small)).hasMessageContaining("script is longer than 400");
        assertThatThrownBy(() -> SieveParser.parse("if true { if true { if true { if true { keep; } } } }", small))
                .hasMessageContaining("nested deeper than 3");
        assertThatThrownBy(() -> SieveParser.parse("if not not not not true { }", small)).hasMessageContaining("nested deeper than 3");
        assertThatThrownBy(() -> SieveParser.parse("x \"12345678901\";", small)).hasMessageContaining("longer than 10");
        assertThatThrownBy(() -> SieveParser.parse("x [\"1\",\"2\",\"3\",\"4\",\"5\"];", small)).hasMessageContaining("more than 4 strings");
        assertThatThrownBy(() -> SieveParser.parse("keep;".repeat(51), small)).hasMessageContaining("more than 50 commands");
        // deep nesting with the default limits: an error, not a StackOverflowError
        assertThatThrownBy(() -> parse("if " + "not ".repeat(100_000) + "true {}")).isInstanceOf(SieveException.class);
        assertThatThrownBy(() -> parse("if true {".repeat(50_000))).isInstanceOf(SieveException.class);
    }
}
