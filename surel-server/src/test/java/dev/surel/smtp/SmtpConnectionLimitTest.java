package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections per IP ({@code limits.max_connections_per_ip}): one more gets SMTP's busy line, 421 4.7.0, and is closed. */
class SmtpConnectionLimitTest {

    @TempDir Path dir;

    @Test
    void aConnectionOverThePerIpLimitGets421() throws Exception {
        try (SmtpFixture f = SmtpFixture.start(dir, "", "", "max_connections_per_ip = 1", Clock.systemUTC());
             SmtpClient first = f.connect(Endpoint.SMTP)) {
            assertThat(first.reply()).startsWith("220 ");
            try (SmtpClient second = f.connect(Endpoint.SMTP)) {
                assertThat(second.reply()).startsWith("421 4.7.0");
                assertThat(second.line()).isNull();
            }
            assertThat(first.cmd("NOOP")).startsWith("250");
        }
    }
}
