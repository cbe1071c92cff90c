package dev.surel.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The end of DATA, dot-unstuffing and every bare CR / LF variant of the 2023 smuggling attacks
 * (RFC 5321 §2.3.8, §4.1.1.4, §4.5.2). Inputs are written with escapes: {@code \r}, {@code \n}.
 */
class DataDecoderTest {

    record Run(String content, int consumed, boolean ended, boolean bare) { }

    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    /** Feeds the input in chunks of {@code chunk} octets, stopping at the end. */
    static Run run(String input, int chunk) {
        byte[] in = unescape(input).getBytes(StandardCharsets.ISO_8859_1);
        DataDecoder d = new DataDecoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < in.length && !d.ended()) {
            int n = Math.min(chunk, in.length - pos);
            int used = d.feed(in, pos, n, out::write);
            pos += used;
            if (used < n) break;
        }
        assertThat(d.octets()).isEqualTo(out.size());
        return new Run(out.toString(StandardCharsets.ISO_8859_1), pos, d.ended(), d.bareLineEnding());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // input | content | octets consumed
            ".\\r\\n|''|3",
            "a\\r\\n.\\r\\n|a\\r\\n|6",
            "a\\r\\n.\\r\\nQUIT\\r\\n|a\\r\\n|6",
            "..x\\r\\n.\\r\\n|.x\\r\\n|8",
            "a\\r\\n..\\r\\n.\\r\\n|a\\r\\n.\\r\\n|10",
            "a\\r\\n.b\\r\\n.\\r\\n|a\\r\\nb\\r\\n|10",
            "a.b\\r\\n.\\r\\n|a.b\\r\\n|8",
            "\\r\\n.\\r\\n|\\r\\n|5",
    })
    void endsAtCrlfDotCrlfAndUnstuffs(String input, String content, int consumed) {
        for (int chunk : new int[] {1, 2, 3, 1000}) {
            Run r = run(input, chunk);
            assertThat(r.ended()).as("chunk %d", chunk).isTrue();
            assertThat(r.bare()).isFalse();
            assertThat(r.content()).isEqualTo(unescape(content));
            assertThat(r.consumed()).isEqualTo(consumed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a\\n.\\nMAIL FROM:<x@y>\\r\\n",     // LF . LF
            "a\\r.\\rMAIL FROM:<x@y>\\r\\n",     // CR . CR
            "a\\n.\\r\\nMAIL FROM:<x@y>\\r\\n",  // LF . CRLF
            "a\\r\\n.\\nMAIL FROM:<x@y>\\r\\n",  // CRLF . LF
            "a\\r.\\r\\nMAIL FROM:<x@y>\\r\\n",  // CR . CRLF
            "a\\r\\n.\\rMAIL FROM:<x@y>\\r\\n",  // CRLF . CR
            "bare\\nlf mid-line\\r\\n",
            "bare\\rcr mid-line\\r\\n",
            "\\n.\\n",
            "\\r.\\r",
    })
    void bareLineEndingsEndNothingAndAreFlagged(String smuggle) {
        String input = smuggle + "rest\\r\\n.\\r\\nQUIT\\r\\n";
        for (int chunk : new int[] {1, 2, 5, 4096}) {
            Run r = run(input, chunk);
            assertThat(r.bare()).as("chunk %d", chunk).isTrue();
            assertThat(r.ended()).isTrue();
            assertThat(r.consumed()).as("reads on to the real end only").isEqualTo(unescape(input).length() - "QUIT\r\n".length());
            assertThat(r.content()).endsWith("rest\r\n");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\n.\\n", "a\\r.\\r", "a\\r\\n.\\n", "a\\n.\\r\\n", "a\\r.\\r\\n", "a\\r\\n.x"})
    void withoutTheRealEndItDoesNotEnd(String input) {
        Run r = run(input, 3);
        assertThat(r.ended()).isFalse();
    }
}
