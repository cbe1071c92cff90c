package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentScannerTest {

    static ContentFeatures scan(String message, int chunk, long bodyLimit) {
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        ContentScanner s = new ContentScanner(bodyLimit);
        for (int i = 0; i < b.length; i += chunk) s.write(b, i, Math.min(chunk, b.length - i));
        return s.features();
    }

    static final String MSG = "Received: x\r\nFrom: \"Bank\"\r\n <a@b.example>\r\nSubject: =?utf-8?q?H=C3=A9llo?=\r\n"
            + "Date: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <1@b>\r\n\r\nbody " + Gtube.STRING + " end\r\n";

    @Test
    void fieldsAndGtubeWhateverTheChunking() {
        for (int chunk : new int[] {1, 2, 3, 7, 64, 100_000}) {
            ContentFeatures f = scan(MSG, chunk, 1 << 16);
            assertThat(f).as("chunk " + chunk)
                    .isEqualTo(new ContentFeatures(true, true, "\"Bank\" <a@b.example>", "Héllo", true));
        }
    }

    @Test
    void gtubeInTheHeaderOnlyOrPastTheLimitIsNotSeen() {
        assertThat(scan("Subject: " + Gtube.STRING + "\r\n\r\nclean\r\n", 5, 1 << 16).gtube()).isFalse();
        String late = "Subject: x\r\n\r\n" + "a".repeat(1000) + Gtube.STRING + "\r\n";
        assertThat(scan(late, 100, 1000).gtube()).isFalse();
        assertThat(scan(late, 100, 1000 + Gtube.STRING.length()).gtube()).isTrue();
    }

    @Test
    void gtubeAfterAPartialMatchIsFound() {
        // a prefix of the string right before the string itself, and a near miss
        assertThat(scan("S: x\r\n\r\nXJS*C4J" + Gtube.STRING, 3, 1 << 16).gtube()).isTrue();
        assertThat(scan("S: x\r\n\r\n" + Gtube.STRING.substring(0, 40) + "!" + Gtube.STRING.substring(41), 3, 1 << 16).gtube()).isFalse();
    }

    @Test
    void missingFieldsAndBareLineEnds() {
        ContentFeatures f = scan("Subject: hi\nX: y\n\nbody\n", 1, 100);
        assertThat(f).isEqualTo(new ContentFeatures(false, false, null, "hi", false));
        assertThat(scan("Subject: only header", 4, 100).subject()).isEqualTo("only header");
    }

    @Test
    void aHugeFieldIsCut() {
        ContentFeatures f = scan("Subject: " + "A".repeat(100_000) + "\r\n\r\n", 1000, 100);
        assertThat(f.subject()).hasSizeLessThanOrEqualTo(ContentScanner.MAX_VALUE);
    }
}
