package dev.surel.imap.interop;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup.Tls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SEARCH through a real session (RFC 9051 §6.4.4): internal dates at -12:00 and +14:00 compare
 * on their own day, SENT* on the Date: header's day, encoded-word and 8-bit text fold with
 * Locale.ROOT, bodies decode from base64 ISO-8859-1, and an unknown charset is BADCHARSET.
 */
class SearchOverTheWireTest {
    static final String PASSWORD = "correct horse battery";

    @TempDir Path dir;

    private static String append(String date, String msg) {
        String m = msg.replace("\n", "\r\n");
        return "APPEND INBOX \"" + date + "\" {" + m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "+}\r\n" + m;
    }

    @Test
    void searchKeysOverTheWire() throws Exception {
        try (TestServer fx = TestServer.setup().tls(Tls.SELF_SIGNED).listen(Endpoint.IMAP, Endpoint.IMAPS).user(ALICE, PASSWORD).start(dir); RawImap c = new RawImap(fx.port(Endpoint.IMAP))) {
            assertThat(c.line()).startsWith("* OK");
            assertThat(c.command("LOGIN \"" + ALICE + "\" \"" + PASSWORD + "\"").getLast()).contains(" OK");
            // 23:30 at -12:00 is 24 Nov 11:30 UTC; 00:30 at +14:00 is 23 Nov 10:30 UTC
            assertThat(c.command(append("23-Nov-2026 23:30:00 -1200",
                    "Date: Mon, 23 Nov 2026 23:30:00 -1200\nSubject: =?UTF-8?Q?Stra=C3=9Fe?= west\n\nwest body\n")).getLast()).contains(" OK");
            String latin1 = java.util.Base64.getEncoder().encodeToString("Grüße über Zürich".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertThat(c.command(append("24-Nov-2026 00:30:00 +1400",
                    "Date: Tue, 24 Nov 2026 00:30:00 +1400\nSubject: east\nContent-Type: text/plain; charset=iso-8859-1\n"
                            + "Content-Transfer-Encoding: base64\n\n" + latin1 + "\n")).getLast()).contains(" OK");
            assertThat(c.command("SELECT INBOX").getLast()).contains(" OK");

            assertThat(search(c, "ON 23-Nov-2026")).isEqualTo("* SEARCH 1");
            assertThat(search(c, "ON 24-Nov-2026")).isEqualTo("* SEARCH 2");
            assertThat(search(c, "BEFORE 24-Nov-2026")).isEqualTo("* SEARCH 1");
            assertThat(search(c, "SINCE 24-Nov-2026")).isEqualTo("* SEARCH 2");
            assertThat(search(c, "SENTON 23-Nov-2026")).isEqualTo("* SEARCH 1");
            assertThat(search(c, "SENTSINCE 24-Nov-2026")).isEqualTo("* SEARCH 2");
            assertThat(search(c, "SUBJECT \"STRASSE\"")).isEqualTo("* SEARCH 1");
            assertThat(search(c, "CHARSET UTF-8 BODY {7+}\r\nZÜRICH")).isEqualTo("* SEARCH 2");
            assertThat(search(c, "TEXT west")).isEqualTo("* SEARCH 1");
            assertThat(search(c, "OR SUBJECT east NOT ALL")).isEqualTo("* SEARCH 2");
            List<String> bad = c.command("SEARCH CHARSET KOI8-R SUBJECT x");
            assertThat(bad.getLast()).contains("NO [BADCHARSET (UTF-8 US-ASCII)]");
        }
    }

    private static String search(RawImap c, String criteria) throws Exception {
        List<String> r = c.command("SEARCH " + criteria);
        assertThat(r.getLast()).as(String.join("\n", r)).contains(" OK");
        return r.stream().filter(l -> l.startsWith("* SEARCH")).findFirst().orElseThrow().strip();
    }
}
