package dev.surel.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.time.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resolver over real UDP/TCP sockets against {@link TestDnsServer} on 127.0.0.1. */
class DnsResolverTest {

    private static final String ZONE = """
            $ORIGIN example.test.
            @        300 IN SOA ns hostmaster 1 3600 600 86400 120
            @        300 IN MX  10 mx1
            @        300 IN MX  20 mx2
            @        300 IN TXT "v=spf1 " "-all"
            mx1      60  IN A    192.0.2.1
            mx1      60  IN AAAA 2001:db8::1
            mx2      60  IN A    192.0.2.2
            v4only   60  IN A    192.0.2.4
            _25._tcp.mx1 300 IN TLSA 3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            $ORIGIN 2.0.192.in-addr.arpa.
            1        300 IN PTR mx1.example.test.
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private TestDnsServer dns;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer().zone(ZONE);
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    private DnsResolver resolver() {
        return new DnsResolver(List.of(dns.address()), Duration.ofSeconds(2), clock, 100);
    }

    @Test
    void mxRecordsWithPreferences() {
        Lookup<Mx> l = resolver().mx("example.test");
        assertThat(l).isInstanceOf(Lookup.Found.class);
        assertThat(l.records()).containsExactlyInAnyOrder(new Mx(10, "mx1.example.test"), new Mx(20, "mx2.example.test"));
        assertThat(((Lookup.Found<Mx>) l).authenticated()).isFalse();
    }

    @Test
    void aAndAaaaAddresses() throws Exception {
        DnsResolver r = resolver();
        assertThat(r.a("mx1.example.test").records()).containsExactly(InetAddress.getByName("192.0.2.1"));
        assertThat(r.aaaa("mx1.example.test").records()).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(r.addresses("mx1.example.test").records())
                .containsExactly(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1"));
        assertThat(r.addresses("v4only.example.test").records()).containsExactly(InetAddress.getByName("192.0.2.4"));
        assertThat(r.addresses("nowhere.example.test")).isInstanceOf(Lookup.NoSuchDomain.class);
    }

    @Test
    void txtKeepsEachCharacterString() {
        Lookup<Txt> l = resolver().txt("example.test");
        assertThat(l.records()).containsExactly(new Txt(List.of("v=spf1 ", "-all")));
        assertThat(l.records().getFirst().text()).isEqualTo("v=spf1 -all");
    }

    @Test
    void txtTextIsTheOctetsAsSentWithoutEscapes() {
        dns.add(TestDnsServer.txt("quotes.example.test", "v=spf1 exp=\\x \"q\" ", "caf\u00e9"));
        Lookup<Txt> l = resolver().txt("quotes.example.test");
        assertThat(l.records().getFirst().text()).isEqualTo("v=spf1 exp=\\x \"q\" caf\u00e9");
    }

    @Test
    void aCnameIsFollowed() throws Exception {
        dns.zone("alias.example.test. 60 IN CNAME mx1.example.test.\n");
        assertThat(resolver().a("alias.example.test").records()).containsExactly(InetAddress.getByName("192.0.2.1"));
    }

    @Test
    void aLargeAnswerComesOverTcpAfterATruncatedOne() {
        String chunk = "k".repeat(250);
        StringBuilder txt = new StringBuilder("big.example.test. 300 IN TXT");
        for (int i = 0; i < 8; i++) txt.append(" \"").append(chunk).append('"'); // 2000+ octets: over any UDP size asked
        dns.zone(txt + "\n");
        Lookup<Txt> l = resolver().txt("big.example.test");
        assertThat(l.records()).hasSize(1);
        assertThat(l.records().getFirst().text()).hasSize(2000);
        assertThat(dns.tcpQueries()).isEqualTo(1);
    }

    @Test
    void anAnswerOver512OctetsComesOverUdpWithEdns() {
        dns.zone("mid.example.test. 300 IN TXT \"" + "m".repeat(250) + "\" \"" + "m".repeat(250) + "\" \"" + "m".repeat(150) + "\"\n");
        Lookup<Txt> l = resolver().txt("mid.example.test");
        assertThat(l.records().getFirst().text()).hasSize(650);
        assertThat(dns.tcpQueries()).as("fits the EDNS payload size: no TCP retry").isZero();
    }

    @Test
    void tlsaRecord() {
        Lookup<Tlsa> l = resolver().tlsa("_25._tcp.mx1.example.test");
        assertThat(l.records()).hasSize(1);
        assertThat(l.records().getFirst().toString())
                .isEqualTo("3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        assertThat(((Lookup.Found<Tlsa>) l).authenticated()).as("no AD bit from the server").isFalse();
    }

    @Test
    void ptrOfAnAddress() throws Exception {
        assertThat(resolver().ptr(InetAddress.getByName("192.0.2.1")).records()).containsExactly("mx1.example.test");
        assertThat(resolver().ptr(InetAddress.getByName("192.0.2.9"))).isInstanceOf(Lookup.NoSuchDomain.class);
    }

    @Test
    void nxdomainAndNodataAreTold() {
        DnsResolver r = resolver();
        assertThat(r.mx("nowhere.example.test")).isInstanceOf(Lookup.NoSuchDomain.class);
        assertThat(r.mx("mx1.example.test")).as("name exists, no MX").isInstanceOf(Lookup.NoRecords.class);
        assertThat(r.txt("mx2.example.test")).isInstanceOf(Lookup.NoRecords.class);
        assertThat(r.mx("not a name..test")).isInstanceOf(Lookup.NoSuchDomain.class);
    }

    @Test
    void servfailIsTemporary() {
        dns.servfail("broken.example.test");
        Lookup<Txt> l = resolver().txt("broken.example.test");
        assertThat(l).isInstanceOf(Lookup.Temporary.class);
        assertThat(((Lookup.Temporary<Txt>) l).reason()).contains("SERVFAIL");
    }

    @Test
    void timeoutIsTemporary() {
        dns.silent("slow.example.test");
        DnsResolver r = new DnsResolver(List.of(dns.address()), Duration.ofMillis(300), clock, 100);
        long t0 = System.nanoTime();
        Lookup<Mx> l = r.mx("slow.example.test");
        assertThat(l).isInstanceOf(Lookup.Temporary.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void failoverToTheNextServer() throws Exception {
        try (TestDnsServer second = new TestDnsServer().zone(ZONE)) {
            dns.servfail("example.test").silent("mx1.example.test");
            DnsResolver r = new DnsResolver(List.of(dns.address(), second.address()), Duration.ofMillis(500), clock, 100);
            assertThat(r.mx("example.test").records()).hasSize(2);
            assertThat(r.a("mx1.example.test").records()).hasSize(1);
            assertThat(second.queries("example.test", "MX")).isEqualTo(1);
            assertThat(second.queries("mx1.example.test", "A")).isEqualTo(1);
        }
    }

    @Test
    void answersAreCachedForTheirTtl() {
        DnsResolver r = resolver();
        assertThat(r.a("mx2.example.test").records()).hasSize(1);
        clock.advance(Duration.ofSeconds(59));
        assertThat(r.a("mx2.example.test").records()).hasSize(1);
        assertThat(dns.queries("mx2.example.test", "A")).isEqualTo(1);
        dns.remove("mx2.example.test");
        clock.advance(Duration.ofSeconds(1)); // TTL 60 s is over
        assertThat(r.a("mx2.example.test")).isInstanceOf(Lookup.NoSuchDomain.class);
        assertThat(dns.queries("mx2.example.test", "A")).isEqualTo(2);
    }

    @Test
    void negativeAnswersAreCachedForTheSoaMinimum() throws Exception {
        DnsResolver r = resolver();
        assertThat(r.a("new.example.test")).isInstanceOf(Lookup.NoSuchDomain.class);
        dns.a("new.example.test", "192.0.2.7");
        clock.advance(Duration.ofSeconds(119)); // RFC 2308 §5: min(SOA TTL 300, MINIMUM 120)
        assertThat(r.a("new.example.test")).isInstanceOf(Lookup.NoSuchDomain.class);
        assertThat(dns.queries("new.example.test", "A")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(r.a("new.example.test").records()).hasSize(1);
        assertThat(dns.queries("new.example.test", "A")).isEqualTo(2);
        // NODATA too
        assertThat(r.aaaa("mx2.example.test")).isInstanceOf(Lookup.NoRecords.class);
        assertThat(r.aaaa("mx2.example.test")).isInstanceOf(Lookup.NoRecords.class);
        assertThat(dns.queries("mx2.example.test", "AAAA")).isEqualTo(1);
    }

    @Test
    void temporaryFailuresAreNotCached() {
        dns.servfail("flaky.example.test");
        DnsResolver r = resolver();
        assertThat(r.a("flaky.example.test")).isInstanceOf(Lookup.Temporary.class);
        assertThat(r.a("flaky.example.test")).isInstanceOf(Lookup.Temporary.class);
        assertThat(dns.queries("flaky.example.test", "A")).isEqualTo(2);
    }

    @Test
    void cacheIsBounded() {
        DnsResolver r = new DnsResolver(List.of(dns.address()), Duration.ofSeconds(2), clock, 1);
        r.a("mx1.example.test");
        r.a("mx2.example.test"); // evicts mx1
        r.a("mx2.example.test"); // cached
        r.a("mx1.example.test");
        assertThat(dns.queries("mx2.example.test", "A")).isEqualTo(1);
        assertThat(dns.queries("mx1.example.test", "A")).isEqualTo(2);
    }

    @Test
    void adBitReportedOnlyWhenAskedFor() {
        dns.authenticated("_25._tcp.mx1.example.test").authenticated("example.test");
        DnsResolver r = resolver();
        Lookup<Tlsa> tlsa = r.tlsa("_25._tcp.mx1.example.test");
        assertThat(((Lookup.Found<Tlsa>) tlsa).authenticated()).isTrue();
        assertThat(dns.askedAd("_25._tcp.mx1.example.test", "TLSA")).isTrue();
        Lookup<Mx> mx = r.mx("example.test");
        assertThat(((Lookup.Found<Mx>) mx).authenticated()).as("AD not asked for MX").isFalse();
        assertThat(dns.askedAd("example.test", "MX")).isFalse();
    }
}
