package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message content over real sockets: SMTP smuggling (every bare CR / LF variant, in DATA and
 * BDAT), CHUNKING, the size limit, PIPELINING and STARTTLS on port 25.
 */
class SmtpDataTest {
    @TempDir Path dir;
    @RegisterExtension
    final TestServer f = SmtpClient.server().toml("smtp", "max_message_size = 10000\nmax_text_line = 2000").perTest();

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    /**
     * The attacker's content hides a second transaction (for bob) behind a fake end of data; Surel
     * must read on to the real {@code <CRLF>.<CRLF>}, refuse the whole message once, and run
     * nothing of it as commands.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\n", "\\r.\\r\\n", "\\r\\n.\\r", "\\n", "\\r"})
    void smugglingInDataIsRefusedWholeAfterTheRealEnd(String fakeEnd) throws Exception {
        String smuggled = "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n"
                + "Subject: smuggled\r\n\r\nsmuggled\r\n";
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.send("MAIL FROM:<a@sender.example>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("354 ");
            c.send("Subject: first\r\n\r\nhello" + unescape(fakeEnd) + smuggled + "\r\n.\r\nNOOP\r\n");
            assertThat(c.reply()).startsWith("550 5.6.0");
            assertThat(c.reply()).as("the next reply is for NOOP: nothing smuggled ran").startsWith("250 2.0.0 Ok");
            assertThat(c.cmd("QUIT")).startsWith("221");
            assertThat(c.line()).isNull();
        }
        assertThat(f.inbox(f.alice())).isEmpty();
        assertThat(f.inbox(f.bob())).isEmpty();
    }

    /**
     * A header the store would have to cut (over 256 KiB; its later fields invisible to IMAP SEARCH
     * and HEADER.FIELDS) is refused after DATA with 552 5.3.4 (RFC 3463), nothing queued; the
     * session goes on.
     */
    @Test
    void aHeaderOverTheStoreLimitIsRefusedAfterData() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("big"));
        try (TestServer big = SmtpClient.server().toml("smtp", "max_message_size = 2000000\nmax_text_line = 2000").start(dir.resolve("big"))) {
            StringBuilder msg = new StringBuilder("Subject: long\r\n");
            while (msg.length() < 300 * 1024) msg.append("X-Filler: ").append("f".repeat(88)).append("\r\n");
            msg.append("X-Late: needle\r\n\r\nbody\r\n.\r\n");
            try (SmtpClient c = SmtpClient.connect(big, Endpoint.SMTP)) {
                c.hello();
                c.cmd("MAIL FROM:<a@sender.example>");
                c.cmd("RCPT TO:<alice@example.test>");
                assertThat(c.cmd("DATA")).startsWith("354");
                c.send(msg.toString());
                assertThat(c.reply()).startsWith("552 5.3.4 Message header too large");
                assertThat(c.cmd("NOOP")).startsWith("250");
            }
            assertThat(big.inbox(big.alice())).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\nb\\r\\n", "a\\rb\\r\\n", "a\\r\\n.\\n", "a\\r"})
    void bareLineEndingsInBdatAreRefusedAtLast(String content) throws Exception {
        byte[] bytes = unescape("Subject: x\r\n\r\n" + content).getBytes(StandardCharsets.ISO_8859_1);
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.cmd("MAIL FROM:<a@sender.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            int half = bytes.length / 2;
            c.send("BDAT " + half + "\r\n");
            c.send(java.util.Arrays.copyOfRange(bytes, 0, half));
            assertThat(c.reply()).startsWith("250 2.0.0 " + half + " octets received");
            c.send("BDAT " + (bytes.length - half) + " LAST\r\n");
            c.send(java.util.Arrays.copyOfRange(bytes, half, bytes.length));
            assertThat(c.reply()).startsWith("550 5.6.0");
            assertThat(c.cmd("NOOP")).startsWith("250");
        }
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    @Test
    void bdatChunksAreTakenVerbatimWithoutDotUnstuffing() throws Exception {
        String part1 = "Subject: chunks\r\n\r\n..two dots\r\n";
        String part2 = ".\r\nlast line\r\n";
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            // pipelined: MAIL, RCPT, two chunks, then a command after the last chunk
            c.send("MAIL FROM:<a@sender.example>\r\nRCPT TO:<alice@example.test>\r\nBDAT " + part1.length() + "\r\n" + part1
                    + "BDAT " + part2.length() + " LAST\r\n" + part2 + "NOOP\r\n");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("250 2.0.0 " + part1.length() + " octets");
            assertThat(c.reply()).startsWith("250 2.0.0 Ok: queued as");
            assertThat(c.reply()).startsWith("250 2.0.0 Ok");
            // BDAT 0 LAST: an empty last chunk
            c.send("MAIL FROM:<a@sender.example>\r\nRCPT TO:<alice@example.test>\r\nBDAT 10\r\nSubject:\r\nBDAT 0 LAST\r\n");
            c.reply();
            c.reply();
            assertThat(c.reply()).startsWith("250 2.0.0 10 octets");
            assertThat(c.reply()).startsWith("250 2.0.0 Ok: queued as");
        }
        // the queue delivers concurrently: the INBOX order is not the order of the 250s
        var m = f.awaitInbox(f.alice(), 2).stream().sorted(java.util.Comparator.comparing(s -> s.endsWith("\r\nSubject:\r\n"))).toList();
        assertThat(m.get(0)).endsWith("\r\nSubject: chunks\r\n\r\n..two dots\r\n.\r\nlast line\r\n");
        assertThat(m.get(1)).endsWith("\r\nSubject:\r\n");
    }

    @Test
    void bdatWithoutATransactionOrTooBigStillConsumesTheChunk() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.send("BDAT 12 LAST\r\nNOOP\r\nNOOP\r\n");
            assertThat(c.reply()).startsWith("503 5.5.1");
            assertThat(c.cmd("NOOP")).startsWith("250 2.0.0 Ok");
            c.cmd("MAIL FROM:<a@sender.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            String big = "y".repeat(6000);
            c.send("BDAT 6000\r\n" + big);
            assertThat(c.reply()).startsWith("250 2.0.0");
            c.send("BDAT 6000\r\n" + big);
            assertThat(c.reply()).startsWith("552 5.3.4");
            c.send("BDAT 10 LAST\r\n" + "z".repeat(10));
            assertThat(c.reply()).as("the transaction ended with the 552").startsWith("503 5.5.1");
            assertThat(c.cmd("DATA")).startsWith("503 5.5.1");
            assertThat(c.cmd("NOOP")).startsWith("250 2.0.0 Ok");
        }
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    @Test
    void sizeLimitAppliesToMailSizeAndToTheData() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            assertThat(c.hello()).contains("250-SIZE 10000");
            assertThat(c.cmd("MAIL FROM:<a@sender.example> SIZE=10001")).startsWith("552 5.3.4");
            assertThat(c.cmd("MAIL FROM:<a@sender.example> SIZE=9000")).startsWith("250");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: big\r\n\r\n" + ("z".repeat(99) + "\r\n").repeat(120) + ".")).startsWith("552 5.3.4");
            c.cmd("MAIL FROM:<a@sender.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: small\r\n\r\nfits\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1)).singleElement().asString().contains("Subject: small");
    }

    @Test
    void aLineAboveMaxTextLineIsRefusedAfterTheEnd() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.cmd("MAIL FROM:<a@sender.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: wide\r\n\r\n" + "w".repeat(2001) + "\r\n.")).startsWith("550 5.6.0");
            c.cmd("MAIL FROM:<a@sender.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: wide\r\n\r\n" + "w".repeat(2000) + "\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1)).hasSize(1);
    }

    @Test
    void pipelinedCommandsGetTheirRepliesInOrder() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.reply();
            c.send("EHLO client.example.org\r\nMAIL FROM:<a@sender.example>\r\nRCPT TO:<alice@example.test>\r\n"
                    + "RCPT TO:<nobody@example.test>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250-mx.example.test");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("550 5.1.1");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("354");
            c.send("Subject: p1\r\n\r\none\r\n.\r\nMAIL FROM:<a@sender.example>\r\nRCPT TO:<bob@example.test>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 Ok: queued");
            assertThat(c.reply()).startsWith("250 2.1.0");
            assertThat(c.reply()).startsWith("250 2.1.5");
            assertThat(c.reply()).startsWith("354");
            c.send("Subject: p2\r\n\r\ntwo\r\n.\r\nQUIT\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 Ok: queued");
            assertThat(c.reply()).startsWith("221");
        }
        assertThat(f.awaitInbox(f.alice(), 1)).hasSize(1);
        assertThat(f.awaitInbox(f.bob(), 2)).hasSize(2);
    }

    @Test
    void startTlsOnPort25DropsPipelinedCleartextAndMarksReceived() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.send("STARTTLS\r\nMAIL FROM:<injected@attacker.example>\r\n");
            assertThat(c.reply()).startsWith("220 2.0.0");
            c.startTls();
            String ehlo = c.cmd("EHLO client.example.org");
            assertThat(ehlo).startsWith("250-mx.example.test").doesNotContain("STARTTLS").doesNotContain("AUTH");
            assertThat(c.cmd("STARTTLS")).startsWith("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<a@sender.example>")).as("no injected MAIL is pending").startsWith("250 2.1.0");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: tls\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).containsPattern("\\(using TLSv1\\.[23] with cipher \\S+\\)")
                .contains("with ESMTPS id");
    }
}
