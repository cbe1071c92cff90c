package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long headers: a header field past what the store reads would be invisible to SEARCH HEADER and
 * BODY[HEADER.FIELDS] while BODY[HEADER] shows it. So a message with a header block over 256 KiB
 * or a header line over 64 KiB is refused at APPEND with NO [LIMIT] (RFC 9051 §7.1; the literal
 * is read and the connection goes on), and one just under the limit is answered from every field.
 */
class ImapLongHeaderTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.login(srv, "alice");
    }

    /** A header of about {@code kib} KiB of 100-octet lines, then X-Late: needle. */
    static String withFiller(int kib) {
        StringBuilder b = new StringBuilder("From: a@example.org\r\nSubject: long\r\n");
        String line = "X-Filler: " + "f".repeat(88) + "\r\n";
        while (b.length() < kib * 1024) b.append(line);
        return b.append("X-Late: needle\r\n\r\nbody\r\n").toString();
    }

    private List<String> append(String msg) throws Exception {
        byte[] bytes = msg.getBytes(StandardCharsets.US_ASCII);
        String t = c.nextTag();
        c.send(t + " APPEND INBOX {" + bytes.length + "+}\r\n");
        c.sendBytes(bytes);
        c.send("\r\n");
        return c.until(t + " .*");
    }

    @Test
    void aHeaderOverTheLimitIsRefusedAtAppend() throws Exception {
        assertThat(ImapClient.tagged(append(withFiller(300)))).startsWith("NO [LIMIT] Message header too large");
        String longLine = "From: a@example.org\r\nX-Long: " + "x".repeat(70 * 1024) + "\r\n\r\nbody\r\n";
        assertThat(ImapClient.tagged(append(longLine))).startsWith("NO [LIMIT]");
        // the same in a MIME part's header
        String partHeader = "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + withFiller(300).replace("From: a@example.org\r\nSubject: long\r\n", "") + "--b--\r\n";
        assertThat(ImapClient.tagged(append(partHeader))).startsWith("NO [LIMIT]");
        assertThat(ImapClient.tagged(c.command("NOOP"))).startsWith("OK");
        assertThat(c.command("STATUS INBOX (MESSAGES)")).contains("* STATUS \"INBOX\" (MESSAGES 0)");
        // nothing left behind in the spool directory
        try (var tmp = java.nio.file.Files.list(srv.dir().resolve("data/blobs/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void aHeaderJustUnderTheLimitIsAnsweredFromEveryField() throws Exception {
        String msg = withFiller(250);
        assertThat(ImapClient.tagged(append(msg))).startsWith("OK");
        c.expectOk(c.command("EXAMINE INBOX"));
        assertThat(c.command("SEARCH HEADER X-Late needle")).contains("* SEARCH 1");
        assertThat(c.command("FETCH 1 BODY.PEEK[HEADER.FIELDS (X-Late)]").getFirst())
                .isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS (\"X-LATE\")] {18}\nX-Late: needle\r\n\r\n)");
        assertThat(c.command("FETCH 1 BODY.PEEK[HEADER.FIELDS.NOT (X-Filler From)]").getFirst())
                .isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS.NOT (\"X-FILLER\" \"FROM\")] {33}\nSubject: long\r\nX-Late: needle\r\n\r\n)");
    }
}
