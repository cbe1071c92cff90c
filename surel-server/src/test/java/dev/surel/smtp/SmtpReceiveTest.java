package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.accounts.Quota;
import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Port 25 over real sockets: the "Receiving" rules of issue 4. */
class SmtpReceiveTest {
    @RegisterExtension
    final TestServer f = SmtpClient.server().toml("smtp", "max_recipients = 3\nmax_errors = 13").perTest();

    @Test
    void greetingAndEhloAdvertiseTheExtensionsButNoAuthOnPort25() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            assertThat(c.reply()).isEqualTo("220 mx.example.test ESMTP Surel");
            String ehlo = c.cmd("EHLO client.example.org");
            assertThat(ehlo.lines().map(l -> l.substring(4)).toList()).containsExactly(
                    "mx.example.test Hello client.example.org", "PIPELINING", "SIZE 52428800", "8BITMIME", "SMTPUTF8",
                    "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "STARTTLS", "HELP");
            assertThat(ehlo).doesNotContain("AUTH");
            assertThat(c.cmd("AUTH PLAIN AGFsaWNlQGV4YW1wbGUudGVzdABhbGljZSBzZWNyZXQ=")).startsWith("502 5.5.1");
            // STARTTLS is offered, not required: mail in clear text is accepted
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("QUIT")).startsWith("221 2.0.0");
        }
    }

    @Test
    void aMessageIsDeliveredWithTraceFieldsFirstAndDotUnstuffed() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("DATA")).startsWith("354 ");
            String reply = c.cmd("Subject: hello\r\n\r\nline one\r\n..starts with a dot\r\n.\r\n".stripTrailing());
            assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        }
        String m = f.awaitInbox(f.alice(), 1).getFirst();
        // RFC 5321 §4.4: the final delivery's Return-Path (and Delivered-To) go above our Received:.
        assertThat(m).startsWith("Return-Path: <someone@elsewhere.example>\r\nDelivered-To: alice@example.test\r\n"
                + "Received: from client.example.org ([127.0.0.1])\r\n\tby mx.example.test (Surel) with ESMTP id ");
        assertThat(m).contains("\r\n\tfor <alice@example.test>; ");
        assertThat(m).endsWith("\r\nSubject: hello\r\n\r\nline one\r\n.starts with a dot\r\n");
    }

    @Test
    void theReceivedIdIsTheQueueIdOfThe250Reply() throws Exception {
        String dataId;
        String bdatId;
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("DATA")).startsWith("354 ");
            dataId = queueId(c.cmd("Subject: one\r\n\r\nx\r\n."));
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
            bdatId = queueId(c.cmd("BDAT 19 LAST\r\nSubject: two\r\n\r\nx"));
        }
        assertThat(dataId).isNotEqualTo(bdatId);
        List<String> inbox = f.awaitInbox(f.alice(), 2);
        // RFC 5321 §4.4 "id": the same name the client was given and the logs and `surel queue` use
        assertThat(inbox.get(0)).contains(" with ESMTP id " + dataId + "\r\n").contains("Subject: one");
        assertThat(inbox.get(1)).contains(" with ESMTP id " + bdatId + "\r\n").contains("Subject: two");
    }

    @Test
    void utf8LocalPartsReachTheCatchAllAndAliasesWithSmtputf8Only() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            // RFC 6531 §3.4: without SMTPUTF8 a UTF-8 address is refused
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<用户@catch.test>")).startsWith("553 5.6.7");
            assertThat(c.cmd("RSET")).startsWith("250");
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example> SMTPUTF8")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<用户@catch.test>")).as("catch.test's catch-all is bob").startsWith("250 2.1.5");
            assertThat(c.cmd("DATA")).startsWith("354 ");
            assertThat(c.cmd("Subject: catch-all\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.bob(), 1).getFirst()).contains("for <用户@catch.test>;").contains("Subject: catch-all");
        f.services().directory().addAlias("verkäufe@example.test", List.of("alice@example.test"));
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<someone@elsewhere.example> SMTPUTF8")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<Verkäufe@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("DATA")).startsWith("354 ");
            assertThat(c.cmd("Subject: alias\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("Subject: alias");
    }

    private static String queueId(String reply) {
        assertThat(reply).matches("250 2\\.0\\.0 Ok: queued as [0-9A-Z]{12,}");
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }

    @Test
    void nullSenderIsAcceptedAndAliasesCatchAllSubaddressAndPostmasterResolve() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<sales@example.test>")).startsWith("250 2.1.5");     // alice + bob
            assertThat(c.cmd("RCPT TO:<Alice+News@Example.TEST>")).startsWith("250 2.1.5"); // alice again: one copy
            assertThat(c.cmd("DATA")).startsWith("354 ");
            assertThat(c.cmd("Subject: bounce\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
            assertThat(c.cmd("MAIL FROM:<>")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<whoever@catch.test>")).startsWith("250 2.1.5");   // catch-all: bob
            assertThat(c.cmd("RCPT TO:<Postmaster>")).startsWith("250 2.1.5");            // oldest user: alice
            assertThat(c.cmd("DATA")).startsWith("354 ");
            assertThat(c.cmd("Subject: two\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 2)).hasSize(2);
        assertThat(f.awaitInbox(f.bob(), 2)).hasSize(2);
    }

    @Test
    void unknownUsersRelayAndSequenceErrorsAreRefusedWithEnhancedCodes() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.reply();
            assertThat(c.cmd("MAIL FROM:<a@b.example>")).startsWith("503 5.5.1");
            assertThat(c.cmd("EHLO x")).startsWith("250-");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("503 5.5.1");
            assertThat(c.cmd("DATA")).startsWith("503 5.5.1");
            assertThat(c.cmd("MAIL FROM:<a@b.example>")).startsWith("250 2.1.0");
            assertThat(c.cmd("MAIL FROM:<a@b.example>")).startsWith("503 5.5.1");
            assertThat(c.cmd("DATA")).startsWith("554 5.5.1");
            assertThat(c.cmd("RCPT TO:<nobody@example.test>")).startsWith("550 5.1.1");
            assertThat(c.cmd("RCPT TO:<\"quoted name\"@example.test>")).startsWith("550 5.1.1");
            assertThat(c.cmd("RCPT TO:<someone@elsewhere.example>")).startsWith("554 5.7.1");
            assertThat(c.cmd("RCPT TO:<someone@[192.0.2.1]>")).startsWith("554 5.7.1");
            assertThat(c.cmd("RSET")).startsWith("250 2.0.0");
            assertThat(c.cmd("VRFY alice")).startsWith("252 2.5.0").doesNotContain("alice");
            assertThat(c.cmd("EXPN sales")).startsWith("502 5.5.1");
            assertThat(c.cmd("HELP")).startsWith("214-2.0.0 ");
            assertThat(c.cmd("NOOP")).startsWith("250 2.0.0");
            assertThat(c.cmd("FROB")).startsWith("500 5.5.2");
            assertThat(c.cmd("MAIL FROM:<a@b.example> FROB=1")).startsWith("555 5.5.4");
        }
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    @Test
    void recipientsPerMessageAreLimited() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.cmd("MAIL FROM:<a@b.example>");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<bob@example.test>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<sales@example.test>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice+x@example.test>")).startsWith("452 4.5.3");
        }
    }

    @Test
    void overQuotaIsDeferred() throws Exception {
        f.services().directory().setQuota("bob@example.test", new Quota(OptionalLong.empty(), OptionalLong.of(1)));
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.cmd("MAIL FROM:<a@b.example>");
            assertThat(c.cmd("RCPT TO:<bob@example.test>")).startsWith("250");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: 1\r\n\r\nx\r\n.")).startsWith("250");
            f.awaitInbox(f.bob(), 1);
            c.cmd("MAIL FROM:<a@b.example>");
            assertThat(c.cmd("RCPT TO:<bob@example.test>")).startsWith("452 4.2.2");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
        }
    }

    @Test
    void tooManyReceivedFieldsIsALoop() throws Exception {
        String received = "Received: from a by b; Mon, 23 Nov 2026 00:00:00 +0000\r\n".repeat(51);
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.cmd("MAIL FROM:<a@b.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd(received + "Subject: loop\r\n\r\nx\r\n.")).startsWith("554 5.4.6");
            c.cmd("MAIL FROM:<a@b.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Received: from a by b; Mon, 23 Nov 2026 00:00:00 +0000\r\n".repeat(50) + "Subject: ok\r\n\r\nx\r\n."))
                    .startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1)).singleElement().asString().contains("Subject: ok");
    }

    @Test
    void longTextLinesAreAccepted() throws Exception {
        String line = "x".repeat(1200);
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            c.cmd("MAIL FROM:<a@b.example>");
            c.cmd("RCPT TO:<alice@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: long\r\n\r\n" + line + "\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains(line + "\r\n");
    }

    @Test
    void commandLinesAreLimitedAndErrorsEndTheSession() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("NOOP " + "x".repeat(600))).startsWith("500 5.5.2");
            assertThat(c.cmd("MAIL FROM:<" + "a".repeat(500) + "@b.example>")).startsWith("500 5.5.2");
            assertThat(c.cmd("NOOP")).startsWith("250");
            for (int i = 0; i < 10; i++) assertThat(c.cmd("BOGUS " + i)).startsWith("500 5.5.2");
            assertThat(c.cmd("BOGUS last")).startsWith("500 5.5.2");
            assertThat(c.reply()).startsWith("421 4.7.0");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void utf8AddressesNeedSmtputf8() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<jürgen@bücher.example>")).startsWith("553 5.6.7");
            assertThat(c.cmd("MAIL FROM:<jürgen@bücher.example> SMTPUTF8")).startsWith("250 2.1.0");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: ü\r\n\r\nGrüße\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.alice(), 1).getFirst()).contains("with UTF8SMTP id").contains("Grüße");
    }

    @Test
    void malformedInputNeverHurtsTheServer() throws Exception {
        java.util.Random r = new java.util.Random(42);
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.hello();
            for (int i = 0; i < 6; i++) {
                byte[] junk = new byte[r.nextInt(300) + 1];
                r.nextBytes(junk);
                for (int k = 0; k < junk.length; k++) if (junk[k] == '\n' || junk[k] == '\r') junk[k] = 'x';
                c.send(junk);
                c.send("\r\n");
                String reply = c.reply();
                assertThat(reply).matches("(?s)5\\d\\d [245]\\.\\d\\.\\d .*").doesNotContain("Exception");
            }
        }
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            assertThat(c.hello()).startsWith("250-");
        }
    }

    @Test
    void heloSessionsGetPlainSmtp() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.reply();
            assertThat(c.cmd("HELO old.example.org")).isEqualTo("250 mx.example.test Hello old.example.org");
            c.cmd("MAIL FROM:<a@b.example>");
            c.cmd("RCPT TO:<bob@example.test>");
            c.cmd("DATA");
            assertThat(c.cmd("Subject: helo\r\n\r\nx\r\n.")).startsWith("250 2.0.0");
        }
        assertThat(f.awaitInbox(f.bob(), 1).getFirst()).startsWith("Return-Path: <a@b.example>\r\nDelivered-To: bob@example.test\r\n"
                + "Received: from old.example.org ([127.0.0.1])\r\n\tby mx.example.test (Surel) with SMTP id ");
    }

    @Test
    void bareLfTerminatedCommandsStillWork() throws Exception {
        try (SmtpClient c = SmtpClient.connect(f, Endpoint.SMTP)) {
            c.reply();
            c.send("EHLO x\n");
            assertThat(c.reply()).startsWith("250-");
            assertThat(List.of(c.cmd("NOOP"))).singleElement().asString().startsWith("250");
        }
    }
}
