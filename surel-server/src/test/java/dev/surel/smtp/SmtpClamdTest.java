package dev.surel.smtp;

import static dev.surel.smtp.SmtpSpamFilterTest.field;
import static dev.surel.smtp.SmtpSpamFilterTest.message;
import static dev.surel.smtp.SmtpSpamFilterTest.send;
import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.filter.ClamdDaemon;
import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malware scanning of port 25 mail with a real clamd from Debian ({@link ClamdDaemon}: a local
 * signature database that detects EICAR), over real sockets: EICAR refused with 554 5.7.1 (in the
 * body and as a base64 attachment), clean mail delivered, over TCP and clamd's unix socket; clamd
 * down: 451 4.7.1 with {@code on_scanner_failure = "tempfail"}, delivered (and said so in
 * X-Spam-Status) with "accept".
 */
class SmtpClamdTest {

    @TempDir
    static Path clamdDir;
    static ClamdDaemon clamd;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void startClamd() throws Exception {
        clamd = ClamdDaemon.start(clamdDir, "10M");
    }

    @AfterAll
    static void stopClamd() throws Exception {
        if (clamd != null) clamd.close();
    }

    void start(String filterLines) {
        server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP).user(ALICE, SmtpClient.ALICE_PW)
                .toml("filter", "enabled = true\n" + filterLines).toml("queue", "relay_host = \"127.0.0.1:1\"").start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static String withAttachment(String content) {
        return "From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: invoice\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
                + "Message-ID: <inv@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nPlease see the invoice.\r\n--b1\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"invoice.com\"\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.US_ASCII)) + "\r\n--b1--\r\n";
    }

    @Test
    void eicarIsRefusedCleanMailDelivered() throws Exception {
        start("clamd = \"" + clamd.tcp() + "\"");
        assertThat(send(server, withAttachment(ClamdDaemon.EICAR)))
                .isEqualTo("554 5.7.1 Message refused: malware found (" + ClamdDaemon.SIGNATURE + ")");
        assertThat(send(server, message("eicar in the body", ClamdDaemon.EICAR))).startsWith("554 5.7.1");
        assertThat(send(server, withAttachment("an honest invoice"))).startsWith("250 2.0.0");
        String m = server.awaitInbox(server.alice(), 1).getFirst();
        assertThat(m).contains("Subject: invoice");
        assertThat(field(m, "X-Spam-Status")).isEqualTo("No, score=0.0 required=5.0 tests=CLAMD_CLEAN");
        assertThat(clamd.log()).contains(ClamdDaemon.SIGNATURE + " FOUND");
    }

    @Test
    void overClamdsUnixSocket() throws Exception {
        start("clamd = \"" + clamd.socket() + "\"");
        assertThat(send(server, withAttachment(ClamdDaemon.EICAR))).startsWith("554 5.7.1");
        assertThat(send(server, message("clean", "Nothing here."))).startsWith("250 2.0.0");
    }

    @Test
    void clamdDownIsATemporaryFailureByDefault() throws Exception {
        start("clamd = \"127.0.0.1:" + freePort() + "\"");
        assertThat(send(server, message("while clamd is down", "x"))).isEqualTo(
                "451 4.7.1 Message deferred: virus scanner unavailable, try again later");
        assertThat(server.inbox(server.alice())).isEmpty();
    }

    @Test
    void clamdDownWithAcceptDeliversAndSaysSo() throws Exception {
        Path missing = Files.createTempDirectory("no-clamd").resolve("clamd.sock");
        start("clamd = \"" + missing + "\"\non_scanner_failure = \"accept\"");
        assertThat(send(server, message("while clamd is down", "x"))).startsWith("250 2.0.0");
        assertThat(field(server.awaitInbox(server.alice(), 1).getFirst(), "X-Spam-Status")).endsWith("tests=CLAMD_UNAVAILABLE");
    }

    @Test
    void aMessageAboveScanLimitIsNotSentToClamd() throws Exception {
        start("clamd = \"" + clamd.tcp() + "\"\nscan_limit = \"1K\"");
        assertThat(send(server, message("big", ClamdDaemon.EICAR + "\r\n" + "z".repeat(900) + "\r\n" + "z".repeat(900))))
                .startsWith("250 2.0.0");
        assertThat(field(server.awaitInbox(server.alice(), 1).getFirst(), "X-Spam-Status")).endsWith("tests=CLAMD_SKIPPED_SIZE");
    }

    static int freePort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
