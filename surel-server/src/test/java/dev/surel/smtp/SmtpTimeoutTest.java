package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.time.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle limits on the injected clock: {@code smtp.command_timeout} between commands (RFC 5321
 * §4.5.3.2.7) and {@code smtp.data_timeout} inside DATA (§4.5.3.2.6), both answered 421 4.4.2.
 * {@code limits.idle_timeout} is short only so that a blocked read looks at the clock often.
 */
class SmtpTimeoutTest {

    @TempDir Path dir;

    /** Advances the clock until the server says something (it may not yet have read what was sent). */
    private static String afterAdvancing(SmtpClient c, MutableClock clock, Duration step) throws Exception {
        c.timeout(Duration.ofSeconds(1));
        for (int i = 0; i < 15; i++) {
            clock.advance(step);
            try {
                return c.reply();
            } catch (java.net.SocketTimeoutException e) {
                // not yet: the session had not read the last bytes when the clock moved
            }
        }
        throw new AssertionError("no reply after advancing the clock");
    }

    @Test
    void commandAndDataTimeoutsAre421() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
        try (TestServer f = SmtpClient.server().toml("smtp", "command_timeout = \"5m\"\ndata_timeout = \"3m\"").toml("limits", "idle_timeout = \"100ms\"").clock(clock).start(dir)) {
            try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
                c.hello();
                clock.advance(Duration.ofMinutes(4));
                assertThat(c.cmd("NOOP")).as("4 minutes idle is within the 5 minute command timeout").startsWith("250");
                assertThat(afterAdvancing(c, clock, Duration.ofMinutes(6))).startsWith("421 4.4.2");
                assertThat(c.line()).isNull();
            }
            try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
                c.hello();
                c.cmd("MAIL FROM:<a@remote.example>");
                c.cmd("RCPT TO:<alice@example.test>");
                assertThat(c.cmd("DATA")).startsWith("354");
                c.send("Subject: slow\r\n\r\npart");
                assertThat(afterAdvancing(c, clock, Duration.ofMinutes(4))).startsWith("421 4.4.2");
            }
            assertThat(f.inbox(f.alice())).isEmpty();
        }
    }
}
