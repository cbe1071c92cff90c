package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * body (RFC 5173), relational (RFC 5231), i;ascii-numeric (RFC 4790 §9.1), copy (RFC 3894),
 * mailbox (RFC 5490), spamtest/virustest (RFC 5235), duplicate (RFC 7352), encoded-character
 * (RFC 5228 §2.4.2.4).
 */
class SieveExtensionsTest {

    private final SieveRun r = new SieveRun();

    private static final String MULTIPART = """
            From: a@example.com\r
            Subject: parts\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="b"\r
            \r
            preamble\r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Plain caf=C3=A9 text\r
            --b\r
            Content-Type: text/html\r
            \r
            <p>Html <b>bold</b> words</p>\r
            --b\r
            Content-Type: application/octet-stream\r
            Content-Transfer-Encoding: base64\r
            \r
            c2VjcmV0\r
            --b--\r
            """;

    @Test
    void body() throws SieveException {
        String req = "require \"body\";";
        assertThat(r.describe(req + "if body :contains \"café text\" { discard; }", MULTIPART)).isEqualTo("discard");
        assertThat(r.describe(req + "if body :text :contains \"bold words\" { discard; }", MULTIPART)).isEqualTo("discard");
        assertThat(r.describe(req + "if body :contains \"secret\" { discard; }", MULTIPART)).isEqualTo("implicit keep");
        assertThat(r.describe(req + "if body :content \"application\" :contains \"secret\" { discard; }", MULTIPART))
                .isEqualTo("discard");
        // :content decodes but does not reduce HTML to text (RFC 5173 §5.2); :text does
        assertThat(r.describe(req + "if body :content \"text/html\" :contains \"<b>\" { discard; }", MULTIPART))
                .isEqualTo("discard");
        assertThat(r.describe(req + "if body :text :contains \"<b>\" { discard; }", MULTIPART)).isEqualTo("implicit keep");
        // :raw: the undecoded body, MIME structure included
        assertThat(r.describe(req + "if body :raw :contains \"caf=C3=A9\" { discard; }", MULTIPART)).isEqualTo("discard");
        assertThat(r.describe(req + "if body :raw :contains \"café\" { discard; }", MULTIPART)).isEqualTo("implicit keep");
    }

    @Test
    void relationalAndNumeric() throws SieveException {
        String req = "require [\"relational\", \"comparator-i;ascii-numeric\"];";
        // X-Priority: 3 and X-Priority: 10
        assertThat(r.describe(req + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-priority\" \"9\" { discard; }"))
                .isEqualTo("discard");
        assertThat(r.describe(req + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"x-priority\" \"10\" { discard; }"))
                .isEqualTo("implicit keep");
        // i;ascii-casemap orders as text: "3" > "20"
        assertThat(r.describe(req + "if header :value \"gt\" \"x-priority\" \"20\" { discard; }")).isEqualTo("discard");
        assertThat(r.describe(req + "if header :count \"eq\" :comparator \"i;ascii-numeric\" \"x-priority\" \"2\" { discard; }"))
                .isEqualTo("discard");
        // RFC 5231 §9 example: three addresses in To and Cc together (To has 2, Cc a group of 2)
        assertThat(r.describe(req + "if address :count \"ge\" :comparator \"i;ascii-numeric\" [\"to\", \"cc\"] \"4\" { discard; }"))
                .isEqualTo("discard");
        // no digits: positive infinity, equal to another non-number (RFC 4790 §9.1.1)
        assertThat(r.describe(req + "if header :value \"eq\" :comparator \"i;ascii-numeric\" \"subject\" \"abc\" { discard; }"))
                .isEqualTo("discard");
        assertThat(r.describe(req + "if header :is :comparator \"i;ascii-numeric\" \"x-priority\" \"0010\" { discard; }"))
                .isEqualTo("discard");
    }

