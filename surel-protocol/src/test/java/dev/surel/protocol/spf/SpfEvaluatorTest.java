package dev.surel.protocol.spf;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code check_host()} (RFC 7208 §4-§6) over zone data in memory: results, include and redirect,
 * exp, and the limits of §4.6.4. The whole function is also run against a real DNS server with the
 * RFC 7208 test suite (surel-server, {@code Rfc7208SuiteTest}).
 */
class SpfEvaluatorTest {

    private static final InetAddress IP = InetAddress.ofLiteral("192.0.2.10");
    private final ZoneDns dns = new ZoneDns();

    private SpfVerdict check(String domain) {
        return check(domain, "user@" + domain);
    }

    private SpfVerdict check(String domain, String sender) {
        return new SpfEvaluator(dns, Clock.systemUTC(), Duration.ofSeconds(20), "mx.receiver.example").checkHost(IP, domain, sender, "helo.example.org");
    }

    @Test
    void ip4Pass() {
        dns.txt("example.com", "v=spf1 ip4:192.0.2.0/24 -all");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.PASS);
        dns.txt("other.com", "v=spf1 ip4:198.51.100.0/24 -all");
        assertThat(check("other.com").result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void noRecordAndNoneSpfTxtAreNone() {
        assertThat(check("nothing.example").result()).isEqualTo(SpfResult.NONE);
        dns.txt("other.example", "google-site-verification=x");
        assertThat(check("other.example").result()).isEqualTo(SpfResult.NONE);
    }

    @Test
    void twoRecordsArePermerror() { // §4.5
        dns.txt("example.com", "v=spf1 -all").txt("example.com", "v=spf1 +all");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void txtFailureIsTemperror() { // §4.4
        dns.fail("example.com");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void invalidDomainsAreNone() { // §4.3
        for (String d : new String[] {"localhost", "", "a..example.com", "x".repeat(64) + ".example.com", "[192.0.2.1]"}) {
            assertThat(check(d).result()).as(d).isEqualTo(SpfResult.NONE);
        }
        assertThat(dns.asked()).isEmpty();
    }

    @Test
    void noMatchIsNeutral() { // §4.7
        dns.txt("example.com", "v=spf1 ip4:198.51.100.1");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.NEUTRAL);
    }

    @Test
    void includeResultMapping() { // §5.2
        dns.txt("pass.example", "v=spf1 +all").txt("fail.example", "v=spf1 -all").txt("soft.example", "v=spf1 ~all")
                .txt("neutral.example", "v=spf1 ?all").txt("perm.example", "v=spf1 foo").fail("temp.example");
        String[][] cases = {
            {"pass.example", "FAIL"}, {"fail.example", "SOFTFAIL"}, {"soft.example", "SOFTFAIL"}, {"neutral.example", "SOFTFAIL"},
            {"perm.example", "PERMERROR"}, {"temp.example", "TEMPERROR"}, {"none.example", "PERMERROR"},
        };
        for (String[] c : cases) {
            dns.txt("x-" + c[0], "v=spf1 -include:" + c[0] + " ~all");
            assertThat(check("x-" + c[0]).result()).as(c[0]).isEqualTo(SpfResult.valueOf(c[1]));
        }
    }

    @Test
    void redirectUsesTheTargetsResultAndExp() { // §6.1, §6.2
        dns.txt("example.com", "v=spf1 exp=e1.example.com redirect=target.example.com")
                .txt("target.example.com", "v=spf1 -all exp=e2.example.com")
                .txt("e1.example.com", "first").txt("e2.example.com", "second %{d} %{o}");
        SpfVerdict v = check("example.com");
        assertThat(v.result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.explanation()).isEqualTo("second target.example.com example.com");
    }

    @Test
    void redirectToNoRecordIsPermerror() { // §6.1
        dns.txt("example.com", "v=spf1 redirect=nowhere.example.com");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void redirectIsIgnoredWhenAMechanismMatches() { // §6.1
        dns.txt("example.com", "v=spf1 redirect=nowhere.example.com ip4:192.0.2.10");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.PASS);
    }

    @Test
    void expOnlyOnFailAndNotFromIncludes() { // §6.2
        dns.txt("example.com", "v=spf1 include:inc.example.com ?ip4:192.0.2.10 exp=e.example.com")
                .txt("inc.example.com", "v=spf1 -all exp=e2.example.com").txt("e.example.com", "no").txt("e2.example.com", "never");
        SpfVerdict v = check("example.com");
        assertThat(v.result()).isEqualTo(SpfResult.NEUTRAL);
        assertThat(v.explanation()).isNull();
        dns.txt("f.example.com", "v=spf1 include:inc.example.com -all exp=e3.example.com").txt("e3.example.com", "%{l} at %{d} via %{i}");
        v = check("f.example.com", "@f.example.com");
        assertThat(v.result()).isEqualTo(SpfResult.FAIL);
        assertThat(v.explanation()).isEqualTo("postmaster at f.example.com via 192.0.2.10"); // §4.3: empty local-part
    }

    @Test
    void expErrorsMeanNoExplanation() { // §6.2
        dns.txt("a.example", "v=spf1 -all exp=two.example").txt("two.example", "one").txt("two.example", "two");
        dns.txt("b.example", "v=spf1 -all exp=bad.example").txt("bad.example", "%{q}");
        dns.txt("c.example", "v=spf1 -all exp=temp.example").fail("temp.example");
        dns.txt("d.example", "v=spf1 -all exp=none.example");
        for (String d : new String[] {"a.example", "b.example", "c.example", "d.example"}) {
            SpfVerdict v = check(d);
            assertThat(v.result()).as(d).isEqualTo(SpfResult.FAIL);
            assertThat(v.explanation()).as(d).isNull();
        }
    }

    @Test
    void tenDnsTermsAreAllowedAndTheEleventhIsPermerror() { // §4.6.4
        for (int i = 0; i < 11; i++) dns.a("h" + i + ".example", "198.51.100.1");
        StringBuilder ten = new StringBuilder("v=spf1");
        for (int i = 0; i < 10; i++) ten.append(" a:h").append(i).append(".example");
        dns.txt("ten.example", ten + " ip4:192.0.2.10");
        dns.txt("eleven.example", ten + " a:h10.example ip4:192.0.2.10");
        assertThat(check("ten.example").result()).isEqualTo(SpfResult.PASS);
        assertThat(check("eleven.example").result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void includesAndRedirectsCountTogether() { // §4.6.4
        for (int i = 0; i < 12; i++) dns.txt("c" + i + ".example", "v=spf1 redirect=c" + (i + 1) + ".example");
        dns.txt("c12.example", "v=spf1 ip4:192.0.2.10");
        assertThat(check("c2.example").result()).isEqualTo(SpfResult.PASS); // 10 redirects
        assertThat(check("c1.example").result()).isEqualTo(SpfResult.PERMERROR); // 11
    }

    @Test
    void includeLoopIsPermerror() {
        dns.txt("a.example", "v=spf1 include:b.example -all").txt("b.example", "v=spf1 include:a.example -all");
        SpfVerdict v = check("a.example");
        assertThat(v.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(v.reason()).contains("loop");
        assertThat(dns.asked()).hasSize(2);
    }

    @Test
    void threeVoidLookupsArePermerror() { // §4.6.4
        dns.txt("two.example", "v=spf1 a:v1.example mx:v2.example ip4:192.0.2.10");
        dns.txt("three.example", "v=spf1 a:v1.example mx:v2.example exists:v3.example ip4:192.0.2.10");
        assertThat(check("two.example").result()).isEqualTo(SpfResult.PASS);
        assertThat(check("three.example").result()).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void moreThanTenMxNamesArePermerror() { // §4.6.4
        for (int i = 0; i < 11; i++) {
            dns.add("mx10.example", "MX", "m" + i + ".example");
            if (i < 10) dns.add("mx11.example", "MX", "m" + i + ".example");
            dns.a("m" + i + ".example", i == 9 ? "192.0.2.10" : "198.51.100." + i);
        }
        dns.add("mx11.example", "MX", "m10.example");
        dns.txt("ten.example", "v=spf1 mx:mx10.example -all").txt("eleven.example", "v=spf1 mx:mx11.example -all");
        assertThat(check("eleven.example").result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(check("ten.example").result()).isEqualTo(SpfResult.PERMERROR); // mx10.example has 11 names too
        dns.txt("ok.example", "v=spf1 mx:mx11ok.example -all");
        for (int i = 0; i < 10; i++) dns.add("mx11ok.example", "MX", "m" + i + ".example");
        assertThat(check("ok.example").result()).isEqualTo(SpfResult.PASS);
    }

    @Test
    void onlyTheFirstTenPtrNamesAreValidated() { // §4.6.4, §5.5
        for (int i = 0; i < 11; i++) {
            dns.add("192.0.2.10.ptr", "PTR", "p" + i + ".example.com");
            dns.a("p" + i + ".example.com", i == 10 ? "192.0.2.10" : "198.51.100.1");
        }
        dns.txt("example.com", "v=spf1 ptr -all");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.FAIL);
        assertThat(dns.asked()).contains("A p9.example.com").doesNotContain("A p10.example.com");
    }

    @Test
    void ptrAndPMacro() { // §5.5, §7.3
        dns.add("192.0.2.10.ptr", "PTR", "other.example.net").add("192.0.2.10.ptr", "PTR", "mail.example.com")
                .add("192.0.2.10.ptr", "PTR", "fake.example.com");
        dns.a("other.example.net", "192.0.2.10").a("mail.example.com", "192.0.2.10").a("fake.example.com", "198.51.100.1");
        dns.txt("example.com", "v=spf1 ptr -all exp=e.example.com").txt("e.example.com", "%{p}");
        dns.txt("example.org", "v=spf1 ptr:fake.example.com -all exp=e.example.org").txt("e.example.org", "%{p}");
        assertThat(check("example.com").result()).isEqualTo(SpfResult.PASS);
        SpfVerdict v = check("example.org");
        assertThat(v.result()).isEqualTo(SpfResult.FAIL); // fake.example.com does not validate
        assertThat(v.explanation()).isIn("other.example.net", "mail.example.com");
    }

    @Test
    void pMacroPrefersANameUnderTheCurrentDomainLookedUpOnce() { // §7.3
        dns.add("192.0.2.10.ptr", "PTR", "mail.example.net").add("192.0.2.10.ptr", "PTR", "mail.example.com");
        dns.a("mail.example.net", "192.0.2.10").a("mail.example.com", "192.0.2.10");
        dns.a("mail.example.com.p.example", "127.0.0.2"); // only the example.com name is listed
        dns.txt("example.net", "v=spf1 exists:%{p}.p.example include:example.com -all");
        dns.txt("example.com", "v=spf1 exists:%{p}.p.example -all");
        // %{p} is mail.example.net at example.net (not listed), mail.example.com inside the include (listed)
        assertThat(check("example.net").result()).isEqualTo(SpfResult.PASS);
        assertThat(dns.asked()).containsSubsequence("A mail.example.net.p.example", "TXT example.com", "A mail.example.com.p.example");
        assertThat(dns.asked().stream().filter(q -> q.startsWith("PTR"))).hasSize(1);
    }

    @Test
    void ipv6UsesAaaaAndDualCidr() {
        InetAddress v6 = InetAddress.ofLiteral("2001:db8::cb01");
        dns.a("h.example.com", "2001:db8::1").a("h.example.com", "192.0.2.99");
        dns.txt("example.com", "v=spf1 a:h.example.com/32//64 -all");
        SpfEvaluator e = new SpfEvaluator(dns, Clock.systemUTC(), Duration.ofSeconds(20), "r");
        assertThat(e.checkHost(v6, "example.com", "u@example.com", "h").result()).isEqualTo(SpfResult.PASS);
        assertThat(e.checkHost(IP, "example.com", "u@example.com", "h").result()).isEqualTo(SpfResult.FAIL);
        dns.txt("v4.example.com", "v=spf1 ip4:0.0.0.0/0 -all");
        assertThat(e.checkHost(v6, "v4.example.com", "u@v4.example.com", "h").result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void overallTimeLimitGivesTemperror() { // §4.6.4
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        dns.onQuery(q -> now[0] = now[0].plusSeconds(3)); // each query takes 3 s
        for (int i = 0; i < 8; i++) dns.a("h" + i + ".example", "198.51.100.1");
        StringBuilder r = new StringBuilder("v=spf1");
        for (int i = 0; i < 8; i++) r.append(" a:h").append(i).append(".example");
        dns.txt("slow.example", r + " ip4:192.0.2.10");
        SpfVerdict v = new SpfEvaluator(dns, clock, Duration.ofSeconds(20), "r").checkHost(IP, "slow.example", "u@slow.example", "h");
        assertThat(v.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(v.reason()).contains("time limit");
        assertThat(dns.asked()).hasSize(7); // TXT + 6 A at 3 s each reach 21 s; the 8th query is refused
    }
}
