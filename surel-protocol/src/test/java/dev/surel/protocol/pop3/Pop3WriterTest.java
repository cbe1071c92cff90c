package dev.surel.protocol.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Status lines, dot-stuffing and the TOP filter. */
class Pop3WriterTest {

    @Test
    void statusLines() {
        assertThat(Pop3Reply.ok("2 320")).isEqualTo("+OK 2 320");
        assertThat(Pop3Reply.ok("")).isEqualTo("+OK");
        assertThat(Pop3Reply.err("no such message")).isEqualTo("-ERR no such message");
        assertThat(Pop3Reply.err(ResponseCode.IN_USE, "maildrop busy")).isEqualTo("-ERR [IN-USE] maildrop busy");
        assertThat(Pop3Reply.err(ResponseCode.SYS_TEMP, "x")).isEqualTo("-ERR [SYS/TEMP] x");
        assertThat(Pop3Reply.err(ResponseCode.LOGIN_DELAY, "x")).isEqualTo("-ERR [LOGIN-DELAY] x");
        assertThat(Pop3Reply.err(ResponseCode.AUTH, "x")).isEqualTo("-ERR [AUTH] x");
        assertThat(Pop3Reply.stuffed(".hidden")).isEqualTo("..hidden");
        assertThat(Pop3Reply.stuffed("plain")).isEqualTo("plain");
        assertThatThrownBy(() -> Pop3Reply.ok("a\r\n+OK injected")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pop3Reply.err("a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> stuffing() {
        return Stream.of(
                Arguments.of("", ".\r\n"),
                Arguments.of("a\r\n", "a\r\n.\r\n"),
                Arguments.of("a", "a\r\n.\r\n"),
                Arguments.of(".\r\n", "..\r\n.\r\n"),
                Arguments.of("x\r\n.\r\ny\r\n", "x\r\n..\r\ny\r\n.\r\n"),
                Arguments.of("..two\r\n.one\r\nmid.dle\r\n", "...two\r\n..one\r\nmid.dle\r\n.\r\n"),
                Arguments.of("a\r\n.", "a\r\n..\r\n.\r\n"));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("stuffing")
    void dotStuffing(String message, String wire) throws IOException {
        assertThat(stuff(message, 1 << 20)).isEqualTo(wire);
        assertThat(stuff(message, 1)).as("octet by octet").isEqualTo(wire);
        assertThat(stuff(message, 2)).as("in pairs").isEqualTo(wire);
    }

    private static String stuff(String message, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffer d = new DotStuffer(out);
        byte[] b = message.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i += chunk) d.write(b, i, Math.min(chunk, b.length - i));
        d.finish();
        d.finish();
        return out.toString(StandardCharsets.US_ASCII);
    }

    static final String MSG = "Subject: s\r\nFrom: a@b\r\n\r\nline1\r\n.line2\r\nline3\r\n";

    static Stream<Arguments> top() {
        return Stream.of(
                Arguments.of(MSG, 0, "Subject: s\r\nFrom: a@b\r\n\r\n"),
                Arguments.of(MSG, 1, "Subject: s\r\nFrom: a@b\r\n\r\nline1\r\n"),
                Arguments.of(MSG, 2, "Subject: s\r\nFrom: a@b\r\n\r\nline1\r\n.line2\r\n"),
                Arguments.of(MSG, 99, MSG),
                Arguments.of("Subject: only header\r\n", 0, "Subject: only header\r\n"),
                Arguments.of("Subject: s\r\n\r\n\r\nafter blank\r\n", 1, "Subject: s\r\n\r\n\r\n"),
                Arguments.of("Subject: s\r\n\r\nno final newline", 5, "Subject: s\r\n\r\nno final newline"));
    }

    @ParameterizedTest(name = "{index}: {1} lines")
    @MethodSource("top")
    void topFilter(String message, int lines, String expected) throws IOException {
        for (int chunk : new int[] {1, 3, 1 << 20}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TopFilter f = new TopFilter(out, lines);
            byte[] b = message.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < b.length; i += chunk) f.write(b, i, Math.min(chunk, b.length - i));
            assertThat(out.toString(StandardCharsets.US_ASCII)).as("chunk " + chunk).isEqualTo(expected);
        }
    }

    @Test
    void topFilterSaysWhenItNeedsNoMore() throws IOException {
        TopFilter f = new TopFilter(new ByteArrayOutputStream(), 0);
        f.write("H: v\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(f.satisfied()).isFalse();
        f.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(f.satisfied()).isTrue();
    }
}
