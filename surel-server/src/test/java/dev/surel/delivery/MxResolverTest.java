package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.TestDnsServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MX ordering (RFC 5321 §5.1) against the loopback DNS server on 127.0.0.184. */
class MxResolverTest {

    private TestDnsServer dns;

    @BeforeEach
    void start() throws Exception {
        dns = new TestDnsServer("127.0.0.184");
        dns.mx("multi.test", 20, "c.multi.test").a("c.multi.test", "192.0.2.3")
                .mx("multi.test", 10, "a.multi.test").a("a.multi.test", "192.0.2.1")
                .mx("multi.test", 10, "b.multi.test").a("b.multi.test", "192.0.2.2").aaaa("b.multi.test", "2001:db8::2")
                .mx("multi.test", 15, "gone.multi.test"); // no address: skipped
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    @Test
    void lowestPreferenceFirstEqualOnesShuffledHostsWithoutAddressSkipped() {
        Set<String> firsts = new HashSet<>();
        MxResolver resolver = new MxResolver(new DnsResolver(List.of(dns.address()), Duration.ofSeconds(2), Clock.systemUTC(), 0), 25, new Random(42));
        for (int i = 0; i < 16; i++) {
            var d = resolver.resolve("multi.test");
            assertThat(d).isInstanceOf(MxResolver.Destination.Hosts.class);
            List<MxResolver.MailHost> hosts = ((MxResolver.Destination.Hosts) d).hosts();
            assertThat(hosts).extracting(MxResolver.MailHost::name).hasSize(3).endsWith("c.multi.test")
                    .containsExactlyInAnyOrder("a.multi.test", "b.multi.test", "c.multi.test");
            firsts.add(hosts.getFirst().name());
            assertThat(hosts.stream().filter(h -> h.name().equals("b.multi.test")).findFirst().orElseThrow().addresses())
                    .hasSize(2); // A and AAAA
        }
        assertThat(firsts).containsExactlyInAnyOrder("a.multi.test", "b.multi.test");
    }
}
