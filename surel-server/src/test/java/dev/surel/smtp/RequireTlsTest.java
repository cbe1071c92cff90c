package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

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
 * requirement in the queue for its way out.
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
}
