package dev.surel.delivery;

import static dev.surel.delivery.SmtpRemoteTransportTest.MSG;
import static dev.surel.delivery.SmtpRemoteTransportTest.message;
import static dev.surel.delivery.SmtpRemoteTransportTest.rcpt;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.surel.dns.DnsResolver;
import dev.surel.dns.TestDnsServer;
import dev.surel.mailauth.MtaStsCache;
import dev.surel.protocol.tlsrpt.TlsReport;
import dev.surel.queue.Envelope;
import dev.surel.queue.RemoteTransport.OutboundMessage;
import dev.surel.queue.RemoteTransport.RecipientOutcome;
import dev.surel.reports.TlsSession;
import dev.surel.store.sql.Database;
import dev.surel.tls.SelfSignedCertificate;
import dev.surel.tls.TestCa;
import dev.surel.tls.TestCerts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.TLSARecord;

/**
 * MTA-STS (RFC 8461) and DANE (RFC 7672) on real sockets: a loopback DNS server on 127.0.0.190,
 * the recipient domain's MX (a scripted SMTP peer) on 127.0.0.191:25, and the policy's HTTPS host
 * on 127.0.0.193, all certificates issued by a test CA the transport is told to trust. With a
 * wrong certificate, mail waits (4.7.x) and nothing is sent in clear; with the right one it goes.
 */
class OutboundTlsPolicyTest {

    private static final String DNS = "127.0.0.190";
    private static final String MX1 = "127.0.0.191";
    private static final String WEB = "127.0.0.193";
    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx1.example.test\r\nmax_age: 86400\r\n";

