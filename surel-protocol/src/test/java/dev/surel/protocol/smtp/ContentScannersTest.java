package dev.surel.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BDAT's bare CR / LF check, the header scanner and reply writing. */
class ContentScannersTest {

    static byte[] b(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a\\r\\nb\\r\\n|false",
            "a\\nb\\r\\n|true",
            "a\\rb\\r\\n|true",
            "a\\r\\n.\\n|true",
            "a\\r|true",
            "''|false",
    })
    void bdatBareLineEndings(String content, boolean bare) {
        byte[] all = b(content);
        for (int split = 0; split <= all.length; split++) { // across chunk boundaries
            BareLineEndings s = new BareLineEndings();
            s.scan(all, 0, split);
            s.scan(all, split, all.length - split);
            s.finish();
            assertThat(s.found()).as("split at %d", split).isEqualTo(bare);
        }
    }

    @Test
    void headerScannerCountsReceivedAndFindsTheEnd() {
        byte[] m = b("Received: from a\\r\\n\tby b\\r\\nreceived: x\\r\\nDate: now\\r\\nMessage-Id: <1@x>\\r\\n\\r\\nReceived: body\\r\\n");
        for (int chunk : new int[] {1, 7, 1000}) {
            HeaderScanner h = new HeaderScanner();
            int end = -1;
            for (int off = 0; off < m.length && end < 0; off += chunk) {
                end = h.feed(m, off, Math.min(chunk, m.length - off));
            }
            assertThat(h.done()).isTrue();
            assertThat(end).isEqualTo(new String(m, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 2);
            assertThat(h.receivedCount()).isEqualTo(2);
            assertThat(h.hasDate()).isTrue();
            assertThat(h.hasMessageId()).isTrue();
        }
    }

    @Test
    void headerScannerStopsAtANonFieldLine() {
        HeaderScanner h = new HeaderScanner();
        byte[] m = b("Subject: x\\r\\nthis is not a field\\r\\n");
        assertThat(h.feed(m, 0, m.length)).isEqualTo(12);
        assertThat(h.hasDate()).isFalse();
    }

    @Test
    void replyLinesAreMultiLineWithEnhancedCodesAndNeverCarryControlCharacters() {
        SmtpReply r = new SmtpReply(250, "2.1.0", java.util.List.of("one", "two\r\n250 injected"));
        assertThat(r.wireLines()).containsExactly("250-2.1.0 one", "250 2.1.0 two??250 injected");
        assertThat(SmtpReply.plain(220, "hi").wire()).isEqualTo("220 hi\r\n");
    }
}
