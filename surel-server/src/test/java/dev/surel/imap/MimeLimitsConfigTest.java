package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code [mime]} limits of the configuration reach the parser that describes stored
 * messages and the one SEARCH reads text with: seen over IMAP, a message nested deeper than
 * {@code max_depth} has an opaque part in its BODYSTRUCTURE, and body text beyond
 * {@code max_text_chars} is not searched; with the defaults both are seen whole.
 */
class MimeLimitsConfigTest {
    static final String PASSWORD = "secret";

    @TempDir Path dir;

    /** multipart/mixed > message/rfc822 > multipart/alternative > text/plain: depth 4. */
    static final String NESTED = "From: a@example.org\r\nSubject: nested\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
            + "--o\r\nContent-Type: text/plain\r\n\r\nearly word\r\n"
            + "--o\r\nContent-Type: message/rfc822\r\n\r\n"
            + "Subject: inner\r\nContent-Type: multipart/alternative; boundary=\"i\"\r\n\r\n"
            + "--i\r\nContent-Type: text/plain\r\n\r\ndeep text\r\n--i--\r\n"
            + "--o--\r\n";

    static final String LONG_TEXT = "From: a@example.org\r\nSubject: long\r\n\r\nfirstword " + "x".repeat(200) + " lastword\r\n";

    @Test
    void depthAndTextLimitsComeFromTheConfiguration() throws Exception {
        Files.createDirectories(dir.resolve("limited"));
        Files.createDirectories(dir.resolve("default"));
        try (TestServer limited = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).toml("mime", "max_depth = 2\nmax_text_chars = 100\n"
                + "max_parts = 50\nmax_header_bytes = \"64K\"\nmax_line_bytes = 4096\n").start(dir.resolve("limited"));
             TestServer standard = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).start(dir.resolve("default"))) {
            String limitedStructure = structure(limited);
            String defaultStructure = structure(standard);
            assertThat(defaultStructure).containsIgnoringCase("\"message\" \"rfc822\"").containsIgnoringCase("\"alternative\"");
            assertThat(limitedStructure).containsIgnoringCase("\"application\" \"octet-stream\"")
                    .doesNotContainIgnoringCase("\"alternative\"");

            assertThat(search(standard, "firstword")).isEqualTo("* SEARCH 2");
            assertThat(search(standard, "lastword")).isEqualTo("* SEARCH 2");
            assertThat(search(limited, "firstword")).isEqualTo("* SEARCH 2");
            assertThat(search(limited, "lastword")).isEqualTo("* SEARCH");
        }
    }

    private static String structure(TestServer s) throws Exception {
        s.deliver(s.alice(), "INBOX", NESTED);
        s.deliver(s.alice(), "INBOX", LONG_TEXT);
        try (ImapClient c = ImapClient.login(s, "alice")) {
            c.expectOk(c.command("SELECT INBOX"));
            List<String> r = c.command("FETCH 1 BODYSTRUCTURE");
            c.expectOk(r);
            return String.join("\n", r);
        }
    }

    private static String search(TestServer s, String word) throws Exception {
        try (ImapClient c = ImapClient.login(s, "alice")) {
            c.expectOk(c.command("SELECT INBOX"));
            List<String> r = c.command("SEARCH BODY " + word);
            c.expectOk(r);
            return r.stream().filter(l -> l.startsWith("* SEARCH")).findFirst().orElseThrow();
        }
    }
}
