package dev.surel.smtp;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.protocol.dkim.Canonicalization;
import dev.surel.protocol.dkim.DkimSigner;
import dev.surel.protocol.dkim.KeyRecord;
import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of incoming mail on port 25 (issue 14) against a started server, over real sockets,
 * with a loopback DNS server ({@link TestDnsServer}) serving the test zones as {@code [dns]
 * resolver}: DKIM (Surel's signer and dkimpy's), DMARC with p=reject / p=quarantine, the
 * Authentication-Results field, the removal of forged ones, submission unchecked, a big message,
 * BDAT, a DNS failure.
 *
 * <p>SPF: the server runs the DNS-backed check; {@link #SPF_OF_GENUINE} is the one place that says
 * {@code spf=pass} once it does (the zone already publishes the SPF records that make it pass).
 */
class SmtpInboundAuthTest {

    /** What the A-R says about SPF for genuine mail from 127.0.0.1 (genuine.example allows 127.0.0.0/8). */
    static final String SPF_OF_GENUINE = "spf=pass";

    static TestDnsServer dns;
    static KeyPair ed;
    static KeyPair rsa;
    static KeyPair attacker;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void zone() throws Exception {
        ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        attacker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        dns = new TestDnsServer();
        dns.zone("""
                genuine.example. 300 IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                _dmarc.genuine.example. 300 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@genuine.example"
                _dmarc.bank.example. 300 IN TXT "v=DMARC1; p=reject"
                bank.example. 300 IN TXT "v=spf1 -all"
                _dmarc.shop.example. 300 IN TXT "v=DMARC1; p=quarantine"
                _dmarc.flaky.example. 300 IN TXT "v=DMARC1; p=reject"
                """);
        dns.add(TestDnsServer.txt("ed._domainkey.genuine.example", KeyRecord.publish(ed.getPublic())));
        dns.add(TestDnsServer.txt("rsa._domainkey.genuine.example", KeyRecord.publish(rsa.getPublic())));
        dns.add(TestDnsServer.txt("py._domainkey.genuine.example", KeyRecord.publish(rsa.getPublic())));
        dns.add(TestDnsServer.txt("x._domainkey.attacker.example", KeyRecord.publish(attacker.getPublic())));
        dns.servfail("sel._domainkey.flaky.example");
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    static TestSetup setup() {
        return TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP, Endpoint.SUBMISSION)
                .user(ALICE, SmtpClient.ALICE_PW).user(BOB, SmtpClient.BOB_PW)
                .toml("mail_auth", "inbound = true") // the kit's default is off
                .toml("dns", "resolver = \"" + dns.address() + "\"\ntimeout = \"2s\"")
                .toml("queue", "relay_host = \"127.0.0.1:1\"");
    }

    void start() {
        server = setup().start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static String message(String from, String subject, String body) {
        return "From: " + from + "\r\nTo: alice@example.test\r\nSubject: " + subject + "\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + Math.abs(subject.hashCode()) + "@test>\r\n\r\n" + body + "\r\n";
    }

    static String signed(String message, KeyPair keys, String domain, String selector) {
        DkimSigner s = new DkimSigner(keys.getPrivate(), domain, selector, DkimSigner.DEFAULT_HEADERS, Canonicalization.RELAXED,
                Canonicalization.RELAXED);
        return s.sign(message.getBytes(StandardCharsets.UTF_8), Instant.now()) + message;
    }

    /** Sends over port 25 from 127.0.0.1 with DATA; returns the final reply. */
    String sendData(String mailFrom, String content) throws IOException {
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<" + mailFrom + ">")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            assertThat(c.cmd("DATA")).startsWith("354");
            c.send(content.getBytes(StandardCharsets.UTF_8));
            return c.cmd(".");
        }
    }

    /** Sends over port 25 with two BDAT chunks; returns the reply to BDAT LAST. */
    String sendBdat(String mailFrom, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        int half = b.length / 2;
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<" + mailFrom + ">")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            c.send("BDAT " + half + "\r\n");
            c.send(Arrays.copyOfRange(b, 0, half));
            assertThat(c.reply()).startsWith("250");
            c.send("BDAT " + (b.length - half) + " LAST\r\n");
            c.send(Arrays.copyOfRange(b, half, b.length));
            return c.reply();
        }
    }

    List<String> mailbox(String name) {
        long account = server.alice();
        long box = server.mailbox(account, name);
        List<String> out = new ArrayList<>();
        for (MessageMeta m : server.store().messages(account, box, UidRange.ALL)) {
            try (SizedStream s = server.store().open(account, box, m.uid())) {
                out.add(new String(s.in().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The header section of a stored message. */
    static String header(String message) {
        return message.substring(0, message.indexOf("\r\n\r\n") + 2);
    }

    /** The Authentication-Results fields of a message's header, unfolded. */
    static List<String> results(String message) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^Authentication-Results:((?:[^\r\n]|\r\n[ \t])*)").matcher(header(message));
        while (m.find()) out.add(m.group(1).replaceAll("\r\n[ \t]", " ").strip());
        return out;
    }

    @Test
    void genuineMailSignedTwicePassesDkimAndDmarc() throws Exception {
        start();
        String m = signed(signed(message("Sender <sender@genuine.example>", "genuine", "Hello."), ed, "genuine.example", "ed"),
                rsa, "genuine.example", "rsa");
        assertThat(sendData("sender@genuine.example", m)).startsWith("250 2.0.0");
        String stored = server.awaitInbox(server.alice(), 1).getFirst();
        assertThat(stored).startsWith("Return-Path: <sender@genuine.example>\r\nDelivered-To: alice@example.test\r\n"
                + "Authentication-Results: mx.example.test;\r\n");
        assertThat(results(stored)).hasSize(1);
        String ar = results(stored).getFirst();
        assertThat(ar).startsWith("mx.example.test;")
                .contains(SPF_OF_GENUINE + " ").contains("smtp.mailfrom=sender@genuine.example")
                .containsPattern("dkim=pass \\(good signature\\) header.d=genuine.example header.i=@genuine.example header.s=rsa "
                        + "header.a=rsa-sha256 header.b=(\"[A-Za-z0-9+/]{12}\"|[A-Za-z0-9+]{12});")
                .containsPattern("dkim=pass \\(good signature\\) header.d=genuine.example header.i=@genuine.example header.s=ed "
                        + "header.a=ed25519-sha256 header.b=(\"[A-Za-z0-9+/]{12}\"|[A-Za-z0-9+]{12});")
                .contains("dmarc=pass (p=reject dis=none; aligned DKIM signature) header.from=genuine.example");
        // the message after the prepended fields is what was sent, after our Received:
        assertThat(stored).contains("\r\n\tby mx.example.test (Surel) with ESMTP id ").endsWith(m);
    }

    /** RFC 7489 §7.2: each outcome decided by a policy is kept for the domain's daily aggregate report. */
    @Test
    void dmarcOutcomesAreKeptForTheAggregateReports() throws Exception {
        start();
        String m = signed(message("Sender <sender@genuine.example>", "genuine", "Hello."), ed, "genuine.example", "ed");
        assertThat(sendData("sender@genuine.example", m)).startsWith("250 2.0.0");
        String forged = signed(message("Your Bank <security@bank.example>", "forged", "Click here."), attacker, "attacker.example", "x");
        assertThat(sendData("bounce@attacker.example", forged)).startsWith("550 5.7.1 ");
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        var reports = server.services().dmarcResults();
        assertThat(reports.domains(today)).containsExactly("bank.example", "genuine.example");
        var genuine = reports.day(today, "genuine.example");
        assertThat(genuine.published()).isEqualTo(new AggregateReport.Published("genuine.example", "r", "r", "reject", "reject", 100));
        assertThat(genuine.rows()).singleElement().satisfies(r -> {
            assertThat(r.sourceIp()).isEqualTo("127.0.0.1");
            assertThat(r.disposition()).isEqualTo("none");
            assertThat(r.dkim()).isEqualTo("pass");
            assertThat(r.headerFrom()).isEqualTo("genuine.example");
            assertThat(r.envelopeFrom()).isEqualTo("genuine.example");
            assertThat(r.dkimResults()).containsExactly(new AggregateReport.AuthResult("genuine.example", "ed", "pass"));
        });
        assertThat(reports.day(today, "bank.example").rows()).singleElement().satisfies(r -> {
            assertThat(r.disposition()).isEqualTo("reject");
            assertThat(r.dkim()).isEqualTo("fail");
            assertThat(r.spf()).isEqualTo("fail");
            assertThat(r.envelopeFrom()).isEqualTo("attacker.example");
            assertThat(r.dkimResults()).containsExactly(new AggregateReport.AuthResult("attacker.example", "x", "pass"));
        });
    }

    @Test
    void aMessageSignedByDkimpyPasses() throws Exception {
        start();
        String m = message("<news@genuine.example>", "dkimpy", "Signed in Python.");
        Path key = dir.resolve("rsa.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(rsa.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String field = dkimpySign(m, key, false);
        assertThat(field).startsWith("DKIM-Signature:");
        assertThat(sendData("news@genuine.example", field + m)).startsWith("250 2.0.0");
        String ar = results(server.awaitInbox(server.alice(), 1).getFirst()).getFirst();
        assertThat(ar).contains("dkim=pass (good signature) header.d=genuine.example").contains("header.s=py")
                .contains("dmarc=pass").contains("header.from=genuine.example");
    }

    @Test
    void aSignatureWithLShorterThanTheBodyPassesButDoesNotCountForDmarc() throws Exception {
        start();
        String m = message("<news@genuine.example>", "l tag", "Signed part.");
        Path key = dir.resolve("rsa.pem");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(rsa.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String field = dkimpySign(m, key, true);
        assertThat(field).contains("l=");
        // as signed: the whole body is covered, DMARC passes
        assertThat(sendData("news@genuine.example", field + m)).startsWith("250 2.0.0");
        assertThat(results(server.awaitInbox(server.alice(), 1).getFirst()).getFirst()).contains("dkim=pass (good signature)")
                .contains("dmarc=pass");
        // someone appended content after l=: the signature still verifies, but RFC 6376 §8.2: that content is
        // nobody's, so it does not make DMARC pass for genuine.example (p=reject: refused); sent from another
        // envelope domain, so that SPF (which passes for genuine.example from 127.0.0.1) does not align either
        String reply = sendData("bounce@attacker.example", field + m + "Appended: click http://evil.example/\r\n");
        assertThat(reply).startsWith("550 5.7.1 ").contains("DMARC policy of genuine.example");
    }

    private String dkimpySign(String message, Path key, boolean length) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) throw new AssertionError("python3 is not installed: apt-get install -y python3 python3-dkim");
        String script = """
                import dkim, sys
                m = sys.stdin.buffer.read()
                sys.stdout.buffer.write(dkim.sign(m, b'py', b'genuine.example', open(sys.argv[1], 'rb').read(),
                    canonicalize=(b'relaxed', b'simple'), include_headers=[b'from', b'to', b'subject', b'date'],
                    length=sys.argv[2] == '1'))
                """;
        Path err = dir.resolve("dkimpy.err");
        Process p = new ProcessBuilder(python.toString(), "-c", script, key.toString(), length ? "1" : "0").redirectError(err.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(message.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String e = Files.readString(err);
        if (e.contains("No module named 'dkim'")) throw new AssertionError("dkimpy is not installed: apt-get install -y python3-dkim");
        assertThat(p.exitValue()).as(e).isZero();
        return out;
    }

    @Test
    void forgedFromOfARejectDomainIsRefusedAndNothingDelivered() throws Exception {
        start();
        // signed, but by the attacker's own domain: DKIM passes, DMARC of bank.example does not
        String m = signed(message("Your Bank <security@bank.example>", "forged", "Click here."), attacker, "attacker.example", "x");
        String reply = sendData("bounce@attacker.example", m);
        assertThat(reply).startsWith("550 5.7.1 ").contains("DMARC policy of bank.example").contains("p=reject");
        assertThat(sendBdat("bounce@attacker.example", m)).startsWith("550 5.7.1 ");
        assertThat(server.queue().list()).isEmpty();
        Thread.sleep(300);
        assertThat(mailbox("INBOX")).isEmpty();
        assertThat(mailbox("Junk")).isEmpty();
    }

    @Test
    void quarantineGoesToJunkNotInbox() throws Exception {
        start();
        assertThat(sendData("x@elsewhere.example", message("<offers@shop.example>", "offer", "Cheap."))).startsWith("250 2.0.0");
        TestServer.await("the message in Junk", () -> mailbox("Junk").size() == 1);
        assertThat(mailbox("INBOX")).isEmpty();
        assertThat(results(mailbox("Junk").getFirst()).getFirst()).contains("dkim=none")
                .contains("dmarc=fail (p=quarantine dis=quarantine; no aligned DKIM or SPF pass) header.from=shop.example");
    }

    @Test
    void forgedResultsClaimingOurHostAreRemovedOthersStay() throws Exception {
        start();
        String m = "Authentication-Results: mx.example.test; dkim=pass header.d=bank.example\r\n"
                + "Authentication-Results: other.example; spf=pass smtp.mailfrom=a@other.example\r\n"
                + "authentication-results: (comment) MX.EXAMPLE.TEST;\r\n\tdmarc=pass header.from=bank.example\r\n"
                + message("<someone@nodmarc.example>", "forged results", "Authentication-Results: mx.example.test; in the body stays");
        assertThat(sendData("someone@nodmarc.example", m)).startsWith("250 2.0.0");
        String stored = server.awaitInbox(server.alice(), 1).getFirst();
        List<String> ar = results(stored);
        assertThat(ar).hasSize(2);
        assertThat(ar.get(0)).startsWith("mx.example.test;").contains("dkim=none").contains("dmarc=none");
        assertThat(ar.get(1)).isEqualTo("other.example; spf=pass smtp.mailfrom=a@other.example");
        assertThat(stored).doesNotContain("header.d=bank.example").doesNotContain("MX.EXAMPLE.TEST")
                .contains("\r\n\r\nAuthentication-Results: mx.example.test; in the body stays");
    }

    @Test
    void submissionIsNotChecked() throws Exception {
        start();
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SUBMISSION)) {
            c.hello();
            assertThat(c.cmd("AUTH PLAIN " + SmtpSubmissionTest.plain(BOB, SmtpClient.BOB_PW))).startsWith("235");
            assertThat(c.cmd("MAIL FROM:<bob@example.test>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            assertThat(c.cmd("DATA")).startsWith("354");
            assertThat(c.cmd(message("Bob <bob@example.test>", "from bob",
                    "x").replace("Subject:", "Authentication-Results: other.example; none\r\nSubject:") + ".")).startsWith("250 2.0.0");
        }
        String stored = server.awaitInbox(server.alice(), 1).getFirst();
        assertThat(results(stored)).containsExactly("other.example; none");
    }

    @Test
    void aBigMessageVerifiesStreamed() throws Exception {
        start();
        StringBuilder body = new StringBuilder(9 << 20);
        String line = "0123456789".repeat(7) + " big message line\r\n";
        while (body.length() < 8 << 20) body.append(line);
        String m = signed(message("<big@genuine.example>", "big", body.toString()), ed, "genuine.example", "ed");
        assertThat(sendData("big@genuine.example", m)).startsWith("250 2.0.0");
        String ar = results(server.awaitInbox(server.alice(), 1).getFirst()).getFirst();
        assertThat(ar).contains("dkim=pass").contains("dmarc=pass");
    }

    @Test
    void bdatGenuineMailPasses() throws Exception {
        start();
        String m = signed(message("<sender@genuine.example>", "by bdat", "Chunked."), ed, "genuine.example", "ed");
        assertThat(sendBdat("sender@genuine.example", m)).startsWith("250 2.0.0");
        String ar = results(server.awaitInbox(server.alice(), 1).getFirst()).getFirst();
        assertThat(ar).contains("dkim=pass").contains("header.s=ed").contains("dmarc=pass (p=reject dis=none; aligned DKIM signature) header.from=genuine.example");
    }

    @Test
    void aKeyLookupThatFailsForNowIsTemperrorAndNotRefused() throws Exception {
        start();
        // signed by a key we cannot fetch (SERVFAIL): DMARC of the p=reject domain cannot tell, so no refusal
        KeyPair k = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String m = signed(message("<a@flaky.example>", "flaky", "DNS is down."), k, "flaky.example", "sel");
        assertThat(sendData("a@flaky.example", m)).startsWith("250 2.0.0");
        String ar = results(server.awaitInbox(server.alice(), 1).getFirst()).getFirst();
        assertThat(ar).contains("dkim=temperror").contains("header.d=flaky.example").contains("dmarc=temperror")
                .contains("header.from=flaky.example");
    }

    @Test
    void checksCanBeTurnedOff() throws Exception {
        server = setup().toml("mail_auth", "inbound = false").start(dir);
        String m = message("Your Bank <security@bank.example>", "unchecked", "x");
        assertThat(sendData("bounce@attacker.example", m)).startsWith("250 2.0.0");
        assertThat(results(server.awaitInbox(server.alice(), 1).getFirst())).isEmpty();
    }
}
