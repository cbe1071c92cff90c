package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SpamFieldFilterTest {

    static String filter(String in, int chunk, int[] removed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SpamFieldFilter f = new SpamFieldFilter(out::write);
        byte[] b = in.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i += chunk) f.write(b, i, Math.min(chunk, b.length - i));
        f.finish();
        removed[0] = f.removed();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void forgedFieldsGoEverythingElseStays() {
        String in = "Received: a\r\nX-Spam-Status: No, score=-100\r\n tests=FORGED\r\nSubject: x-spam-status: in a value\r\n"
                + "x-SPAM-score: -50\r\nX-Spamish: kept\r\nX-Spam: kept too\r\n\r\nX-Spam-Score: in the body stays\r\n";
        String want = "Received: a\r\nSubject: x-spam-status: in a value\r\nX-Spamish: kept\r\nX-Spam: kept too\r\n\r\n"
                + "X-Spam-Score: in the body stays\r\n";
        for (int chunk : new int[] {1, 2, 5, 13, 1000}) {
            int[] removed = new int[1];
            assertThat(filter(in, chunk, removed)).as("chunk " + chunk).isEqualTo(want);
            assertThat(removed[0]).isEqualTo(2);
        }
    }

    @Test
    void oddInputPassesUnchanged() {
        int[] removed = new int[1];
        String noColon = "a line without colon\r\n" + "N".repeat(300) + "\r\nFrom: x\r\n\r\nb";
        assertThat(filter(noColon, 7, removed)).isEqualTo(noColon);
        assertThat(filter("Subject: all header", 3, removed)).isEqualTo("Subject: all header");
        assertThat(filter("X-Spam-Flag: YES", 3, removed)).isEmpty();
        assertThat(filter("X-Spam-Flag: YES\nTo: a\n\nbody", 2, removed)).isEqualTo("To: a\n\nbody");
    }
}