    @Test
    void copy() throws SieveException {
        assertThat(r.describe("require [\"copy\", \"fileinto\"]; fileinto :copy \"A\"; redirect :copy \"x@example.com\";"))
                .isEqualTo("fileinto A :copy; redirect x@example.com :copy; implicit keep");
        assertThat(r.describe("require [\"copy\"]; redirect :copy \"x@example.com\"; redirect \"y@example.com\";"))
                .isEqualTo("redirect x@example.com :copy; redirect y@example.com");
    }

    @Test
    void mailbox() throws SieveException {
        r.mailboxes.add("Exists");
        assertThat(r.describe("require [\"mailbox\", \"fileinto\"]; if mailboxexists \"Exists\" { fileinto :create \"New\"; }"))
                .isEqualTo("fileinto New :create");
        assertThat(r.describe("require [\"mailbox\"]; if mailboxexists [\"Exists\", \"Other\"] { discard; }"))
                .isEqualTo("implicit keep");
    }

    @Test
    void spamtestAndVirustest() throws SieveException {
        String req = "require [\"spamtestplus\", \"virustest\", \"relational\", \"comparator-i;ascii-numeric\", \"fileinto\"];";
        String s = req + "if spamtest :value \"ge\" :comparator \"i;ascii-numeric\" \"6\" { fileinto \"Junk\"; }"
                + " if virustest :value \"eq\" :comparator \"i;ascii-numeric\" \"5\" { discard; }";
        assertThat(r.describe(s)).isEqualTo("implicit keep");
        r.spam = 7;
        r.virus = 5;
        assertThat(r.describe(s)).isEqualTo("fileinto Junk; discard");
        r.spamPercent = 35;
        assertThat(r.describe(req + "if spamtest :percent :value \"gt\" :comparator \"i;ascii-numeric\" \"30\" { discard; }"))
                .isEqualTo("discard");
        // "0": not tested (RFC 5235 §3.2)
        r.spam = 0;
        assertThat(r.describe(req + "if spamtest :is \"0\" { discard; }")).isEqualTo("discard");
    }

    @Test
    void duplicate() throws SieveException {
        String s = "require [\"duplicate\", \"fileinto\"]; if duplicate { discard; stop; } fileinto \"A\";";
        SieveResult first = r.run(s);
        assertThat(SieveRun.describe(first)).isEqualTo("fileinto A");
        assertThat(first.duplicates()).containsExactly(new SieveResult.DuplicateMark("", "<id1@example.com>", 7 * 86_400));
        r.seen.add("|<id1@example.com>");
        SieveResult second = r.run(s);
        assertThat(SieveRun.describe(second)).isEqualTo("discard");
        assertThat(second.duplicates()).isEmpty();
        // :last refreshes the record even for a duplicate; the same id twice in one run is a duplicate
        assertThat(r.run("require \"duplicate\"; if duplicate :last :seconds 60 { }").duplicates())
                .containsExactly(new SieveResult.DuplicateMark("", "<id1@example.com>", 60));
        assertThat(r.describe("require \"duplicate\"; if duplicate :uniqueid \"u\" :handle \"h\" { keep; }"
                + " if duplicate :uniqueid \"u\" :handle \"h\" { discard; }")).isEqualTo("discard");
        assertThat(r.run("require \"duplicate\"; if duplicate :header \"x-none\" { discard; }").duplicates()).isEmpty();
        assertThat(r.run("require \"duplicate\"; if duplicate :header \"x-priority\" { discard; }").duplicates())
                .isEqualTo(List.of(new SieveResult.DuplicateMark("", "3", 7 * 86_400)));
    }

    @Test
    void encodedCharacter() throws SieveException {
        assertThat(r.describe("require [\"encoded-character\"]; if header :contains \"subject\" \"caf${hex:c3 a9}\" { discard; }"))
                .isEqualTo("discard");
        assertThat(r.describe("require [\"encoded-character\"]; if header :contains \"subject\" \"${unicode:63 61 66 e9}\" { discard; }"))
                .isEqualTo("discard");
    }
}
