package dev.surel.protocol.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 5804 §4 responses: status lines with codes, quoting, literals for what cannot be quoted. */
class ManageSieveResponseTest {

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void statusLinesWithCodesAndTexts() {
        assertThat(s(ManageSieveResponse.ok("Done"))).isEqualTo("OK \"Done\"\r\n");
        assertThat(s(ManageSieveResponse.ok(null))).isEqualTo("OK\r\n");
        assertThat(s(ManageSieveResponse.no(ResponseCode.NONEXISTENT, "no such script"))).isEqualTo("NO (NONEXISTENT) \"no such script\"\r\n");
        assertThat(s(ManageSieveResponse.no(ResponseCode.QUOTA_MAXSIZE, "too big"))).isEqualTo("NO (QUOTA/MAXSIZE) \"too big\"\r\n");
        assertThat(s(ManageSieveResponse.ok(ResponseCode.tag("t\"1"), "Done"))).isEqualTo("OK (TAG \"t\\\"1\") \"Done\"\r\n");
        assertThat(s(ManageSieveResponse.ok(ResponseCode.sasl("dj1x"), null))).isEqualTo("OK (SASL \"dj1x\")\r\n");
        assertThat(s(ManageSieveResponse.bye(ResponseCode.TRYLATER, "later"))).isEqualTo("BYE (TRYLATER) \"later\"\r\n");
    }

    @Test
    void textsWithLineBreaksGoAsLiteralsSoTheyCannotEndTheLine() {
        assertThat(s(ManageSieveResponse.no("line 1: x\r\nline 2: y"))).isEqualTo("NO {20}\r\nline 1: x\r\nline 2: y\r\n");
        String big = "é".repeat(600); // 1200 octets: over the quoted limit
        assertThat(s(ManageSieveResponse.stringLine(big.getBytes(StandardCharsets.UTF_8)))).isEqualTo("{1200}\r\n" + big + "\r\n");
    }

    @Test
    void capabilityAndListLines() {
        assertThat(s(ManageSieveResponse.capability("VERSION", "1.0"))).isEqualTo("\"VERSION\" \"1.0\"\r\n");
        assertThat(s(ManageSieveResponse.capability("STARTTLS", null))).isEqualTo("\"STARTTLS\"\r\n");
        assertThat(s(ManageSieveResponse.scriptLine("vacation", true))).isEqualTo("\"vacation\" ACTIVE\r\n");
        assertThat(s(ManageSieveResponse.scriptLine("a\\b", false))).isEqualTo("\"a\\\\b\"\r\n");
    }
}
