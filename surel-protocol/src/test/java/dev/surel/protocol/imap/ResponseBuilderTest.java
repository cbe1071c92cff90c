package dev.surel.protocol.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response writer never puts client CR/LF or 8-bit octets inside a quoted string (RFC 9051 §4.3, §9). */
class ResponseBuilderTest {

    private static String out(ResponseBuilder b) {
        return new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shortSevenBitIsQuotedWithEscapes() {
        assertThat(out(new ResponseBuilder().string("a \"b\" \\c"))).isEqualTo("\"a \\\"b\\\" \\\\c\"");
    }

    @Test
    void crLfNulEightBitAndLongGoAsLiterals() {
        assertThat(out(new ResponseBuilder().string("x\r\n* OK injected"))).isEqualTo("{16}\r\nx\r\n* OK injected");
        assertThat(out(new ResponseBuilder().string("caf\u00e9"))).isEqualTo("{5}\r\ncaf\u00c3\u00a9");
        // RFC 9051 §4.3: no NUL in a literal (only BINARY's literal8 may): 0x80 instead, as Dovecot does
        assertThat(new ResponseBuilder().string(new byte[] {'a', 0}).toByteArray()).containsExactly('{', '2', '}', '\r', '\n', 'a', 0x80);
        assertThat(out(new ResponseBuilder().string("x".repeat(1001)))).startsWith("{1001}\r\n");
    }

    @Test
    void valuesNest() {
        ImapValue v = new ImapValue.ListOf(List.of(ImapValue.NIL, new ImapValue.Num(7), new ImapValue.Atom("\\Seen"),
                new ImapValue.Str("s".getBytes()), new ImapValue.ListOf(List.of())));
        assertThat(out(new ResponseBuilder().value(v))).isEqualTo("(NIL 7 \\Seen \"s\" ())");
    }

    @Test
    void rawRefusesLineBreaks() {
        assertThatThrownBy(() -> new ResponseBuilder().raw("a\r\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneBuilderHoldsManyResponsesAndCutsOffAHalfBuiltOne() throws Exception {
        ResponseBuilder b = new ResponseBuilder();
        StringBuilder expected = new StringBuilder();
        for (int n = 1; n <= 500; n++) { // well past the first buffer: it grows
            b.raw("* ").number(n).raw(" FETCH (UID ").number(n * 10L).raw(")").crlf();
            expected.append("* ").append(n).append(" FETCH (UID ").append(n * 10L).append(")\r\n");
        }
        int whole = b.size();
        b.raw("* 501 FETCH (ENVELOPE ");
        assertThatThrownBy(() -> b.raw("bad\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(b.size()).as("a refused raw adds nothing").isEqualTo(whole + "* 501 FETCH (ENVELOPE ".length());
        b.truncate(whole);
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        b.writeTo(sink);
        assertThat(sink.toString(StandardCharsets.ISO_8859_1)).isEqualTo(expected.toString()).isEqualTo(out(b));
        assertThatThrownBy(() -> b.truncate(whole + 1)).isInstanceOf(IllegalArgumentException.class);
        b.reset();
        assertThat(out(b.number(0).sp().number(9).sp().number(10).sp().number(-3))).isEqualTo("0 9 10 -3");
    }
}
