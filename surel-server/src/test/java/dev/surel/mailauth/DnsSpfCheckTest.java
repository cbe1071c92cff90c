package dev.surel.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.TestDnsServer;
import dev.surel.protocol.spf.SpfResult;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DnsSpfCheck} against a real DNS server on loopback: identities, explanation, DNS failures. */
class DnsSpfCheckTest {

    private static final InetAddress CLIENT = InetAddress.ofLiteral("192.0.2.9");
    private TestDnsServer dns;
    private SpfCheck check;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer().zone("""
                $ORIGIN example.test.
                @     60 IN TXT "v=spf1 ip4:192.0.2.0/28 " "-all"
                mx    60 IN A   192.0.2.9
                mx    60 IN TXT "v=spf1 a -all exp=why.example.test"
                why   60 IN TXT "%{l} from %{i} (%{h}) may not send for %{d}"
                other 60 IN TXT "v=spf1 include:slow.example.test -all"
                """);
        dns.add(TestDnsServer.txt("quoted.example.test", "v=spf1 -all exp=", "q.example.test"));
        dns.add(TestDnsServer.txt("q.example.test", "\"quoted\" \\ text"));
        dns.silent("slow.example.test");
        DnsResolver resolver = new DnsResolver(List.of(dns.address()), Duration.ofMillis(300), Clock.systemUTC(), 100);
        check = DnsSpfCheck.over(resolver, Clock.systemUTC(), "receiver.example");
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    @Test
    void mailFromIdentityIsTheReversePathsDomain() { // RFC 7208 §2.4
        SpfCheck.SpfOutcome o = check.check(CLIENT, "mx.example.test", "someone@example.test");
        assertThat(o.result()).isEqualTo(SpfResult.PASS);
        assertThat(o.identity()).isEqualTo("mailfrom");
        assertThat(o.domain()).isEqualTo("example.test");
        assertThat(check.check(InetAddress.ofLiteral("192.0.2.99"), "mx.example.test", "someone@example.test").result())
                .isEqualTo(SpfResult.FAIL);
    }

    @Test
    void nullReversePathChecksHeloAsPostmaster() { // RFC 7208 §2.3, §2.4, §4.3
        SpfCheck.SpfOutcome o = check.check(CLIENT, "mx.example.test", "");
        assertThat(o).isEqualTo(new SpfCheck.SpfOutcome(SpfResult.PASS, "helo", "mx.example.test", o.explanation()));
        SpfCheck.SpfOutcome f = check.check(InetAddress.ofLiteral("198.51.100.7"), "mx.example.test", "");
        assertThat(f.result()).isEqualTo(SpfResult.FAIL);
        assertThat(f.explanation()).isEqualTo("postmaster from 198.51.100.7 (mx.example.test) may not send for mx.example.test");
    }

    @Test
    void aDnsTimeoutIsTemperror() { // RFC 7208 §4.4, §5.2
        SpfCheck.SpfOutcome o = check.check(CLIENT, "mx.example.test", "a@other.example.test");
        assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
        assertThat(o.explanation()).contains("slow.example.test");
    }

    @Test
    void recordAndExplanationAreTheTxtOctetsJoined() { // RFC 7208 §3.3
        SpfCheck.SpfOutcome o = check.check(CLIENT, "mx.example.test", "a@quoted.example.test");
        assertThat(o.result()).isEqualTo(SpfResult.FAIL);
        assertThat(o.explanation()).isEqualTo("\"quoted\" \\ text");
    }

    @Test
    void noRecordIsNoneAndAnInvalidHeloIsNone() {
        assertThat(check.check(CLIENT, "mx.example.test", "a@nothing.example.test").result()).isEqualTo(SpfResult.NONE);
        assertThat(check.check(CLIENT, "[192.0.2.9]", "").result()).isEqualTo(SpfResult.NONE);
        assertThat(check.check(CLIENT, "localhost", "").result()).isEqualTo(SpfResult.NONE);
    }
}
