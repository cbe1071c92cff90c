package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.admin.AdminClient;
import dev.surel.mailauth.DkimKey;
import dev.surel.net.Endpoint;
import dev.surel.protocol.dkim.DkimResult;
import dev.surel.protocol.dkim.DkimVerifier;
import dev.surel.protocol.dkim.KeyLookup;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound DKIM end to end: a started server (mx.example.test, hosting example.test) delivers
 * through its relay host, a {@link TestSmtpPeer}; keys are made with {@code surel dkim generate}
 * through the running server's admin channel. What the peer received is checked by three
 * verifiers: Surel's own, dkimpy and OpenDKIM (RFC 6376 §6, RFC 8463).
 */
class DkimSigningEndToEndTest {

    static final String ALICE = "alice@example.test";
    static final String PW = "alice secret";

    @TempDir Path dir;
    TestSmtpPeer peer;
    TestServer server;

    @BeforeEach
    void start() throws Exception {
        peer = new TestSmtpPeer("127.0.0.1", 0);
        peer.rcptReply = a -> a.contains("nobody@") ? "550 5.1.1 no such user" : "250 2.1.5 ok";
        server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP, Endpoint.SUBMISSION)
                .user(ALICE, PW)
                .alias("fwd@example.test", List.of("carol@remote.test"))
                .alias("gone@example.test", List.of("nobody@remote.test"))
                .toml("queue", "relay_host = \"127.0.0.1:" + peer.port() + "\"")
                .start(dir.resolve("srv"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (peer != null) peer.close();
    }

    @Test
    void submittedMailIsSignedWithEveryActiveKeyFromTheMomentItIsGenerated() throws Exception {
        submit("Subject: before\r\n\r\nno key yet\r\n");
        assertThat(header(received(1).getFirst())).as("no key: no signature").doesNotContainIgnoringCase("DKIM-Signature");

        assertThat(admin("dkim", "generate", "example.test", "--algorithm", "ed25519").exit).isZero();
        Run rsa = admin("dkim", "generate", "example.test", "--selector", "r1");
        assertThat(rsa.exit).as(rsa.err).isZero();
        assertThat(rsa.out).startsWith("r1._domainkey.example.test. TXT \"v=DKIM1; k=rsa; p=");

        // a long body line (broken at 998 octets on the way out), a leading dot (stuffed), trailing spaces
        String body = "Hello Carol,  \r\n.a line with a dot\r\n" + "x".repeat(1500) + "\r\n\r\nBye.\r\n";
        submit("Subject: signed\r\n\r\n" + body);
        byte[] got = received(2).get(1);
        String head = header(got);
        assertThat(head).containsPattern("(?s)DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.test;\\s+s=ed\\d{8};.*"
                + "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test;\\s+s=r1;");
        assertThat(head).containsPattern("h=from:from:to:subject:date:message-id");
        assertThat(new String(got, StandardCharsets.ISO_8859_1)).as("the line was broken as sent").doesNotContain("x".repeat(999));
        Map<String, String> records = records();
        assertThat(surel(got, records)).containsExactly(DkimResult.Verdict.PASS, DkimResult.Verdict.PASS);
        assertThat(DkimTools.dkimpy(got, records)).containsExactly(true, true);
        assertThat(DkimTools.openDkim(got, records, dir))
                .contains("dkim=pass header.d=example.test header.i=@example.test header.a=ed25519-sha256")
                .containsPattern("dkim=pass \\(2048-bit key\\) header.d=example.test header.i=@example.test header.a=rsa-sha256 header.s=r1");
        byte[] tampered = new String(got, StandardCharsets.ISO_8859_1).replace("Bye.", "Bye!").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DkimTools.dkimpy(tampered, records)).containsExactly(false, false);
    }

