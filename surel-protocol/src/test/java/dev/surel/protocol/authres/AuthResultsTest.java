package dev.surel.protocol.authres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 8601 §2.2 field syntax, §5 removal of fields claiming our authserv-id. */
class AuthResultsTest {

    @Test
    void authservIdIsReadPastCommentsAndQuoting() {
        assertThat(AuthservId.of(" mx.example.org; dkim=pass")).contains("mx.example.org");
        assertThat(AuthservId.of("\r\n\t(comment (nested)) MX.Example.Org 1; none")).contains("MX.Example.Org");
        assertThat(AuthservId.of(" \"mx.example.org\"; none")).contains("mx.example.org");
        assertThat(AuthservId.of(" ; none")).isEmpty();
        assertThat(AuthservId.of(" (unterminated")).isEmpty();
        assertThat(AuthservId.claims(" MX.example.org; spf=pass", "mx.example.org")).isTrue();
        assertThat(AuthservId.claims(" mx.example.org.evil; spf=pass", "mx.example.org")).isFalse();
    }

    @Test
    void fieldIsFoldedAndPeerTextCannotBreakIt() {
        String f = new AuthResults("mx.example.org")
                .add("spf", "pass", "ok", "smtp.mailfrom", "a@example.com")
                .add("dkim", "fail", "bad (sig)\r\nX-Evil: 1", "header.d", "example.com", "header.s", "s;1")
                .field();
        assertThat(f).isEqualTo("Authentication-Results: mx.example.org;\r\n\tspf=pass (ok) smtp.mailfrom=a@example.com;\r\n"
                + "\tdkim=fail (bad  sig   X-Evil: 1) header.d=example.com header.s=\"s;1\"\r\n");
        assertThat(new AuthResults("h").field()).isEqualTo("Authentication-Results: h; none\r\n");
    }

    static final String MESSAGE = """
            Authentication-Results: mx.example.org; dkim=pass header.d=bank.example
            Received: from x
            authentication-results : (c) MX.EXAMPLE.ORG;
            \tdmarc=pass header.from=bank.example
            Authentication-Results: other.example; spf=fail
            Subject: hi
            Authentication-Results: mx.example.org.other; spf=pass

            Authentication-Results: mx.example.org; body lines are not fields
            """.replace("\n", "\r\n");

    static final String EXPECTED = """
            Received: from x
            Authentication-Results: other.example; spf=fail
            Subject: hi
            Authentication-Results: mx.example.org.other; spf=pass

            Authentication-Results: mx.example.org; body lines are not fields
            """.replace("\n", "\r\n");

    @Test
    void ourFieldsAreRemovedOthersStayWhateverTheChunks() {
        byte[] in = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        Random r = new Random(8601);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OwnResultsFilter f = new OwnResultsFilter("mx.example.org", out::write, 4096);
            for (int pos = 0; pos < in.length; ) {
                int n = Math.min(in.length - pos, 1 + r.nextInt(round < 100 ? 3 : 40));
                f.write(in, pos, n);
                pos += n;
            }
            f.finish();
            assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(EXPECTED);
            assertThat(f.removed()).isEqualTo(2);
        }
    }

    @Test
    void headerOnlyMessageAndLongFields() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OwnResultsFilter f = new OwnResultsFilter("mx.example.org", out::write, 64);
        String longOther = "X-Long: " + "a".repeat(200) + "\r\n";
        String longOurs = "Authentication-Results: (" + "c".repeat(200) + ") mx.example.org; dkim=pass\r\n\tmore\r\n";
        byte[] in = (longOther + longOurs + "Subject: x\r\n").getBytes(StandardCharsets.ISO_8859_1);
        f.write(in, 0, in.length);
        f.finish();
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(longOther + "Subject: x\r\n");
    }
}
