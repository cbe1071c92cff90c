package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.protocol.tlsrpt.TlsReport;
import dev.surel.reports.TlsResults;
import dev.surel.reports.TlsSession;
import dev.surel.testkit.TestServer;
import dev.surel.tls.TestCa;
import dev.surel.tls.TestCerts;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily TLS reports (RFC 8460) from a started server's recorded results: by mail to a
 * {@code mailto:} rua (through the queue, to a scripted peer) and by POST to an {@code https:}
 * rua (a test HTTPS server whose certificate the test CA issued); each JSON report is read back
 * by Python's json module. Domains without a TLSRPT record get none; the day is then forgotten.
 */
class TlsReportJobTest {

    @TempDir Path dir;
    private TestDnsServer dns;
    private TestSmtpPeer peer;
    private HttpsServer collector;
    private final List<byte[]> posted = new CopyOnWriteArrayList<>();
    private TestServer server;
    private TestCa ca;

    @BeforeEach
    void start() throws Exception {
        ca = new TestCa("Surel Test CA");
        dns = new TestDnsServer();
        peer = new TestSmtpPeer("127.0.0.1", 0);
        KeyPair kp = TestCerts.ec();
        X509Certificate cert = ca.issue(kp, "collector.test");
        SSLContext ssl = TestCerts.serverContext(kp.getPrivate(), cert);
        collector = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        collector.setHttpsConfigurator(new HttpsConfigurator(ssl));
        collector.createContext("/tlsrpt", x -> {
            assertThat(x.getRequestMethod()).isEqualTo("POST");
            assertThat(x.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/tlsrpt+gzip");
            posted.add(x.getRequestBody().readAllBytes());
            x.sendResponseHeaders(201, -1);
            x.close();
        });
        collector.start();
        dns.zone("""
                _smtp._tls.example.test. 60 IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@reports.test"
                _smtp._tls.third.test. 60 IN TXT "v=TLSRPTv1;rua=https://collector.test:%d/tlsrpt"
                collector.test. 60 IN A 127.0.0.1
                """.formatted(collector.getAddress().getPort()));
        Path caPem = ca.writePem(dir.resolve("ca.pem"));
        server = TestServer.setup().hostname("mx.surel.test").listen(Endpoint.SMTP)
                .toml("dns", "resolver = \"%s:%d\"".formatted(dns.address().host(), dns.address().port()))
                .toml("queue", "tls_ca_file = \"%s\"\nroutes = [{domain = \"reports.test\", host = \"127.0.0.1:%d\"}]"
                        .formatted(caPem, peer.port()))
                .start(dir.resolve("server"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        collector.stop(0);
        peer.close();
        dns.close();
    }

    static TlsSession session(String domain, TlsReport.PolicyType type, String mx, String result) {
        List<String> policy = type == TlsReport.PolicyType.STS
                ? List.of("version: STSv1", "mode: enforce", "mx: " + mx, "max_age: 86400") : List.of();
        return new TlsSession(domain, type, policy, mx, "192.0.2.1", result);
    }

    /** The JSON, as Python reads it, re-printed with sorted keys. */
    static String pythonJson(byte[] gzipped) throws Exception {
        byte[] json;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            json = in.readAllBytes();
        }
        Process p = new ProcessBuilder("python3", "-c", "import json,sys; print(json.dumps(json.load(sys.stdin), sort_keys=True))").start();
        p.getOutputStream().write(json);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out.strip();
    }

    @Test
    void yesterdaysResultsAreReportedByMailAndHttpsThenForgotten() throws Exception {
        TlsResults results = server.services().tlsResults();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        results.record(yesterday, session("example.test", TlsReport.PolicyType.STS, "mx1.example.test", null));
        results.record(yesterday, session("example.test", TlsReport.PolicyType.STS, "mx1.example.test", null));
        results.record(yesterday, session("example.test", TlsReport.PolicyType.STS, "mx1.example.test", "certificate-expired"));
        results.record(yesterday, session("third.test", TlsReport.PolicyType.NO_POLICY_FOUND, "mx.third.test", "starttls-not-supported"));
        results.record(yesterday, session("quiet.test", TlsReport.PolicyType.NO_POLICY_FOUND, "mx.quiet.test", null));
        results.record(today, session("example.test", TlsReport.PolicyType.STS, "mx1.example.test", null));

        TlsReportJob job = new TlsReportJob(results, server.services().dns(), server.services().store(), server.services().queue(),
                server.config().outboundTls(), "mx.surel.test", Clock.systemUTC());
        assertThat(job.runOnce()).isEqualTo(2);
        assertThat(results.finishedDays(today)).as("reported or not asked for: forgotten").isEmpty();
        assertThat(results.domains(today)).as("today is not over").containsExactly("example.test");

        // https: the POSTed report
        assertThat(posted).hasSize(1);
        assertThat(pythonJson(posted.getFirst())).contains("\"policy-domain\": \"third.test\"", "\"policy-type\": \"no-policy-found\"",
                "\"result-type\": \"starttls-not-supported\"", "\"total-failure-session-count\": 1", "\"total-successful-session-count\": 0",
                "\"organization-name\": \"mx.surel.test\"", "\"start-datetime\": \"" + yesterday + "T00:00:00Z\"",
                "\"end-datetime\": \"" + yesterday + "T23:59:59Z\"");

        // mailto: the message the queue delivered
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (peer.sessions.stream().allMatch(s -> s.data.isEmpty()) && System.nanoTime() < deadline) Thread.sleep(50);
        TestSmtpPeer.Session s = peer.sessions.stream().filter(x -> !x.data.isEmpty()).findFirst().orElseThrow();
        assertThat(s.commands).contains("RCPT TO:<tlsrpt@reports.test>").anyMatch(c -> c.startsWith("MAIL FROM:<> "));
        String mail = new String(s.data.getFirst(), StandardCharsets.US_ASCII);
        assertThat(mail).contains("Subject: Report Domain: example.test Submitter: mx.surel.test Report-ID: <",
                "TLS-Report-Domain: example.test", "TLS-Report-Submitter: mx.surel.test",
                "Content-Type: multipart/report; report-type=\"tlsrpt\"", "Content-Type: application/tlsrpt+gzip");
        long start = yesterday.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertThat(mail).containsPattern("filename=\"mx\\.surel\\.test!example\\.test!" + start + "!" + (start + 86_399) + "![^\"]+\\.json\\.gz\"");
        String b64 = mail.substring(mail.indexOf("\r\n\r\n", mail.indexOf("application/tlsrpt+gzip")) + 4);
        b64 = b64.substring(0, b64.indexOf("\r\n--"));
        String json = pythonJson(Base64.getMimeDecoder().decode(b64));
        assertThat(json).contains("\"policy-type\": \"sts\"", "\"policy-string\": [\"version: STSv1\", \"mode: enforce\", "
                        + "\"mx: mx1.example.test\", \"max_age: 86400\"]", "\"mx-host\": [\"mx1.example.test\"]",
                "\"total-successful-session-count\": 2", "\"total-failure-session-count\": 1", "\"result-type\": \"certificate-expired\"",
                "\"receiving-mx-hostname\": \"mx1.example.test\"", "\"receiving-ip\": \"192.0.2.1\"", "\"failed-session-count\": 1");
    }

    @Test
    void aDomainWhoseDnsFailsWaitsForTheNextRun() throws Exception {
        TlsResults results = server.services().tlsResults();
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        results.record(yesterday, session("example.test", TlsReport.PolicyType.STS, "mx1.example.test", null));
        dns.servfail("_smtp._tls.example.test");
        TlsReportJob job = new TlsReportJob(results, server.services().dns(), server.services().store(), server.services().queue(),
                server.config().outboundTls(), "mx.surel.test", Clock.systemUTC());
        assertThat(job.runOnce()).isZero();
        assertThat(results.domains(yesterday)).containsExactly("example.test");
    }
}
