package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clear-text rule on 587: with no clear-text networks, PLAIN and LOGIN appear only after
 * STARTTLS; asked for before, they get 538 5.7.11 (RFC 4954 §6: encryption required for the
 * requested mechanism), not 504 (which says the mechanism does not exist).
 */
class SmtpCleartextTest {

    @TempDir Path dir;

    @Test
    void passwordRevealingMechanismsNeedTls() throws Exception {
        try (TestServer f = SmtpClient.server().toml("auth", "cleartext_networks = []").start(dir);
             SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSION)) {
            String ehlo = c.hello();
            assertThat(ehlo).contains("250-AUTH SCRAM-SHA-256\n").doesNotContain("PLAIN");
            assertThat(c.cmd("AUTH PLAIN " + SmtpSubmissionTest.plain("alice@example.test", SmtpClient.ALICE_PW)))
                    .startsWith("538 5.7.11 ");
            assertThat(c.cmd("AUTH LOGIN")).startsWith("538 5.7.11 ");
            assertThat(c.cmd("AUTH CRAM-MD5")).startsWith("504 5.5.4 ");
            assertThat(c.cmd("STARTTLS")).startsWith("220 2.0.0");
            c.startTls();
            assertThat(c.cmd("EHLO x")).contains("250-AUTH SCRAM-SHA-256 PLAIN LOGIN");
            assertThat(c.cmd("AUTH PLAIN " + SmtpSubmissionTest.plain("alice@example.test", SmtpClient.ALICE_PW))).startsWith("235 2.7.0");
        }
    }
}
