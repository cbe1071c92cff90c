package dev.surel.protocol.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RFC 6376 §3.4: the examples of §3.4.5 and the edge cases of §3.4.3/§3.4.4. */
class CanonicalizationTest {

    /** RFC 6376 §3.4.5, written out octet by octet. */
    static final String EXAMPLE = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n";

    @Test
    void rfc6376Example345Relaxed() {
        HeaderField.Split split = HeaderField.split(bytes(EXAMPLE));
        assertThat(headers(split.headers(), Canonicalization.RELAXED)).isEqualTo("a:X\r\nb:Y Z\r\n");
        assertThat(string(Canonicalization.RELAXED.body(split.body()))).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void rfc6376Example345Simple() {
        HeaderField.Split split = HeaderField.split(bytes(EXAMPLE));
        assertThat(headers(split.headers(), Canonicalization.SIMPLE)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
        assertThat(string(Canonicalization.SIMPLE.body(split.body()))).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void emptyBodySimpleIsOneCrlfRelaxedIsEmpty() {
        assertThat(string(Canonicalization.SIMPLE.body(new byte[0]))).isEqualTo("\r\n");
        assertThat(string(Canonicalization.SIMPLE.body(bytes("\r\n\r\n")))).isEqualTo("\r\n");
        assertThat(Canonicalization.RELAXED.body(new byte[0])).isEmpty();
        assertThat(Canonicalization.RELAXED.body(bytes(" \r\n\t\r\n"))).isEmpty();
    }

    @Test
    void lastLineWithoutCrlfGetsOne() {
        assertThat(string(Canonicalization.SIMPLE.body(bytes("a\r\nb")))).isEqualTo("a\r\nb\r\n");
        assertThat(string(Canonicalization.RELAXED.body(bytes("a \r\nb\t")))).isEqualTo("a\r\nb\r\n");
    }

    @Test
    void simpleKeepsInnerEmptyLinesAndWhitespaceOnlyLines() {
        assertThat(string(Canonicalization.SIMPLE.body(bytes("a\r\n\r\n \r\nb\r\n\r\n")))).isEqualTo("a\r\n\r\n \r\nb\r\n");
        assertThat(string(Canonicalization.RELAXED.body(bytes("a\r\n\r\n \r\nb\r\n\r\n")))).isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    @Test
    void relaxedHeaderKeepsCaseOfValue() {
        assertThat(Canonicalization.RELAXED.header("SUBJECT :  Hello   World  ")).isEqualTo("subject:Hello World");
    }

    static String headers(List<HeaderField> fields, Canonicalization c) {
        return fields.stream().map(c::header).collect(Collectors.joining());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
