package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Submission (587 STARTTLS, 465 implicit TLS) over real sockets: AUTH, sender ownership, added fields. */
class SmtpSubmissionTest {
    @RegisterExtension
    final TestServer f = SmtpClient.server().toml("auth.throttle", """
            base_delay = "1ms"
            max_delay = "1ms"
            account_ip_refusal_threshold = 3
            """).perTest();

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String plain(String user, String pw) {
        return b64("\0" + user + "\0" + pw);
    }

    @Test
    void mailBeforeAuthIsRefusedAndPlainAuthLetsTheUserSend() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSION)) {
            String ehlo = c.hello();
            assertThat(ehlo).contains("250-AUTH SCRAM-SHA-256 PLAIN LOGIN").contains("250-STARTTLS");
            assertThat(c.cmd("MAIL FROM:<alice@example.test>")).startsWith("530 5.7.0");
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.test", "wrong"))).startsWith("535 5.7.8");
            assertThat(c.cmd("AUTH CRAM-MD5")).startsWith("504 5.5.4");
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.test", SmtpClient.ALICE_PW))).startsWith("235 2.7.0");
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.test", SmtpClient.ALICE_PW))).startsWith("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<bob@example.test>")).startsWith("553 5.7.1");
            assertThat(c.cmd("MAIL FROM:<>")).startsWith("553 5.7.1");
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example>")).startsWith("553 5.7.1");
            assertThat(c.cmd("MAIL FROM:<alice+lists@example.test>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<bob@example.test>")).startsWith("250 2.1.5");
            c.cmd("DATA");
            assertThat(c.cmd("From: alice@example.test\r\nSubject: no date\r\n\r\nbody\r\n.")).startsWith("250 2.0.0");
            assertThat(c.cmd("MAIL FROM:<sales@example.test>")).as("an alias that includes alice").startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<bob@example.test>")).startsWith("250 2.1.5");
            c.cmd("DATA");
            assertThat(c.cmd("Date: Mon, 23 Nov 2026 01:02:03 +0000\r\nMessage-ID: <given@x.example>\r\nSubject: dated\r\n\r\nbody\r\n."))
                    .startsWith("250 2.0.0");
        }
        // the queue delivers local recipients concurrently: the INBOX order is not the order of the 250s
        var m = f.awaitInbox(f.bob(), 2).stream().sorted(java.util.Comparator.comparing(s -> s.contains("Subject: dated"))).toList();
        assertThat(m.get(0)).contains("with ESMTPA id").containsPattern("\r\nSubject: no date\r\nDate: [^\r\n]+\r\nMessage-ID: <[^@>]+@mx\\.example\\.test>\r\n\r\nbody\r\n");
        assertThat(m.get(1)).contains("Message-ID: <given@x.example>").doesNotContain("@mx.example.test>")
                .containsOnlyOnce("Date: ");
    }

    @Test
    void authenticatedUsersMayRelayAndAQueueRefusalIs451() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSION)) {
            c.hello();
            c.cmd("AUTH PLAIN " + plain("alice@example.test", SmtpClient.ALICE_PW));
            c.cmd("MAIL FROM:<alice@example.test>");
            assertThat(c.cmd("RCPT TO:<friend@elsewhere.example>")).startsWith("250 2.1.5");
            assertThat(c.cmd("DATA")).startsWith("354");
            String r = c.cmd("Subject: out\r\n\r\nx\r\n.");
            // the stand-in queue has no remote delivery yet (QueueException); the durable queue accepts it
            assertThat(r).matches("(250 2\\.0\\.0 .*|451 4\\.3\\.0 .*)");
        }
    }

    @Test
    void authLoginAndScramWork() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSION)) {
            c.hello();
            assertThat(c.cmd("AUTH LOGIN")).startsWith("334 ");
            assertThat(c.cmd(b64("bob@example.test"))).startsWith("334 ");
            assertThat(c.cmd(b64(SmtpClient.BOB_PW))).startsWith("235 2.7.0");
        }
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSION)) {
            c.hello();
            assertThat(c.cmd("AUTH LOGIN")).startsWith("334 ");
            assertThat(c.cmd("*")).startsWith("501 5.0.0");
            ScramClient scram = new ScramClient("alice@example.test", SmtpClient.ALICE_PW);
            String first = c.cmd("AUTH SCRAM-SHA-256 " + b64(scram.clientFirst()));
            assertThat(first).startsWith("334 ");
            String serverFirst = new String(Base64.getDecoder().decode(first.substring(4)), StandardCharsets.UTF_8);
            String fin = c.cmd(b64(scram.clientFinal(serverFirst)));
            assertThat(fin).startsWith("334 ");
            assertThat(scram.verifyServerFinal(new String(Base64.getDecoder().decode(fin.substring(4)), StandardCharsets.UTF_8))).isTrue();
            assertThat(c.cmd("")).startsWith("235 2.7.0");
            assertThat(c.cmd("MAIL FROM:<alice@example.test>")).startsWith("250 2.1.0");
        }
    }

    @Test
    void repeatedFailuresAreRefusedTemporarily() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSION)) {
            c.hello();
            for (int i = 0; i < 3; i++) assertThat(c.cmd("AUTH PLAIN " + plain("bob@example.test", "bad" + i))).startsWith("535 5.7.8");
            assertThat(c.cmd("AUTH PLAIN " + plain("bob@example.test", SmtpClient.BOB_PW))).startsWith("454 4.7.0");
        }
    }

    @Test
    void submissionsSpeaksTlsFromTheStart() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SUBMISSIONS)) {
            String ehlo = c.hello();
            assertThat(ehlo).contains("250-AUTH SCRAM-SHA-256 PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(c.cmd("AUTH PLAIN " + plain("alice@example.test", SmtpClient.ALICE_PW))).startsWith("235");
            c.cmd("MAIL FROM:<alice@example.test>");
            c.cmd("RCPT TO:<bob@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: over 465\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.bob(), 1).getFirst()).contains("with ESMTPSA id").containsPattern("\\(using TLSv1\\.[23] with cipher");
    }
}
