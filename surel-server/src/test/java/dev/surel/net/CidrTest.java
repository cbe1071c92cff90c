package dev.surel.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {
    static InetAddress ip(String s) {
        return InetAddress.ofLiteral(s);
    }

    @Test
    void ipv4Networks() {
        Cidr c = Cidr.parse("127.0.0.0/8");
        assertThat(c.contains(ip("127.0.0.1"))).isTrue();
        assertThat(c.contains(ip("127.255.1.2"))).isTrue();
        assertThat(c.contains(ip("128.0.0.1"))).isFalse();
        assertThat(c.contains(ip("::1"))).isFalse();
        assertThat(Cidr.parse("10.1.2.3").contains(ip("10.1.2.3"))).isTrue();
        assertThat(Cidr.parse("10.1.2.3").contains(ip("10.1.2.4"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("8.8.8.8"))).isTrue();
        assertThat(Cidr.parse("192.168.0.0/23").contains(ip("192.168.1.200"))).isTrue();
        assertThat(Cidr.parse("192.168.0.0/23").contains(ip("192.168.2.1"))).isFalse();
    }

    @Test
    void ipv6Networks() {
        assertThat(Cidr.parse("::1").contains(ip("::1"))).isTrue();
        assertThat(Cidr.parse("::1/128").contains(ip("::2"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(ip("fd12:3456::1"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(ip("fe80::1"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/33").contains(ip("2001:db8:7fff::1"))).isTrue();
        assertThat(Cidr.parse("2001:db8::/33").contains(ip("2001:db8:8000::1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(ip("10.0.0.1"))).isFalse();
    }

    @Test
    void garbageIsRefusedWithAMessage() {
        assertThatThrownBy(() -> Cidr.parse("localhost")).hasMessageContaining("\"localhost\" is not an IP network");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).hasMessageContaining("exceeds 32");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Cidr.parse("300.1.1.1/8")).hasMessageContaining("is not an IP network");
        assertThatThrownBy(() -> Cidr.parse("192.168.1.0/16")).hasMessageContaining("did you mean 192.168.0.0/16");
        assertThatThrownBy(() -> Cidr.parse("")).hasMessageContaining("is not an IP network");
    }

    @Test
    void policyDefaultsToLoopback() {
        CleartextPolicy p = CleartextPolicy.defaults();
        assertThat(p.inNetworks(ip("127.0.0.1"))).isTrue();
        assertThat(p.inNetworks(ip("::1"))).isTrue();
        assertThat(p.inNetworks(ip("192.0.2.1"))).isFalse();
        assertThat(CleartextPolicy.tlsOnly().inNetworks(ip("127.0.0.1"))).isFalse();
        assertThatThrownBy(() -> CleartextPolicy.parse(List.of("127.0.0.0/8", "bogus")))
                .hasMessageContaining("\"bogus\"");
    }

    @Test
    void hostPortParsing() {
        assertThat(HostPort.parse("0.0.0.0:25")).isEqualTo(new HostPort("0.0.0.0", 25));
        assertThat(HostPort.parse("[::]:993")).isEqualTo(new HostPort("::", 993));
        assertThat(HostPort.parse("[::1]:0").toString()).isEqualTo("[::1]:0");
        assertThatThrownBy(() -> HostPort.parse("::1:25")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> HostPort.parse("host")).hasMessageContaining("not host:port");
        assertThatThrownBy(() -> HostPort.parse("host:99999")).hasMessageContaining("not in 0..65535");
    }

    @Test
    void limiterCountsIpv6PerSlash64() {
        ConnectionLimiter l = new ConnectionLimiter(10, 1);
        assertThat(l.tryAcquire(ip("2001:db8:1:2::1"))).isInstanceOf(ConnectionLimiter.Admission.Admitted.class);
        assertThat(l.tryAcquire(ip("2001:db8:1:2::99"))).isInstanceOf(ConnectionLimiter.Admission.Refused.class);
        var other = l.tryAcquire(ip("2001:db8:1:3::1"));
        assertThat(other).isInstanceOf(ConnectionLimiter.Admission.Admitted.class);
        ((ConnectionLimiter.Admission.Admitted) other).permit().close();
        ((ConnectionLimiter.Admission.Admitted) other).permit().close(); // releases once
        assertThat(l.total()).isEqualTo(1);
    }
}
