package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.queue.RemoteTransport.RecipientOutcome;
import dev.surel.tls.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Surel's transport against Debian's Postfix: found by MX through the loopback DNS server
 * (127.0.0.186), Postfix on 127.0.0.185:25 with STARTTLS offered and virtual mailboxes.
 */
class PostfixInteropTest {

    private static final String POSTFIX = "127.0.0.185";

    @TempDir
    static Path dir;
    static PostfixInstance postfix;
    static TestDnsServer dns;

    @BeforeAll
    static void start() throws Exception {
        TestCerts.Written cert = TestCerts.write(dir, "pf", "mx.pf.test", TestCerts.KeyForm.PKCS8_RSA);
        postfix = PostfixInstance.start(dir, POSTFIX, 25, "pf.test", List.of("bob", "carol"), Map.of(
                "smtpd_tls_security_level", "may",
                "smtpd_tls_cert_file", cert.cert().toString(),
                "smtpd_tls_key_file", cert.key().toString(),
                "smtpd_tls_loglevel", "1"));
        dns = new TestDnsServer("127.0.0.186");
        dns.mx("pf.test", 10, "mx.pf.test").a("mx.pf.test", POSTFIX);
    }

    @AfterAll
    static void stop() throws Exception {
        if (dns != null) dns.close();
        if (postfix != null) postfix.close();
    }

    private SmtpRemoteTransport transport() {
        return new SmtpRemoteTransport(DeliverySettings.defaults("surel.test").withResolver(dns.address())
                .withTimeouts(Duration.ofSeconds(10)), new Random(1));
    }

    @Test
    void deliversToPostfixByMxOverTls() throws Exception {
        String body = "From: alice@surel.test\r\nTo: bob@pf.test\r\nSubject: interop\r\nMessage-ID: <i1@surel.test>\r\n\r\n"
                + "line one\r\n.dotted line\r\n" + "x".repeat(1200) + "\r\nend\r\n";
        try (SmtpRemoteTransport t = transport()) {
            var out = t.deliver(SmtpRemoteTransportTest.message("pf.test", body,
                    SmtpRemoteTransportTest.rcpt("bob@pf.test"), SmtpRemoteTransportTest.rcpt("carol@pf.test")));
            assertThat(out).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(RecipientOutcome.Delivered.class, d -> {
                assertThat(d.reply()).startsWith("250 2.0.0 Ok: queued as ");
                assertThat(d.remoteHost()).isEqualTo("mx.pf.test[127.0.0.185]:25");
            }));
        }
        Path got = postfix.awaitMailbox("bob", 1, Duration.ofSeconds(15)).getFirst();
        postfix.awaitMailbox("carol", 1, Duration.ofSeconds(15));
        String stored = Files.readString(got, StandardCharsets.ISO_8859_1);
        assertThat(stored).contains("Subject: interop").contains("\n.dotted line\n").contains("\nend\n");
        assertThat(stored.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(998));
        assertThat(stored.replace("\n", "")).contains("x".repeat(1200));
        assertThat(stored).containsPattern("Received: from surel\\.test \\(.*\\[127\\.0\\.0\\.1\\]\\)\\s+by postfix\\.pf\\.test \\(Postfix\\) with ESMTPS "); // ESMTPS: over TLS (RFC 3848)
    }

    @Test
    void anUnknownUserAtPostfixFailsWithPostfixsStatus() throws Exception {
        try (SmtpRemoteTransport t = transport()) {
            var out = t.deliver(SmtpRemoteTransportTest.message("pf.test", "Subject: x\r\n\r\nx\r\n",
                    SmtpRemoteTransportTest.rcpt("nobody@pf.test"), SmtpRemoteTransportTest.rcpt("carol@pf.test")));
            assertThat(out.get(0)).isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> {
                assertThat(f.status()).isEqualTo("5.1.1");
                assertThat(f.reply()).startsWith("550 5.1.1 <nobody@pf.test>: Recipient address rejected: User unknown");
            });
            assertThat(out.get(1)).isInstanceOf(RecipientOutcome.Delivered.class);
        }
    }
}
