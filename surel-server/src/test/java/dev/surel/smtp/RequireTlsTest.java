package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.queue.QueuedMessage;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REQUIRETLS (RFC 8689) on the receiving side, on a started server: offered only over TLS, the
 * MAIL parameter refused without TLS (530 5.7.10), and a message that asks for it keeps the
 * requirement in the queue for its way out; the report of such a message when it fails requires TLS too.
 */
class RequireTlsTest {

    @TempDir Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void offeredOnlyOverTlsAndKeptWithTheMessage() throws Exception {
        // list@ forwards to a domain routed to a closed port: the message stays queued, so its record can be read
        server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP).alias("list@example.test", List.of("bob@remote.test"))
                .toml("queue", "routes = [{domain = \"remote.test\", host = \"127.0.0.1:1\"}]").start(dir);
        try (LineClient c = server.connect(Endpoint.SMTP)) {
            assertThat(c.reply()).startsWith("220");
            assertThat(c.smtp("EHLO client.example.org")).doesNotContain("REQUIRETLS");
            assertThat(c.smtp("MAIL FROM:<a@client.example.org> REQUIRETLS")).startsWith("530 5.7.10 ");
            assertThat(c.smtp("STARTTLS")).startsWith("220");
            c.startTls();
            assertThat(c.smtp("EHLO client.example.org")).contains("250-REQUIRETLS");
            assertThat(c.smtp("MAIL FROM:<a@client.example.org> REQUIRETLS")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<list@example.test>")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            assertThat(c.smtp("Subject: secret\r\n\r\nonly over TLS\r\n.")).startsWith("250");
            c.smtp("QUIT");
        }
        List<QueuedMessage> queued = server.services().queue().list();
        assertThat(queued).singleElement().satisfies(m -> assertThat(m.requireTls()).isTrue());
    }

    /** RFC 8689 §5: when such a message cannot be delivered, its report travels under REQUIRETLS too. */
    @Test
    void theReportOfAFailedRequireTlsMessageRequiresTlsToo() throws Exception {
        // remote.test's MX is authenticated by neither DANE nor MTA-STS: the message fails (5.7.10) without a connection;
        // the sender's domain is routed to a closed port, so the report waits in the queue
        try (TestDnsServer dns = new TestDnsServer()) {
            dns.zone("""
                    remote.test. 300 IN MX 10 mx.remote.test.
                    mx.remote.test. 300 IN A 127.0.0.1
                    """);
            server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP).alias("list@example.test", List.of("bob@remote.test"))
                    .toml("dns", "resolver = \"" + dns.address() + "\"")
                    .toml("queue", "routes = [{domain = \"client.example.org\", host = \"127.0.0.1:1\"}]").start(dir);
            try (LineClient c = server.connect(Endpoint.SMTP)) {
                c.reply();
                c.smtp("EHLO client.example.org");
                assertThat(c.smtp("STARTTLS")).startsWith("220");
                c.startTls();
                c.smtp("EHLO client.example.org");
                assertThat(c.smtp("MAIL FROM:<a@client.example.org> REQUIRETLS")).startsWith("250");
                assertThat(c.smtp("RCPT TO:<list@example.test>")).startsWith("250");
                assertThat(c.smtp("DATA")).startsWith("354");
                assertThat(c.smtp("Subject: secret\r\n\r\nonly over TLS\r\n.")).startsWith("250");
                c.smtp("QUIT");
            }
            long deadline = System.nanoTime() + 30_000_000_000L;
            List<QueuedMessage> reports;
            do {
                Thread.sleep(50);
                reports = server.services().queue().list().stream().filter(m -> m.reversePath().isEmpty()).toList();
            } while (reports.isEmpty() && System.nanoTime() < deadline);
            assertThat(reports).as("the DSN to a@client.example.org").singleElement().satisfies(m -> {
                assertThat(m.requireTls()).isTrue();
                assertThat(m.recipients()).singleElement().satisfies(r -> assertThat(r.recipient().address()).isEqualTo("a@client.example.org"));
            });
        }
    }
}
