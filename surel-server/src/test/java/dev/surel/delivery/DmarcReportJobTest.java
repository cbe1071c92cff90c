package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.protocol.dmarcreport.AggregateReport;
import dev.surel.reports.DmarcResults;
import dev.surel.testkit.TestServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DMARC aggregate reports (RFC 7489 §7.2) from a started server's recorded rows: mailed to the
 * policy's rua (through the queue, to a scripted peer), to an outside address only when its
 * domain agrees (§7.1), the XML read back by Python's ElementTree.
 */
class DmarcReportJobTest {

    @TempDir Path dir;
    private TestDnsServer dns;
    private TestSmtpPeer peer;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer();
        peer = new TestSmtpPeer("127.0.0.1", 0);
        dns.zone("""
                _dmarc.example.test. 60 IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@example.test,mailto:agg@reports.test!10m,mailto:x@nosy.test"
                example.test._report._dmarc.reports.test. 60 IN TXT "v=DMARC1"
                _dmarc.quiet.test. 60 IN TXT "v=DMARC1; p=none"
                """);
        String routes = "routes = [{domain = \"example.test\", host = \"127.0.0.1:%1$d\"}, {domain = \"reports.test\", host = \"127.0.0.1:%1$d\"}, "
                + "{domain = \"nosy.test\", host = \"127.0.0.1:%1$d\"}]";
        server = TestServer.setup().hostname("mx.surel.test").listen(Endpoint.SMTP)
                .toml("dns", "resolver = \"%s:%d\"".formatted(dns.address().host(), dns.address().port()))
                .toml("queue", routes.formatted(peer.port()))
                .start(dir.resolve("server"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        peer.close();
        dns.close();
    }

    static final AggregateReport.Published REJECT = new AggregateReport.Published("example.test", "r", "r", "reject", "reject", 100);

    static AggregateReport.Row row(String ip, String disposition, String dkim) {
        return new AggregateReport.Row(ip, 1, disposition, dkim, "fail", "example.test", "bounce.example.test",
                List.of(new AggregateReport.AuthResult("example.test", "s1", dkim)), new AggregateReport.AuthResult("bounce.example.test", "mfrom", "softfail"));
    }

    static String python(byte[] xml, String script) throws Exception {
        Process p = new ProcessBuilder("python3", "-c", "import sys, xml.etree.ElementTree as E; r = E.parse(sys.stdin).getroot(); " + script).start();
        p.getOutputStream().write(xml);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out.strip();
    }

    @Test
    void yesterdaysRowsGoToTheRuaAndToAnOutsideAddressOnlyWithItsConsent() throws Exception {
        DmarcResults results = server.services().dmarcResults();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = today.minusDays(1);
        results.record(yesterday, REJECT, row("192.0.2.1", "none", "pass"));
        results.record(yesterday, REJECT, row("192.0.2.1", "none", "pass"));
        results.record(yesterday, REJECT, row("198.51.100.7", "reject", "fail"));
        results.record(yesterday, new AggregateReport.Published("quiet.test", "r", "r", "none", "none", 100), row("192.0.2.1", "none", "pass"));
        results.record(today, REJECT, row("192.0.2.1", "none", "pass"));

        DmarcReportJob job = new DmarcReportJob(results, server.services().dns(), server.services().store(), server.services().queue(),
                "mx.surel.test", Clock.systemUTC());
        assertThat(job.runOnce()).as("dmarc@example.test and agg@reports.test; not x@nosy.test; quiet.test has no rua").isEqualTo(2);
        assertThat(results.finishedDays(today)).isEmpty();
        assertThat(results.domains(today)).containsExactly("example.test");

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (peer.sessions.stream().filter(s -> !s.data.isEmpty()).count() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(500);
        List<TestSmtpPeer.Session> got = peer.sessions.stream().filter(s -> !s.data.isEmpty()).toList();
        assertThat(got.stream().flatMap(s -> s.commands.stream()).filter(c -> c.startsWith("RCPT")))
                .containsExactlyInAnyOrder("RCPT TO:<dmarc@example.test>", "RCPT TO:<agg@reports.test>");

        String mail = new String(got.getFirst().data.getFirst(), StandardCharsets.US_ASCII);
        long begin = yesterday.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        assertThat(mail).contains("Subject: Report Domain: example.test Submitter: mx.surel.test Report-ID: <", "Content-Type: application/gzip")
                .containsPattern("filename=\"mx\\.surel\\.test!example\\.test!" + begin + "!" + (begin + 86_399) + "![^\"]+\\.xml\\.gz\"");
        String b64 = mail.substring(mail.indexOf("\r\n\r\n", mail.indexOf("application/gzip")) + 4);
        b64 = b64.substring(0, b64.indexOf("\r\n--"));
        byte[] xml;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(Base64.getMimeDecoder().decode(b64)))) {
            xml = in.readAllBytes();
        }
        assertThat(python(xml, "print(r.findtext('report_metadata/org_name'), r.findtext('report_metadata/date_range/begin'), "
                + "r.findtext('policy_published/domain'), r.findtext('policy_published/p'), r.findtext('policy_published/pct'))"))
                .isEqualTo("mx.surel.test " + begin + " example.test reject 100");
        assertThat(python(xml, "print(sorted((x.findtext('row/source_ip'), x.findtext('row/count'), x.findtext('row/policy_evaluated/disposition'), "
                + "x.findtext('row/policy_evaluated/dkim'), x.findtext('identifiers/header_from'), x.findtext('auth_results/dkim/selector'), "
                + "x.findtext('auth_results/spf/result')) for x in r.findall('record')))"))
                .isEqualTo("[('192.0.2.1', '2', 'none', 'pass', 'example.test', 's1', 'softfail'), "
                        + "('198.51.100.7', '1', 'reject', 'fail', 'example.test', 's1', 'softfail')]");
    }
}
