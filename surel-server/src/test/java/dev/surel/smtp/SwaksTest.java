package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * swaks (Debian's swaks, with libnet-ssleay-perl for TLS) against every SMTP path: inbound on
 * 25, submission with STARTTLS and AUTH, submissions (implicit TLS), refused relay, unknown
 * user, the size limit and PIPELINING. The installed swaks (20201014) has no BDAT; CHUNKING is
 * covered by raw-socket tests in {@link SmtpDataTest}.
 */
class SwaksTest {
    @TempDir Path dir;
    @RegisterExtension
    final TestServer f = SmtpClient.server().toml("smtp", "max_message_size = 20000").perTest();

    @BeforeEach
    void start() throws Exception {
        Tools.require("swaks", "swaks libnet-ssleay-perl");
    }

    private Tools.Run swaks(Endpoint e, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("swaks", "--server", "127.0.0.1", "--port", Integer.toString(f.port(e)),
                "--helo", "client.example.org", "--timeout", "30"));
        cmd.addAll(List.of(args));
        return Tools.run(dir, cmd);
    }

    @Test
    void inboundOnPort25() throws Exception {
        Tools.Run r = swaks(Endpoint.SMTP, "--from", "someone@remote.example", "--to", "alice@example.test",
                "--header", "Subject: via swaks", "--body", "hello from swaks");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains("250 2.0.0 Ok: queued as");
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("Subject: via swaks").contains("hello from swaks");
    }

    @Test
    void submissionWithStartTlsAndAuth() throws Exception {
        Tools.Run r = swaks(Endpoint.SUBMISSION, "-tls", "--auth", "PLAIN", "--auth-user", "alice@example.test",
                "--auth-password", SmtpClient.ALICE_PW, "--from", "alice@example.test", "--to", "bob@example.test",
                "--header", "Subject: submitted");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains("235 2.7.0").contains("TLS started");
        assertThat(f.awaitInbox(f.bob(), 1).getFirst()).contains("with ESMTPSA id").contains("Subject: submitted");
    }

    @Test
    void submissionsWithImplicitTlsAndAuthLogin() throws Exception {
        Tools.Run r = swaks(Endpoint.SUBMISSIONS, "--tlsc", "--auth", "LOGIN", "--auth-user", "bob@example.test",
                "--auth-password", SmtpClient.BOB_PW, "--from", "bob@example.test", "--to", "alice@example.test");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("with ESMTPSA id");
    }

    @Test
    void submissionRefusesMailBeforeAuthAndForeignSenders() throws Exception {
        Tools.Run noAuth = swaks(Endpoint.SUBMISSION, "-tls", "--from", "alice@example.test", "--to", "bob@example.test");
        assertThat(noAuth.exit()).as(noAuth.toString()).isNotZero();
        assertThat(noAuth.output()).contains("530 5.7.0");
        Tools.Run foreign = swaks(Endpoint.SUBMISSION, "-tls", "--auth", "PLAIN", "--auth-user", "alice@example.test",
                "--auth-password", SmtpClient.ALICE_PW, "--from", "bob@example.test", "--to", "bob@example.test");
        assertThat(foreign.exit()).isNotZero();
        assertThat(foreign.output()).contains("553 5.7.1");
        Tools.Run wrong = swaks(Endpoint.SUBMISSION, "-tls", "--auth", "PLAIN", "--auth-user", "alice@example.test",
                "--auth-password", "not it", "--from", "alice@example.test", "--to", "bob@example.test");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.output()).contains("535 5.7.8");
    }

    @Test
    void relayIsRefusedAndUnknownUsersToo() throws Exception {
        Tools.Run relay = swaks(Endpoint.SMTP, "--from", "someone@remote.example", "--to", "victim@elsewhere.example");
        assertThat(relay.exit()).as(relay.toString()).isNotZero();
        assertThat(relay.output()).contains("554 5.7.1 Relay access denied");
        Tools.Run unknown = swaks(Endpoint.SMTP, "--from", "someone@remote.example", "--to", "nobody@example.test");
        assertThat(unknown.exit()).isNotZero();
        assertThat(unknown.output()).contains("550 5.1.1");
    }

    @Test
    void sizeLimit() throws Exception {
        Tools.Run r = swaks(Endpoint.SMTP, "--from", "someone@remote.example", "--to", "alice@example.test",
                "--body", "z".repeat(30_000));
        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.output()).contains("552 5.3.4");
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    @Test
    void pipelining() throws Exception {
        Tools.Run r = swaks(Endpoint.SMTP, "--pipeline", "--from", "someone@remote.example",
                "--to", "alice@example.test,bob@example.test", "--header", "Subject: pipelined");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).doesNotContain("does not support PIPELINING").contains("250 2.0.0 Ok: queued as");
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("Subject: pipelined");
        assertThat(f.awaitInbox(f.bob(), 1).getFirst()).contains("Subject: pipelined");
    }
}
