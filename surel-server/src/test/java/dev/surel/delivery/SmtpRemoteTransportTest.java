package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.net.HostPort;
import dev.surel.queue.Envelope;
import dev.surel.queue.QueueRecipient;
import dev.surel.queue.RemoteTransport.OutboundMessage;
import dev.surel.queue.RemoteTransport.RecipientOutcome;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound delivery over real sockets and real DNS: a test DNS server on 127.0.0.180 and
 * scripted SMTP peers on 127.0.0.181-183 port 25, so the MX path runs without the route table.
 */
class SmtpRemoteTransportTest {

    private static final String DNS = "127.0.0.180";
    private static final String MX1 = "127.0.0.181";
    private static final String MX2 = "127.0.0.182";
    private static final String DOWN = "127.0.0.183"; // nothing listens here

    private TestDnsServer dns;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void dns() throws Exception {
        dns = new TestDnsServer(DNS);
        closing.add(dns);
        dns.mx("example.test", 10, "mx1.example.test").a("mx1.example.test", MX1);
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    private TestSmtpPeer peer(String address) throws Exception {
        TestSmtpPeer p = new TestSmtpPeer(address, 25);
        closing.add(p);
        return p;
    }

    private SmtpRemoteTransport transport(DeliverySettings s) {
        SmtpRemoteTransport t = new SmtpRemoteTransport(s, new Random(1));
        closing.add(t);
        return t;
    }

    private DeliverySettings settings() {
        // generous: a peer or the DNS server on a loaded 2-core machine may take seconds to answer
        return DeliverySettings.defaults("surel.test").withResolver(dns.address()).withTimeouts(Duration.ofSeconds(10));
    }

    /** {@link #settings()} with short SMTP reply timeouts, for peers that never answer; DNS and connect stay generous. */
    private DeliverySettings shortReplyTimeouts(Duration d) {
        DeliverySettings s = settings();
        return new DeliverySettings(s.resolver(), s.relayHost(), s.relayUser(), s.relayPasswordFile(), s.routes(), s.heloName(),
                s.smtpPort(), s.startTls(), s.connectTimeout(), d, d, d, d, d, s.dnsTimeout());
    }

    static QueueRecipient rcpt(String address) {
        return new QueueRecipient(address, null, address, null, Set.of());
    }

    static OutboundMessage message(String domain, String content, boolean smtputf8, Envelope.BodyType body, QueueRecipient... rcpts) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Envelope env = new Envelope("alice@surel.test", List.of(rcpts), null, null, body, smtputf8, "alice@surel.test",
                "127.0.0.1", Instant.parse("2026-11-23T05:00:00Z"));
        return new OutboundMessage("q1", env, domain, List.of(rcpts), bytes.length, () -> new ByteArrayInputStream(bytes));
    }

    static OutboundMessage message(String domain, String content, QueueRecipient... rcpts) {
        return message(domain, content, false, Envelope.BodyType.SEVEN_BIT, rcpts);
    }

    static final String MSG = "From: alice@surel.test\r\nSubject: hi\r\n\r\nHello\r\n.leading dot\r\n";

    @Test
    void mxPathDeliversOverStartTlsWithPipelining() throws Exception {
        TestSmtpPeer p = peer(MX1);
        p.tls = TestSmtpPeer.Tls.OFFER;
        var out = transport(settings()).deliver(message("example.test", MSG, rcpt("bob@example.test"), rcpt("carol@example.test")));
        assertThat(out).hasSize(2).allSatisfy(o -> {
            assertThat(o).isInstanceOf(RecipientOutcome.Delivered.class);
            assertThat(((RecipientOutcome.Delivered) o).remoteHost()).isEqualTo("mx1.example.test[127.0.0.181]:25");
            assertThat(((RecipientOutcome.Delivered) o).reply()).isEqualTo("250 2.0.0 queued as TEST");
        });
        assertThat(p.sessions).hasSize(1);
        TestSmtpPeer.Session s = p.sessions.getFirst();
        assertThat(s.tls).isTrue();
        assertThat(s.commands).containsSubsequence("EHLO surel.test", "STARTTLS", "EHLO surel.test",
                "MAIL FROM:<alice@surel.test> SIZE=" + MSG.length(), "RCPT TO:<bob@example.test>", "RCPT TO:<carol@example.test>", "DATA", "QUIT");
        assertThat(new String(s.data.getFirst(), StandardCharsets.UTF_8))
                .isEqualTo("From: alice@surel.test\r\nSubject: hi\r\n\r\nHello\r\n..leading dot\r\n.\r\n");
        assertThat(dns.queries("example.test", "MX")).isEqualTo(1);
    }

