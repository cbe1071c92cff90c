package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.admin.AdminClient;
import dev.surel.dns.TestDnsServer;
import dev.surel.mailauth.DkimKey;
import dev.surel.net.Endpoint;
import dev.surel.protocol.dkim.ArcResult;
import dev.surel.protocol.dkim.ArcSealer;
import dev.surel.protocol.dkim.Canonicalization;
import dev.surel.protocol.dkim.DkimSigner;
import dev.surel.protocol.dkim.DkimStream;
import dev.surel.protocol.dkim.DkimVerifier;
import dev.surel.protocol.dkim.KeyLookup;
import dev.surel.protocol.dkim.KeyRecord;
import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.protocol.dkim.MessageHasher;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARC (RFC 8617) end to end against a started server with the checks of port 25 on, a loopback
 * DNS server and a {@link TestSmtpPeer} as relay host: mail forwarded through an alias leaves
 * with an ARC set that dkimpy validates; mail that a trusted sealer vouches for passes a DMARC
 * p=reject it fails after a mailing list changed it, and the same mail is refused when the
 * sealer is not trusted, the chain was broken after the seal, or the sealer saw no pass.
 */
class ArcEndToEndTest {

    static final String LIST = "lists.example.net";

    static TestDnsServer dns;
    static KeyPair genuine;
    static KeyPair list;
    static KeyPair other;

    @TempDir Path dir;
    TestSmtpPeer peer;
    TestServer server;

