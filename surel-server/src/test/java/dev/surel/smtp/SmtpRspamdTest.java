package dev.surel.smtp;

import static dev.surel.smtp.SmtpSpamFilterTest.field;
import static dev.surel.smtp.SmtpSpamFilterTest.message;
import static dev.surel.smtp.SmtpSpamFilterTest.send;
import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.filter.RspamdDaemon;
import dev.surel.net.Endpoint;
import dev.surel.protocol.filter.Gtube;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rspamd from Debian ({@link RspamdDaemon}: own configuration, one worker on a free port, no redis)
 * asked about port 25 mail over its HTTP protocol: its symbols and score replace Surel's rules in
 * X-Spam-Status, it gets the envelope (IP, Helo, From, Rcpt, Queue-Id), its action reject refuses
 * (shown with GTUBE while Surel's own reject_score is out of reach), and rspamd down gives 451 or,
 * with "accept", delivery with RSPAMD_UNAVAILABLE.
 */
class SmtpRspamdTest {

    @TempDir
    static Path rspamdDir;
    static RspamdDaemon rspamd;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void startRspamd() throws Exception {
        rspamd = RspamdDaemon.start(rspamdDir, "reject = 15; add_header = 6; greylist = 5.5;");
    }

    @AfterAll
    static void stopRspamd() throws Exception {
        if (rspamd != null) rspamd.close();
    }

    void start(String filterLines) {
        server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP).user(ALICE, SmtpClient.ALICE_PW)
                .toml("filter", "enabled = true\n" + filterLines).toml("queue", "relay_host = \"127.0.0.1:1\"").start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void rspamdsSymbolsAndScoreReplaceOurRules() throws Exception {
        start("rspamd = \"" + rspamd.url() + "\"");
        String m = "Content-Type: text/plain; charset=us-ascii\r\n" + message("asked rspamd", "Hello from rspamd's test.");
        String reply = send(server, m);
        assertThat(reply).startsWith("250 2.0.0");
        String queueId = reply.replaceAll(".*queued as ", "").strip();
        String stored = server.awaitInbox(server.alice(), 1).getFirst();
        String status = field(stored, "X-Spam-Status");
        assertThat(status).as("rspamd's symbol for a known content type").contains("MIME_GOOD");
        assertThat(status).doesNotContain("MISSING_DATE").doesNotContain("MISSING_MID");
        assertThat(rspamd.log()).contains("qid: <" + queueId + ">").contains("ip: 127.0.0.1").contains("from: <carol@example.org>")
                .contains("rcpts: <alice@example.test>");
    }

    @Test
    void rspamdsRejectActionRefuses() throws Exception {
        start("rspamd = \"" + rspamd.url() + "\"\njunk_score = 4000.0\nreject_score = 5000.0");
        assertThat(send(server, message("gtube", Gtube.STRING))).isEqualTo("550 5.7.1 Message refused: spam (rspamd score 15.0)");
        assertThat(server.inbox(server.alice())).isEmpty();
    }

    @Test
    void rspamdDown() throws Exception {
        start("rspamd = \"http://127.0.0.1:" + SmtpClamdTest.freePort() + "\"");
        assertThat(send(server, message("down", "x"))).isEqualTo("451 4.7.1 Message deferred: spam scanner unavailable, try again later");
        server.close();
        server = null;
        TestServer again = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP).user(ALICE, SmtpClient.ALICE_PW)
                .toml("filter", "enabled = true\non_scanner_failure = \"accept\"\nrspamd = \"http://127.0.0.1:" + SmtpClamdTest.freePort() + "\"")
                .toml("queue", "relay_host = \"127.0.0.1:1\"").start(dir.resolve("accept"));
        server = again;
        assertThat(send(server, message("down", "x"))).startsWith("250 2.0.0");
        assertThat(field(server.awaitInbox(server.alice(), 1).getFirst(), "X-Spam-Status"))
                .isEqualTo("No, score=0.0 required=5.0 tests=RSPAMD_UNAVAILABLE");
    }
}