    @Test
    void nextMxWhenTheFirstRefusesConnectionsOrGreetsWith4xx() throws Exception {
        dns.mx("example.test", 5, "down.example.test").a("down.example.test", DOWN)
                .mx("example.test", 7, "busy.example.test").a("busy.example.test", MX2)
                .mx("example.test", 20, "mx1.example.test"); // the 10 one is mx1 already
        TestSmtpPeer busy = peer(MX2);
        busy.greeting = "421 4.3.2 too busy";
        TestSmtpPeer good = peer(MX1);
        var out = transport(settings()).deliver(message("example.test", MSG, rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(busy.sessions).hasSize(1);
        assertThat(busy.sessions.getFirst().commands).doesNotContain("DATA");
        assertThat(good.sessions).hasSize(1);
    }

    @Test
    void allHostsDownIsDeferredWithTheLastProblem() throws Exception {
        dns.mx("down.test", 10, "down.example.test").a("down.example.test", DOWN);
        var out = transport(settings()).deliver(message("down.test", MSG, rcpt("bob@down.test")));
        assertThat(out.getFirst()).isInstanceOfSatisfying(RecipientOutcome.Deferred.class,
                d -> assertThat(d.reply()).startsWith("4.4.1 connect: ").contains("refused"));
    }

    @Test
    void noMxFallsBackToTheDomainsAddress() throws Exception {
        dns.a("plain.test", MX2);
        TestSmtpPeer p = peer(MX2);
        var out = transport(settings()).deliver(message("plain.test", MSG, rcpt("bob@plain.test")));
        assertThat(out.getFirst()).isInstanceOfSatisfying(RecipientOutcome.Delivered.class,
                d -> assertThat(d.remoteHost()).isEqualTo("plain.test[127.0.0.182]:25"));
        assertThat(p.sessions).hasSize(1);
        assertThat(dns.queries("plain.test", "A")).isEqualTo(1);
    }

    @Test
    void nullMxFailsWith5110WithoutConnecting() throws Exception {
        dns.mx("nomail.test", 0, ".").a("nomail.test", MX1);
        TestSmtpPeer p = peer(MX1);
        var out = transport(settings()).deliver(message("nomail.test", MSG, rcpt("bob@nomail.test")));
        assertThat(out.getFirst()).isInstanceOfSatisfying(RecipientOutcome.Failed.class,
                f -> assertThat(f.status()).isEqualTo("5.1.10"));
        assertThat(p.sessions).isEmpty();
    }

    @Test
    void nxdomainFailsWith512AndServfailOrSilenceIsDeferred() throws Exception {
        dns.servfail("broken.test").silent("slow.test");
        // answers get a generous timeout (a loaded machine may take long to answer); only the silence is waited out
        SmtpRemoteTransport t = transport(settings());
        assertThat(t.deliver(message("nowhere.test", MSG, rcpt("x@nowhere.test"))).getFirst())
                .isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> {
                    assertThat(f.status()).isEqualTo("5.1.2");
                    assertThat(f.reply()).contains("NXDOMAIN");
                });
        assertThat(t.deliver(message("broken.test", MSG, rcpt("x@broken.test"))).getFirst())
                .isInstanceOfSatisfying(RecipientOutcome.Deferred.class, d -> assertThat(d.reply()).contains("SERVFAIL"));
        assertThat(transport(settings().withTimeouts(Duration.ofMillis(700))).deliver(message("slow.test", MSG, rcpt("x@slow.test"))).getFirst())
                .isInstanceOf(RecipientOutcome.Deferred.class);
    }

    @Test
    void eachRecipientGetsItsOwnOutcome() throws Exception {
        TestSmtpPeer p = peer(MX1);
        p.rcptReply = a -> switch (a) {
            case "gone@example.test" -> "550 5.1.1 no such user";
            case "full@example.test" -> "452 4.2.2 mailbox full";
            case "old@example.test" -> "553 mailbox name not allowed";
            default -> "250 2.1.5 ok";
        };
        var out = transport(settings()).deliver(message("example.test", MSG, rcpt("gone@example.test"),
                rcpt("full@example.test"), rcpt("ok@example.test"), rcpt("old@example.test")));
        assertThat(out.get(0)).isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> {
            assertThat(f.status()).isEqualTo("5.1.1");
            assertThat(f.reply()).isEqualTo("550 5.1.1 no such user");
        });
        assertThat(out.get(1)).isInstanceOfSatisfying(RecipientOutcome.Deferred.class, d -> assertThat(d.reply()).startsWith("452 4.2.2"));
        assertThat(out.get(2)).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(out.get(3)).isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> assertThat(f.status()).isEqualTo("5.0.0"));
    }

    @Test
    void repliesAfterTheDataDecideAndALostConnectionIsDeferred() throws Exception {
        TestSmtpPeer p = peer(MX1);
        SmtpRemoteTransport t = transport(settings());
        p.endReply = "554 5.7.1 rejected as spam";
        assertThat(t.deliver(message("example.test", MSG, rcpt("bob@example.test"))).getFirst())
                .isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> assertThat(f.status()).isEqualTo("5.7.1"));
        p.endReply = "451 4.3.0 try later";
        assertThat(t.deliver(message("example.test", MSG, rcpt("bob@example.test"))).getFirst())
                .isInstanceOf(RecipientOutcome.Deferred.class);
        p.closeAfterData = true;
        assertThat(t.deliver(message("example.test", MSG, rcpt("bob@example.test"))).getFirst())
                .isInstanceOfSatisfying(RecipientOutcome.Deferred.class,
                        d -> assertThat(d.reply()).startsWith("4.4.2 connection lost after the content was sent"));
    }

    @Test
    void aBrokenStartTlsIsRetriedInClearOnANewConnection() throws Exception {
        TestSmtpPeer p = peer(MX1);
        p.tls = TestSmtpPeer.Tls.BROKEN;
        var out = transport(settings()).deliver(message("example.test", MSG, rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(p.sessions).hasSize(2);
        assertThat(p.sessions.get(0).commands).contains("STARTTLS").doesNotContain("DATA");
        assertThat(p.sessions.get(1).commands).doesNotContain("STARTTLS").contains("DATA");
        assertThat(p.sessions.get(1).tls).isFalse();
    }

    @Test
    void smtputf8MessageToAPeerWithoutSmtputf8FailsWith567() throws Exception {
        TestSmtpPeer p = peer(MX1);
        p.extensions = List.of("PIPELINING", "8BITMIME");
        var out = transport(settings()).deliver(message("example.test", MSG, true, Envelope.BodyType.EIGHT_BIT_MIME,
                rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> assertThat(f.status()).isEqualTo("5.6.7"));
        assertThat(p.sessions.getFirst().commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void smtputf8And8bitmimeAreDeclaredWhenThePeerOffersThem() throws Exception {
        TestSmtpPeer p = peer(MX1);
        String content = "Subject: caf\u00e9\r\n\r\nd\u00e9j\u00e0 vu\r\n";
        var out = transport(settings()).deliver(message("example.test", content, true, Envelope.BodyType.EIGHT_BIT_MIME,
                rcpt("b\u00f6b@example.test")));
        assertThat(out.getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(p.sessions.getFirst().commands).anyMatch(c -> c.startsWith("MAIL FROM:<alice@surel.test> SIZE=")
                && c.endsWith(" BODY=8BITMIME SMTPUTF8")).contains("RCPT TO:<b\u00f6b@example.test>");
    }

    @Test
    void aPeerSizeLimitBelowTheMessageFailsEarlyWith534() throws Exception {
        TestSmtpPeer p = peer(MX1);
        p.extensions = List.of("PIPELINING", "SIZE 10");
        var out = transport(settings()).deliver(message("example.test", MSG, rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOfSatisfying(RecipientOutcome.Failed.class, f -> assertThat(f.status()).isEqualTo("5.3.4"));
        assertThat(p.sessions.getFirst().commands).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void dsnParametersArePassedOnOnlyWhenThePeerOffersDsn() throws Exception {
        TestSmtpPeer p = peer(MX1);
        QueueRecipient r = new QueueRecipient("bob@example.test", null, "bob@example.test", "rfc822;bob+x=y@example.test",
                Set.of(QueueRecipient.Notify.SUCCESS, QueueRecipient.Notify.FAILURE));
        Envelope env = new Envelope("alice@surel.test", List.of(r), Envelope.Ret.HDRS, "id 1+", Envelope.BodyType.SEVEN_BIT,
                false, null, "127.0.0.1", Instant.EPOCH);
        byte[] b = MSG.getBytes(StandardCharsets.US_ASCII);
        OutboundMessage m = new OutboundMessage("q2", env, "example.test", List.of(r), b.length, () -> new ByteArrayInputStream(b));
        SmtpRemoteTransport t = transport(settings());
        assertThat(t.deliver(m).getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(p.sessions.getFirst().commands)
                .contains("MAIL FROM:<alice@surel.test> SIZE=" + b.length + " RET=HDRS ENVID=id+201+2B")
                .contains("RCPT TO:<bob@example.test> NOTIFY=FAILURE,SUCCESS ORCPT=rfc822;bob+2Bx+3Dy@example.test");
        p.extensions = List.of("PIPELINING");
        assertThat(t.deliver(m).getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(p.sessions.get(1).commands).contains("MAIL FROM:<alice@surel.test>", "RCPT TO:<bob@example.test>");
    }

    @Test
    void heloFallbackWithoutPipelining() throws Exception {
        TestSmtpPeer p = peer(MX1);
        p.ehloReply = "502 5.5.1 EHLO not understood";
        p.rcptReply = a -> a.startsWith("no") ? "550 5.1.1 unknown" : "250 ok";
        var out = transport(settings()).deliver(message("example.test", MSG, rcpt("no@example.test"), rcpt("yes@example.test")));
        assertThat(out.get(0)).isInstanceOf(RecipientOutcome.Failed.class);
        assertThat(out.get(1)).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(p.sessions.getFirst().commands).containsExactly("EHLO surel.test", "HELO surel.test",
                "MAIL FROM:<alice@surel.test>", "RCPT TO:<no@example.test>", "RCPT TO:<yes@example.test>", "DATA", "QUIT");
    }

    @Test
    void overLongLinesAreBrokenAndBareLineEndsNormalised() throws Exception {
        TestSmtpPeer p = peer(MX1);
        String longHeader = "X-Long: " + "h".repeat(1500);
        String longBody = "b".repeat(2100);
        String content = "Subject: x\r\n" + longHeader + "\r\n\r\nbare\nlf\rcr\r\n" + longBody + "\r\n";
        var out = transport(settings()).deliver(message("example.test", content, rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        String sent = new String(p.sessions.getFirst().data.getFirst(), StandardCharsets.US_ASCII);
        assertThat(sent.split("\r\n", -1)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(sent.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(sent).contains("\r\n " + "h".repeat(10)); // the header continues as a folded line
        assertThat(sent).contains("\r\nbare\r\nlf\r\ncr\r\n");
        assertThat(sent.replace("\r\n", "")).contains(longBody);
    }

    @Test
    void routeTableWinsOverMx() throws Exception {
        TestSmtpPeer routed = new TestSmtpPeer(MX2, 0);
        closing.add(routed);
        TestSmtpPeer mx = peer(MX1);
        var s = settings().withRoutes(Map.of("example.test", new HostPort(MX2, routed.port())));
        var out = transport(s).deliver(message("example.test", MSG, rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(routed.sessions).hasSize(1);
        assertThat(mx.sessions).isEmpty();
        assertThat(dns.queries("example.test", "MX")).isZero();
    }

    @Test
    void relayHostWithAuthOnlyOverTls(@TempDir Path dir) throws Exception {
        TestSmtpPeer relay = new TestSmtpPeer(MX2, 0);
        closing.add(relay);
        relay.tls = TestSmtpPeer.Tls.OFFER;
        relay.authSecret = "relayuser\0s3cret";
        Path pw = dir.resolve("relay.pw");
        Files.writeString(pw, "s3cret\n");
        var s = settings().withRelay(new HostPort(MX2, relay.port()), "relayuser", pw);
        var out = transport(s).deliver(message("elsewhere.test", MSG, rcpt("bob@elsewhere.test")));
        assertThat(out.getFirst()).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(relay.sessions.getFirst().tls).isTrue();
        assertThat(relay.sessions.getFirst().auth).isEqualTo("relayuser\0s3cret");
        assertThat(dns.queries("elsewhere.test", "MX")).isZero();

        Files.writeString(pw, "wrong\n");
        assertThat(transport(s).deliver(message("elsewhere.test", MSG, rcpt("bob@elsewhere.test"))).getFirst())
                .isInstanceOfSatisfying(RecipientOutcome.Deferred.class, d -> assertThat(d.reply()).startsWith("4.7.0").contains("535 5.7.8"));

        relay.tls = TestSmtpPeer.Tls.NONE;
        int before = relay.sessions.size();
        assertThat(transport(s).deliver(message("elsewhere.test", MSG, rcpt("bob@elsewhere.test"))).getFirst())
                .isInstanceOfSatisfying(RecipientOutcome.Deferred.class, d -> assertThat(d.reply()).contains("no TLS"));
        assertThat(relay.sessions.get(before).commands).noneMatch(c -> c.startsWith("AUTH"));
    }

    @Test
    void aSilentPeerTimesOutAndIsDeferred() throws Exception {
        ServerSocket silent = new ServerSocket();
        silent.bind(new InetSocketAddress(InetAddress.getByName(MX1), 25));
        closing.add(silent);
        var out = transport(shortReplyTimeouts(Duration.ofMillis(500)))
                .deliver(message("example.test", MSG, rcpt("bob@example.test")));
        assertThat(out.getFirst()).isInstanceOfSatisfying(RecipientOutcome.Deferred.class,
                d -> assertThat(d.reply()).contains("timed out"));
    }
}
