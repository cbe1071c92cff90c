package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections per IP ({@code limits.max_connections_per_ip}): one more gets SMTP's busy line, 421 4.7.0, and is closed. */
class SmtpConnectionLimitTest {

    @TempDir Path dir;

    @Test
    void aConnectionOverThePerIpLimitGets421() throws Exception {
        try (TestServer f = SmtpClient.server().toml("limits", "max_connections_per_ip = 1").start(dir);
             SmtpClient first = SmtpClient.connect(f, Endpoint.SMTP)) {
            assertThat(first.reply()).startsWith("220 ");
            try (SmtpClient second = SmtpClient.connect(f, Endpoint.SMTP)) {
                assertThat(second.reply()).startsWith("421 4.7.0");
                assertThat(second.line()).isNull();
            }
            assertThat(first.cmd("NOOP")).startsWith("250");
        }
    }
}