    @TempDir Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private TestDnsServer dns;
    private TestCa ca;
    private TestSmtpPeer peer;
    private HttpsServer web;
    private volatile String policy = POLICY;
    private volatile int status = 200;
    private final AtomicInteger fetches = new AtomicInteger();
    /** The durable copy of MTA-STS policies (a real SQLite database), shared by the transports of one test. */
    private MtaStsCache mtaStsCache;
    /** What the transport reported for TLS-RPT. */
    private final List<TlsSession> sessions = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ca = new TestCa("Surel Test CA");
        Database db = Database.openSqlite(dir.resolve("surel.db"), 1);
        closing.add(db);
        mtaStsCache = new MtaStsCache(db);
        dns = new TestDnsServer(DNS);
        closing.add(dns);
        dns.mx("example.test", 10, "mx1.example.test").a("mx1.example.test", MX1).a("mta-sts.example.test", WEB);
        peer = new TestSmtpPeer(MX1, 25);
        closing.add(peer);
        peer.tls = TestSmtpPeer.Tls.OFFER;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (web != null) web.stop(0);
        for (AutoCloseable c : closing.reversed()) c.close();
    }

    /** The policy host, with a certificate for mta-sts.example.test from {@code issuer} (null: self-signed). */
    private void publishPolicy(TestCa issuer) throws Exception {
        dns.zone("_mta-sts.example.test. 60 IN TXT \"v=STSv1; id=20261207\"\n");
        KeyPair kp = TestCerts.ec();
        X509Certificate cert = issuer != null ? issuer.issue(kp, "mta-sts.example.test")
                : SelfSignedCertificate.generate(kp, "mta-sts.example.test", List.of("mta-sts.example.test"), Instant.now(), Duration.ofDays(1));
        web = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(WEB), 0), 0);
        web.setHttpsConfigurator(new HttpsConfigurator(TestCerts.serverContext(kp.getPrivate(), cert)));
        web.createContext("/.well-known/mta-sts.txt", x -> {
            fetches.incrementAndGet();
            byte[] body = policy.getBytes(StandardCharsets.US_ASCII);
            x.getResponseHeaders().add("Content-Type", "text/plain");
            x.sendResponseHeaders(status, body.length);
            x.getResponseBody().write(body);
            x.close();
        });
        web.start();
    }

    private SmtpRemoteTransport transport(boolean mtaSts, boolean dane) throws Exception {
        DeliverySettings s = DeliverySettings.defaults("surel.test").withResolver(dns.address()).withTimeouts(Duration.ofSeconds(10));
        OutboundTlsSettings tls = new OutboundTlsSettings(mtaSts, dane, ca.writePem(dir.resolve("ca.pem")), Duration.ofSeconds(10));
        DnsResolver resolver = new DnsResolver(List.of(dns.address()), Duration.ofSeconds(10), Clock.systemUTC(), 100);
        SmtpRemoteTransport t = new SmtpRemoteTransport(s, resolver, new Random(1),
                new OutboundOptions(tls, SenderRewriting.NONE, Clock.systemUTC(), web == null ? 443 : web.getAddress().getPort(),
                        sessions::add, null, mtaStsCache));
        closing.add(t);
        return t;
    }

    private RecipientOutcome deliver(SmtpRemoteTransport t) {
        List<RecipientOutcome> out = t.deliver(message("example.test", MSG, rcpt("bob@example.test")));
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    /** The peer presents a certificate for {@code hosts} from the test CA. */
    private KeyPair caCertificate(String... hosts) throws Exception {
        KeyPair kp = TestCerts.ec();
        peer.certificate(kp.getPrivate(), ca.issue(kp, hosts), ca.certificate());
        return kp;
    }

    /** The peer presents a self-signed certificate for mx1.example.test. */
    private X509Certificate selfSigned() throws Exception {
        KeyPair kp = TestCerts.ec();
        X509Certificate c = SelfSignedCertificate.generate(kp, "mx1.example.test", List.of("mx1.example.test"), Instant.now(), Duration.ofDays(1));
        peer.certificate(kp.getPrivate(), c);
        return c;
    }

    private boolean anythingSent() {
        return peer.sessions.stream().anyMatch(s -> s.commands.stream().anyMatch(c -> c.startsWith("MAIL")));
    }

    /** The RFC 8460 result types reported so far (null for a successful session), with the policy type. */
    private List<String> reported() {
        return sessions.stream().map(x -> x.type().json + " " + x.resultType()).toList();
    }

    private static void deferredWith(RecipientOutcome o, String text) {
        assertThat(o).isInstanceOf(RecipientOutcome.Deferred.class);
        assertThat(((RecipientOutcome.Deferred) o).reply()).contains(text);
    }

    @Test
    void mtaStsEnforceDeliversToTheRightCertificateAndCachesThePolicy() throws Exception {
        publishPolicy(ca);
        caCertificate("mx1.example.test");
        SmtpRemoteTransport t = transport(true, false);
        assertThat(deliver(t)).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(peer.sessions.getFirst().tls).isTrue();
        assertThat(deliver(t)).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(fetches.get()).as("the TXT id did not change: the cached policy serves").isEqualTo(1);
        assertThat(sessions).hasSize(2).allSatisfy(x -> assertThat(x).isEqualTo(new TlsSession("example.test", TlsReport.PolicyType.STS,
                List.of("version: STSv1", "mode: enforce", "mx: mx1.example.test", "max_age: 86400"), "mx1.example.test", MX1, null)));
    }

    @Test
    void mtaStsEnforceDefersOnACertificateForAnotherNameOrFromAnUnknownCa() throws Exception {
        publishPolicy(ca);
        caCertificate("other.example.test");
        SmtpRemoteTransport t = transport(true, false);
        deferredWith(deliver(t), "4.7.5 TLS with mx1.example.test[127.0.0.191]:25 failed, and its domain's MTA-STS policy");
        selfSigned();
        deferredWith(deliver(t), "4.7.5");
        assertThat(anythingSent()).as("never retried in clear").isFalse();
        assertThat(reported()).containsExactly("sts certificate-host-mismatch", "sts certificate-not-trusted");
    }

    @Test
    void mtaStsEnforceDefersWhenThePeerOffersNoStartTls() throws Exception {
        publishPolicy(ca);
        peer.tls = TestSmtpPeer.Tls.NONE;
        deferredWith(deliver(transport(true, false)), "4.7.4 mx1.example.test[127.0.0.191]:25 offers no STARTTLS");
        assertThat(anythingSent()).isFalse();
        assertThat(reported()).containsExactly("sts starttls-not-supported");
    }

    @Test
    void mtaStsEnforceKeepsOnlyTheMxHostsThePolicyNames() throws Exception {
        policy = "version: STSv1\r\nmode: enforce\r\nmx: *.elsewhere.test\r\nmax_age: 86400\r\n";
        publishPolicy(ca);
        caCertificate("mx1.example.test");
        deferredWith(deliver(transport(true, false)), "4.7.5 no MX host of example.test [mx1.example.test] is allowed by its MTA-STS policy");
        assertThat(peer.sessions).isEmpty();
    }

    @Test
    void testingModeAnUnusablePolicyOrMtaStsTurnedOffDeliverAsBefore() throws Exception {
        policy = POLICY.replace("enforce", "testing");
        publishPolicy(ca);
        selfSigned();
        assertThat(deliver(transport(true, false))).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(reported()).as("testing mode: checked as enforce would, reported, delivered").containsExactly("sts certificate-not-trusted");
        policy = POLICY;
        assertThat(deliver(transport(false, false))).as("queue.mta_sts = false").isInstanceOf(RecipientOutcome.Delivered.class);
        status = 404;
        mtaStsCache = null; // else the testing policy kept from the first delivery would still apply (a failed fetch keeps it)
        assertThat(deliver(transport(true, false))).as("policy not served: no policy").isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(reported()).endsWith("no-policy-found null");
    }

    @Test
    void aPolicyHostWithAnUntrustedCertificateGivesNoPolicy() throws Exception {
        publishPolicy(null);
        selfSigned();
        assertThat(deliver(transport(true, false))).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(fetches.get()).as("the handshake failed before any request").isZero();
    }

    private void tlsa(int usage, int selector, int matching, byte[] data, boolean authenticated) {
        dns.add(new TLSARecord(TestDnsServer.name("_25._tcp.mx1.example.test"), DClass.IN, 60, usage, selector, matching, data));
        if (authenticated) dns.authenticated("_25._tcp.mx1.example.test");
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void daneEeMatchesTheServersKeyWhateverItsNameOrIssuer() throws Exception {
        X509Certificate c = selfSigned();
        tlsa(3, 1, 1, sha256(c.getPublicKey().getEncoded()), true);
        assertThat(deliver(transport(false, true))).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(peer.sessions.getFirst().tls).isTrue();
    }

    @Test
    void daneEeWithAnotherKeyDefersAndSendsNothing() throws Exception {
        selfSigned();
        tlsa(3, 1, 1, sha256("not this key".getBytes()), true);
        deferredWith(deliver(transport(false, true)), "4.7.5 TLS with mx1.example.test[127.0.0.191]:25 failed, and its DANE TLSA record");
        assertThat(anythingSent()).isFalse();
        assertThat(reported()).containsExactly("tlsa validation-failure");
    }

    @Test
    void daneTaAnchorsTheChainAndTheLeafMustNameTheHost() throws Exception {
        tlsa(2, 0, 1, sha256(ca.certificate().getEncoded()), true);
        caCertificate("mx1.example.test");
        assertThat(deliver(transport(false, true))).isInstanceOf(RecipientOutcome.Delivered.class);
        caCertificate("other.example.test");
        deferredWith(deliver(transport(false, true)), "4.7.5");
    }

    @Test
    void unvalidatedTlsaRecordsAreIgnoredAndAFailedLookupDefers() throws Exception {
        selfSigned();
        tlsa(3, 1, 1, sha256("not this key".getBytes()), false);
        assertThat(deliver(transport(false, true))).as("no AD bit: opportunistic").isInstanceOf(RecipientOutcome.Delivered.class);
        dns.servfail("_25._tcp.mx1.example.test");
        deferredWith(deliver(transport(false, true)), "4.7.5 the DANE TLSA lookup for mx1.example.test failed");
        assertThat(reported()).contains("tlsa dnssec-invalid");
        assertThat(deliver(transport(false, false))).as("queue.dane = false").isInstanceOf(RecipientOutcome.Delivered.class);
    }

    @Test
    void daneWinsOverMtaSts() throws Exception {
        publishPolicy(ca);
        X509Certificate c = selfSigned(); // not valid for MTA-STS, but DANE-EE matches it
        tlsa(3, 0, 1, sha256(c.getEncoded()), true);
        assertThat(deliver(transport(true, true))).isInstanceOf(RecipientOutcome.Delivered.class);
    }

    /** A message that asks for REQUIRETLS (RFC 8689). */
    private RecipientOutcome deliverRequiringTls(SmtpRemoteTransport t) {
        OutboundMessage plain = message("example.test", MSG, rcpt("bob@example.test"));
        Envelope e = plain.envelope();
        Envelope required = new Envelope(e.reversePath(), e.recipients(), e.ret(), e.envid(), e.body(), e.smtputf8(), e.authenticatedAs(),
                e.clientAddress(), e.receivedAt(), "", false, true);
        List<RecipientOutcome> out = t.deliver(new OutboundMessage(plain.queueId(), required, plain.domain(), plain.recipients(), plain.size(),
                plain.content()));
        assertThat(out).hasSize(1);
        return out.getFirst();
    }

    @Test
    void requireTlsGoesOnlyToAnAuthenticatedServerThatOffersIt() throws Exception {
        // no policy authenticates the MX: returned to the sender (5.7.10), nothing sent
        selfSigned();
        RecipientOutcome none = deliverRequiringTls(transport(true, true));
        assertThat(none).isInstanceOf(RecipientOutcome.Failed.class);
        assertThat(((RecipientOutcome.Failed) none).reply()).startsWith("5.7.10 REQUIRETLS: neither DANE nor an MTA-STS policy");
        assertThat(peer.sessions).isEmpty();
        // under MTA-STS enforce, with the right certificate, but the peer does not offer REQUIRETLS
        publishPolicy(ca);
        caCertificate("mx1.example.test");
        RecipientOutcome notOffered = deliverRequiringTls(transport(true, true));
        assertThat(notOffered).isInstanceOf(RecipientOutcome.Failed.class);
        assertThat(((RecipientOutcome.Failed) notOffered).reply()).contains("does not offer REQUIRETLS");
        assertThat(anythingSent()).isFalse();
        // and when it does, the message goes with the parameter
        peer.extensions = new ArrayList<>(peer.extensions);
        peer.extensions.add("REQUIRETLS");
        assertThat(deliverRequiringTls(transport(true, true))).isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(peer.sessions.getLast().commands).anyMatch(c -> c.startsWith("MAIL FROM:<alice@surel.test>") && c.endsWith(" REQUIRETLS"));
    }

    /** RFC 8689 §4.2.2: {@code TLS-Required: No} sets MTA-STS and DANE aside; REQUIRETLS in the envelope wins over it (§3). */
    @Test
    void tlsRequiredNoSetsThePoliciesAsideUnlessTheEnvelopeRequiresTls() throws Exception {
        String optional = "TLS-Required: no\r\n" + MSG;
        publishPolicy(ca);
        caCertificate("other.example.test"); // enforce would defer (see above)
        SmtpRemoteTransport t = transport(true, true);
        assertThat(t.deliver(message("example.test", optional, rcpt("bob@example.test"))).getFirst())
                .isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(peer.sessions.getLast().tls).as("TLS still tried, its certificate not checked").isTrue();
        X509Certificate c = selfSigned();
        tlsa(3, 0, 1, sha256("not this certificate".getBytes()), true); // DANE would defer
        assertThat(t.deliver(message("example.test", optional, rcpt("bob@example.test"))).getFirst())
                .isInstanceOf(RecipientOutcome.Delivered.class);
        peer.tls = TestSmtpPeer.Tls.NONE;
        assertThat(t.deliver(message("example.test", optional, rcpt("bob@example.test"))).getFirst())
                .as("no STARTTLS at all: sent in clear").isInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(peer.sessions.getLast().tls).isFalse();
        assertThat(sessions).as("no policy applied: nothing for the TLS reports").isEmpty();
        deferredWith(deliver(t), "4.7.4"); // the same destination without the field
        assertThat(c).isNotNull();

        OutboundMessage plain = message("example.test", optional, rcpt("bob@example.test"));
        Envelope e = plain.envelope();
        Envelope required = new Envelope(e.reversePath(), e.recipients(), e.ret(), e.envid(), e.body(), e.smtputf8(), e.authenticatedAs(),
                e.clientAddress(), e.receivedAt(), "", false, true);
        int before = peer.sessions.size();
        RecipientOutcome o = t.deliver(new OutboundMessage(plain.queueId(), required, plain.domain(), plain.recipients(), plain.size(),
                plain.content())).getFirst();
        assertThat(o).as("REQUIRETLS and TLS-Required: No: the field is ignored").isNotInstanceOf(RecipientOutcome.Delivered.class);
        assertThat(peer.sessions.subList(before, peer.sessions.size())).noneMatch(s -> s.commands.stream().anyMatch(x -> x.startsWith("MAIL")));
    }

    @Test
    void anEnforcedPolicyOutlivesARestartWhileItsDiscoveryIsBlocked() throws Exception {
        publishPolicy(ca);
        caCertificate("mx1.example.test");
        assertThat(deliver(transport(true, false))).isInstanceOf(RecipientOutcome.Delivered.class);
        // RFC 8461 §10.3: after a restart (a new transport, nothing in memory) an attacker blocks the policy's
        // discovery and strips STARTTLS; the policy kept in the database still holds
        dns.remove("_mta-sts.example.test");
        web.stop(0);
        web = null;
        peer.tls = TestSmtpPeer.Tls.NONE;
        int before = peer.sessions.size();
        deferredWith(deliver(transport(true, false)), "4.7.4 mx1.example.test[127.0.0.191]:25 offers no STARTTLS");
        assertThat(peer.sessions.subList(before, peer.sessions.size()))
                .noneMatch(x -> x.commands.stream().anyMatch(c -> c.startsWith("MAIL")));
        // the same attack on a server that keeps policies only in memory: the mail goes in clear
        mtaStsCache = null;
        assertThat(deliver(transport(true, false))).isInstanceOf(RecipientOutcome.Delivered.class);
    }
}
