package dev.surel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surel dns DOMAIN [--check]} against a real loopback DNS server: a zone with everything
 * published passes; one with a missing DMARC record, an MX elsewhere and a PTR that does not name
 * the host fails with each problem said; a resolver that does not answer says so.
 */
class DnsCommandTest {

    @TempDir Path dir;

    static final String HOST = "mail.example.test";

    Path config(TestDnsServer dns) throws Exception {
        Path toml = dir.resolve("surel.toml");
        Files.writeString(toml, """
                hostname = "%s"
                data_dir = "%s"
                [listen]
                smtp = "127.0.0.1:25"
                submissions = "127.0.0.1:465"
                imaps = "127.0.0.1:993"
                [dns]
                resolver = "%s:%d"
                timeout = "1s"
                """.formatted(HOST, dir.resolve("data"), dns.address().host(), dns.address().port()));
        return toml;
    }

    /** The zone the command prints, minus its comments, as the loopback server serves it. */
    static String printedZone(Path toml) {
        CliHelpTest.Run r = CliHelpTest.run("dns", "example.test", "--config", toml.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        StringBuilder zone = new StringBuilder();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank() && !line.startsWith(";")) zone.append(line).append('\n');
        }
        return zone.toString();
    }

    static TestDnsServer hostAddress(TestDnsServer dns) throws Exception {
        return dns.a(HOST, "192.0.2.25").zone("25.2.0.192.in-addr.arpa. 60 IN PTR " + HOST + ".\n")
                .a("autoconfig.example.test", "192.0.2.25").a("autodiscover.example.test", "192.0.2.25")
                .a("mta-sts.example.test", "192.0.2.25");
    }

    @Test
    void aFullyPublishedDomainPasses() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            Path toml = config(dns);
            CliHelpTest.Run added = CliHelpTest.run("--config", toml.toString(), "--create", "domain", "add", "example.test");
            assertThat(added.exit()).as(added.toString()).isZero();
            CliHelpTest.Run key = CliHelpTest.run("--config", toml.toString(), "dkim", "generate", "example.test", "--selector", "s1",
                    "--algorithm", "ed25519");
            assertThat(key.exit()).as(key.toString()).isZero();
            String zone = printedZone(toml);
            assertThat(zone).contains("s1._domainkey.example.test. 3600 IN TXT \"v=DKIM1; k=ed25519; p=")
                    .contains("example.test. 3600 IN MX 10 mail.example.test.")
                    .contains("_imap._tcp.example.test. 3600 IN SRV 0 0 0 .");
            // CNAMEs are served as the addresses they lead to (the test server does not chase CNAMEs)
            hostAddress(dns).zone(zone.lines().filter(l -> !l.contains(" CNAME ")).reduce("", (a, b) -> a + b + "\n"));
            CliHelpTest.Run r = CliHelpTest.run("dns", "example.test", "--check", "--config", toml.toString());
            assertThat(r.out()).as(r.toString()).contains("OK      MX    example.test: 10 mail.example.test")
                    .contains("OK      A     mail.example.test: 192.0.2.25")
                    .contains("OK      TXT   s1._domainkey.example.test: key matches")
                    .contains("all records of example.test are published")
                    .doesNotContain("MISSING").doesNotContain("WRONG");
            assertThat(r.exit()).isZero();
        }
    }

    @Test
    void missingAndWrongRecordsAreNamedWithWhatToPublish() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            Path toml = config(dns);
            hostAddress(dns).zone("""
                    $ORIGIN example.test.
                    @ 60 IN MX 10 mx.elsewhere.test.
                    @ 60 IN TXT "v=spf1 mx -all"
                    @ 60 IN TXT "v=spf1 a -all"
                    _submissions._tcp 60 IN SRV 0 1 4650 mail.example.test.
                    """).remove("25.2.0.192.in-addr.arpa");
            CliHelpTest.Run r = CliHelpTest.run("dns", "example.test", "--check", "--config", toml.toString());
            assertThat(r.out()).as(r.toString())
                    .contains("WRONG   MX    example.test: MX names [10 mx.elsewhere.test], not mail.example.test")
                    .contains("WRONG   TXT   example.test: 2 SPF (RFC 7208 §4.5: more than one is a permerror) records")
                    .contains("MISSING TXT   _dmarc.example.test: no DMARC record")
                    .contains("        publish: _dmarc.example.test. 3600 IN TXT \"v=DMARC1;")
                    .contains("WRONG   SRV   _submissions._tcp.example.test: SRV says [4650 mail.example.test]")
                    .contains("WRONG   A     mail.example.test: PTR of 192.0.2.25 is missing");
            assertThat(r.exit()).isEqualTo(DnsCommand.PROBLEMS);
        }
    }

    @Test
    void aResolverThatDoesNotAnswerIsNotTakenForMissingRecords() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            Path toml = config(dns);
            for (String n : new String[] {"example.test", HOST, "_dmarc.example.test", "_mta-sts.example.test", "mta-sts.example.test",
                    "_smtp._tls.example.test", "_submissions._tcp.example.test", "_submission._tcp.example.test",
                    "_imaps._tcp.example.test", "_imap._tcp.example.test", "_pop3s._tcp.example.test", "_pop3._tcp.example.test",
                    "autoconfig.example.test", "autodiscover.example.test"}) {
                dns.servfail(n);
            }
            CliHelpTest.Run r = CliHelpTest.run("dns", "example.test", "--check", "--config", toml.toString());
            assertThat(r.out()).as(r.toString()).contains("UNKNOWN MX    example.test: SERVFAIL").doesNotContain("MISSING");
            assertThat(r.exit()).isEqualTo(DnsCommand.TEMPFAIL);
        }
    }
}