    @BeforeAll
    static void zone() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        genuine = g.generateKeyPair();
        list = g.generateKeyPair();
        other = g.generateKeyPair();
        dns = new TestDnsServer();
        dns.zone("""
                genuine.example. 300 IN TXT "v=spf1 ip4:127.0.0.0/8 -all"
                _dmarc.genuine.example. 300 IN TXT "v=DMARC1; p=reject"
                """);
        dns.add(TestDnsServer.txt("k._domainkey.genuine.example", KeyRecord.publish(genuine.getPublic())));
        dns.add(TestDnsServer.txt("arc._domainkey." + LIST, KeyRecord.publish(list.getPublic())));
        dns.add(TestDnsServer.txt("arc._domainkey.other.example", KeyRecord.publish(other.getPublic())));
    }

    @AfterAll
    static void stopDns() throws Exception {
        dns.close();
    }

    @BeforeEach
    void start() throws Exception {
        peer = new TestSmtpPeer("127.0.0.1", 0);
        server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP)
                .user("alice@example.test", "alice secret")
                .alias("fwd@example.test", List.of("carol@remote.test"))
                .toml("mail_auth", "inbound = true\narc_trusted_sealers = [\"" + LIST + "\"]")
                .toml("filter", "enabled = true") // its X-Spam-* fields are stored beside our Authentication-Results
                .toml("dns", "resolver = \"" + dns.address() + "\"\ntimeout = \"2s\"")
                .toml("queue", "relay_host = \"127.0.0.1:" + peer.port() + "\"")
                .start(dir.resolve("srv"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) server.close();
        if (peer != null) peer.close();
    }

    static String message(String subject) {
        return "From: Sender <sender@genuine.example>\r\nTo: fwd@example.test\r\nSubject: " + subject
                + "\r\nDate: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "@genuine.example>\r\n\r\n"
                + "Hello.\r\n";
    }

    static String dkimSigned(String message) {
        return new DkimSigner(genuine.getPrivate(), "genuine.example", "k", DkimSigner.DEFAULT_HEADERS, Canonicalization.RELAXED,
                Canonicalization.RELAXED).sign(message.getBytes(StandardCharsets.UTF_8), Instant.now()) + message;
    }

    /** What a mailing list does to a signed message: a tag in the subject and a footer (DKIM breaks), then its ARC set. */
    static String throughList(String signed, KeyPair key, String sealer, String results) throws Exception {
        String changed = signed.replace("Subject: ", "Subject: [list] ") + "-- \r\nThe list footer\r\n";
        MessageHasher h = new MessageHasher(1 << 20, Set.of(Canonicalization.RELAXED));
        h.write(changed.getBytes(StandardCharsets.UTF_8));
        return new ArcSealer(key.getPrivate(), sealer, "arc").seal(h.finish(), ArcResult.Verdict.NONE, sealer + "; " + results,
                Instant.now()).orElseThrow() + changed;
    }

    @Test
    void forwardedMailLeavesWithAnArcSetThatDkimpyValidates() throws Exception {
        assertThat(admin("dkim", "generate", "example.test")).isZero(); // RSA, the only ARC algorithm (RFC 8617 §4.1.3)
        assertThat(send("sender@genuine.example", "fwd@example.test", dkimSigned(message("forwarded")))).startsWith("250");
        byte[] got = received();
        String head = header(got);
        assertThat(head).startsWith("ARC-Seal: i=1; a=rsa-sha256;").containsPattern("cv=none; d=example.test;\\s+s=");
        assertThat(head).contains("ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test;");
        String aar = unfolded(head, "ARC-Authentication-Results");
        assertThat(aar).startsWith("i=1; mx.example.test;").contains("spf=pass").contains("dkim=pass")
                .contains("dmarc=pass").contains("arc=none").doesNotContain("X-Spam");
        assertThat(head).as("the spam fields are for our own mailboxes, not passed on").doesNotContain("X-Spam-");
        assertThat(head).as("relayed mail is sealed, not DKIM-signed by us").doesNotContain("d=example.test; s=", "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.test");
        Map<String, String> records = records();
        assertThat(DkimTools.dkimpyArc(got, records)).startsWith("pass");
        assertThat(surelArc(got, records)).isEqualTo(ArcResult.Verdict.PASS);
        byte[] tampered = new String(got, StandardCharsets.ISO_8859_1).replace("Hello.", "Hello!").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(DkimTools.dkimpyArc(tampered, records)).startsWith("fail");
    }

    @Test
    void forwardedMailWithoutAnRsaKeyGoesOutUnsealed() throws Exception {
        assertThat(admin("dkim", "generate", "example.test", "--algorithm", "ed25519")).isZero();
        assertThat(send("sender@genuine.example", "fwd@example.test", dkimSigned(message("no rsa")))).startsWith("250");
        assertThat(header(received())).doesNotContain("ARC-");
    }

    @Test
    void aTrustedSealerLiftsADmarcRejectTheListCaused() throws Exception {
        String vouched = throughList(dkimSigned(message("trusted")), list, LIST,
                "dkim=pass header.d=genuine.example; dmarc=pass header.from=genuine.example; arc=none");
        // without ARC this fails DMARC (the list broke the signature; SPF is the list's) and p=reject refuses it
        assertThat(send("bounces@" + LIST, "alice@example.test", stripArc(vouched))).startsWith("550 5.7.1");
        assertThat(send("bounces@" + LIST, "alice@example.test", vouched)).startsWith("250");
        String stored = server.awaitInbox(server.alice(), 1).getFirst();
        String ar = unfolded(header(stored.getBytes(StandardCharsets.ISO_8859_1)), "Authentication-Results");
        assertThat(ar).contains("arc=pass").contains("smtp.remote-ip=127.0.0.1").contains("dmarc=fail")
                .contains("policy not applied: trusted ARC sealer " + LIST + ", set i=1, saw dkim=pass for genuine.example");
        // the aggregate report tells genuine.example why its p=reject was not applied (RFC 7489 Appendix C)
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        var day = server.services().dmarcResults().day(today, "genuine.example");
        AggregateReport.Row lifted = day.rows().stream().filter(r -> r.disposition().equals("none")).findFirst().orElseThrow();
        assertThat(lifted.reasons()).containsExactly(new AggregateReport.Reason("trusted_forwarder",
                "trusted ARC sealer " + LIST + ", set i=1, saw dkim=pass for genuine.example"));
        assertThat(day.rows()).filteredOn(r -> r.disposition().equals("reject")).singleElement()
                .satisfies(r -> assertThat(r.reasons()).isEmpty());
        String xml = new AggregateReport("mx.example.test", "postmaster@example.test", "1", Instant.EPOCH, Instant.EPOCH, day.published(),
                day.rows()).toXml();
        assertThat(xml).contains("<disposition>none</disposition><dkim>fail</dkim><spf>fail</spf><reason><type>trusted_forwarder</type>"
                + "<comment>trusted ARC sealer " + LIST + ", set i=1, saw dkim=pass for genuine.example</comment></reason></policy_evaluated>");
    }

    @Test
    void untrustedBrokenOrUnconvincingChainsDoNotLiftIt() throws Exception {
        String untrusted = throughList(dkimSigned(message("untrusted")), other, "other.example",
                "dkim=pass header.d=genuine.example; dmarc=pass header.from=genuine.example");
        assertThat(send("bounces@" + LIST, "alice@example.test", untrusted)).startsWith("550 5.7.1");
        String broken = throughList(dkimSigned(message("broken")), list, LIST, "dmarc=pass header.from=genuine.example")
                .replace("Hello.", "Hello, changed after the seal.");
        assertThat(send("bounces@" + LIST, "alice@example.test", broken)).startsWith("550 5.7.1");
        String unconvincing = throughList(dkimSigned(message("fail")), list, LIST, "dkim=fail header.d=genuine.example; dmarc=fail"
                + " header.from=genuine.example; spf=pass smtp.mailfrom=bounces@elsewhere.example");
        assertThat(send("bounces@" + LIST, "alice@example.test", unconvincing)).startsWith("550 5.7.1");
        String aligned = throughList(dkimSigned(message("aligned")), list, LIST, "dkim=pass header.i=@mail.genuine.example");
        assertThat(send("bounces@" + LIST, "alice@example.test", aligned)).as("DKIM pass aligned, relaxed").startsWith("250");
    }

    // ------------------------------------------------------------ helpers

    private String send(String from, String to, String message) throws Exception {
        try (LineClient c = LineClient.plain(server.address(Endpoint.SMTP))) {
            c.reply();
            c.smtp("EHLO sender.genuine.example");
            assertThat(c.smtp("MAIL FROM:<" + from + ">")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<" + to + ">")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            return c.smtp(message.replace("\r\n.", "\r\n..") + ".");
        }
    }

    private static String stripArc(String message) {
        return message.replaceAll("(?m)^ARC-[A-Za-z-]+:.*\r\n([ \t].*\r\n)*", "");
    }

    private int admin(String... args) throws Exception {
        Path data = server.config().dataDir();
        return AdminClient.run(AdminClient.connect(data).orElseThrow(), data, List.of(args), null, new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    private byte[] received() throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            List<byte[]> all = peer.sessions.stream().flatMap(s -> s.data.stream()).map(DkimTools::unstuff).toList();
            if (!all.isEmpty()) return all.getFirst();
            if (System.nanoTime() > deadline) throw new AssertionError("the peer received nothing");
            Thread.sleep(50);
        }
    }

    private static String header(byte[] message) {
        String s = new String(message, StandardCharsets.ISO_8859_1);
        return s.substring(0, s.indexOf("\r\n\r\n") + 2);
    }

    /** The value of the first field {@code name} of a header section, unfolded. */
    private static String unfolded(String header, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + ":((?:[^\r\n]|\r\n[ \t])*)").matcher(header);
        assertThat(m.find()).as(name + " in " + header).isTrue();
        return m.group(1).replaceAll("\r\n[ \t]", " ").strip();
    }

    private Map<String, String> records() {
        Map<String, String> r = new LinkedHashMap<>();
        for (DkimKey k : server.services().dkim().list(null)) r.put(k.recordName(), String.join("", k.txtStrings()));
        r.put("k._domainkey.genuine.example", KeyRecord.publish(genuine.getPublic()));
        return r;
    }

    private static ArcResult.Verdict surelArc(byte[] message, Map<String, String> records) {
        KeyLookup lookup = (s, d) -> records.containsKey(s + "._domainkey." + d)
                ? new KeyLookup.Records(List.of(records.get(s + "._domainkey." + d))) : new KeyLookup.NoKey();
        DkimStream s = new DkimVerifier(lookup).stream(1 << 20);
        s.write(message, 0, message.length);
        s.finish(Instant.now());
        return s.arc().verdict();
    }
}