    @Test
    void mailRelayedFromPort25IsNotSignedEvenWithOurDomainInFrom() throws Exception {
        admin("dkim", "generate", "example.test");
        try (LineClient c = LineClient.plain(server.address(Endpoint.SMTP))) {
            c.reply();
            c.smtp("EHLO sender.remote.test");
            assertThat(c.smtp("MAIL FROM:<dave@elsewhere.test>")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<fwd@example.test>")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            assertThat(c.smtp("From: alice@example.test\r\nSubject: forged\r\n\r\nnot ours\r\n.")).startsWith("250");
        }
        byte[] got = received(1).getFirst();
        assertThat(new String(got, StandardCharsets.ISO_8859_1)).contains("not ours");
        assertThat(header(got)).doesNotContainIgnoringCase("DKIM-Signature");
    }

    @Test
    void aDsnToARemoteSenderIsSignedForTheServersDomain() throws Exception {
        admin("dkim", "generate", "example.test");
        try (LineClient c = LineClient.plain(server.address(Endpoint.SMTP))) {
            c.reply();
            c.smtp("EHLO sender.remote.test");
            assertThat(c.smtp("MAIL FROM:<dave@remote.test>")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<gone@example.test>")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            assertThat(c.smtp("From: dave@remote.test\r\nSubject: to nobody\r\n\r\nlost\r\n.")).startsWith("250");
        }
        // the forward to nobody@remote.test is refused (550); the DSN to dave@remote.test goes out through the peer
        byte[] dsn = awaitData(d -> new String(d, StandardCharsets.ISO_8859_1).contains("multipart/report"));
        String text = new String(dsn, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("From: Mail Delivery System <MAILER-DAEMON@mx.example.test>").contains("To: <dave@remote.test>");
        assertThat(header(dsn)).containsPattern("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test;");
        Map<String, String> records = records();
        assertThat(surel(dsn, records)).containsExactly(DkimResult.Verdict.PASS);
        assertThat(DkimTools.dkimpy(dsn, records)).containsExactly(true);
        assertThat(DkimTools.openDkim(dsn, records, dir)).contains("dkim=pass (2048-bit key) header.d=example.test");
    }

    // ------------------------------------------------------------ helpers

    record Run(int exit, String out, String err) { }

    private Run admin(String... args) throws Exception {
        Path data = server.config().dataDir();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data, List.of(args), null, out, err);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private void submit(String message) throws Exception {
        try (LineClient c = LineClient.plain(server.address(Endpoint.SUBMISSION))) {
            c.reply();
            c.smtp("EHLO client.example.test");
            String auth = Base64.getEncoder().encodeToString(("\0" + ALICE + "\0" + PW).getBytes(StandardCharsets.UTF_8));
            assertThat(c.smtp("AUTH PLAIN " + auth)).startsWith("235");
            assertThat(c.smtp("MAIL FROM:<" + ALICE + ">")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<carol@remote.test>")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            String stuffed = ("From: Alice <" + ALICE + ">\r\nTo: carol@remote.test\r\n" + message).replace("\r\n.", "\r\n..");
            assertThat(c.smtp(stuffed + ".")).startsWith("250");
        }
    }

    /** The messages the peer has received, waiting for {@code n} of them. */
    private List<byte[]> received(int n) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<byte[]> all = peer.sessions.stream().flatMap(s -> s.data.stream()).map(DkimTools::unstuff).toList();
            if (all.size() >= n) return all;
            if (System.nanoTime() > deadline) throw new AssertionError("the peer received " + all.size() + " of " + n + " messages");
            Thread.sleep(50);
        }
    }

    private byte[] awaitData(java.util.function.Predicate<byte[]> test) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            for (byte[] d : peer.sessions.stream().flatMap(s -> s.data.stream()).map(DkimTools::unstuff).toList()) {
                if (test.test(d)) return d;
            }
            if (System.nanoTime() > deadline) throw new AssertionError("no such message at the peer");
            Thread.sleep(50);
        }
    }

    private static String header(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\r\n\r\n"));
    }

    /** The published records of every key, as DNS would serve them: name to record. */
    private Map<String, String> records() {
        Map<String, String> r = new LinkedHashMap<>();
        for (DkimKey k : server.services().dkim().list(null)) r.put(k.recordName(), String.join("", k.txtStrings()));
        return r;
    }

    private static List<DkimResult.Verdict> surel(byte[] message, Map<String, String> records) {
        KeyLookup lookup = (s, d) -> records.containsKey(s + "._domainkey." + d)
                ? new KeyLookup.Records(List.of(records.get(s + "._domainkey." + d))) : new KeyLookup.NoKey();
        return new DkimVerifier(lookup).verify(message, Instant.now()).stream().map(DkimResult::verdict).toList();
    }
}
