package dev.surel.protocol.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The greylisting key: the client's network (IPv4 /24, IPv6 /64 by default), the normalized sender, the recipient. */
class GreylistTripletTest {

    static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void ipv4ClientsCountAsTheirSlash24() {
        assertThat(GreylistTriplet.network(ip("192.0.2.77"), 24, 64)).isEqualTo("192.0.2.0/24");
        assertThat(GreylistTriplet.network(ip("192.0.2.255"), 24, 64)).isEqualTo("192.0.2.0/24");
        assertThat(GreylistTriplet.network(ip("192.0.3.1"), 24, 64)).isEqualTo("192.0.3.0/24");
        assertThat(GreylistTriplet.network(ip("203.0.113.200"), 32, 64)).isEqualTo("203.0.113.200/32");
        assertThat(GreylistTriplet.network(ip("203.0.113.200"), 20, 64)).isEqualTo("203.0.112.0/20");
        assertThat(GreylistTriplet.network(ip("203.0.113.200"), 0, 64)).isEqualTo("0.0.0.0/0");
    }

    @Test
    void ipv6ClientsCountAsTheirSlash64() {
        assertThat(GreylistTriplet.network(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), 24, 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(GreylistTriplet.network(ip("2001:db8:1:2::1"), 24, 64)).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(GreylistTriplet.network(ip("2001:db8:1:3::1"), 24, 64)).isEqualTo("2001:db8:1:3:0:0:0:0/64");
        assertThat(GreylistTriplet.network(ip("2001:db8:1:2:ffff::1"), 24, 56)).isEqualTo("2001:db8:1:0:0:0:0:0/56");
        assertThat(GreylistTriplet.network(ip("::1"), 24, 128)).isEqualTo("0:0:0:0:0:0:0:1/128");
    }

    @Test
    void anIpv4MappedPeerIsIpv4() {
        assertThat(GreylistTriplet.network(ip("::ffff:192.0.2.9"), 24, 64)).isEqualTo("192.0.2.0/24");
    }

    @Test
    void aPrefixOutOfRangeIsRefused() {
        assertThatThrownBy(() -> GreylistTriplet.network(ip("192.0.2.1"), 33, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GreylistTriplet.network(ip("::1"), 24, 129)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GreylistTriplet.network(ip("::1"), 24, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendersLoseTheirVerpAndBatvParts() {
        assertThat(GreylistTriplet.sender("Carol@Example.ORG")).isEqualTo("carol@example.org");
        assertThat(GreylistTriplet.sender("")).isEmpty();
        assertThat(GreylistTriplet.sender("list-bounces+alice=example.test@lists.example")).isEqualTo("list-bounces@lists.example");
        assertThat(GreylistTriplet.sender("prvs=1234abcd=carol@example.org")).isEqualTo("carol@example.org");
        assertThat(GreylistTriplet.sender("bounce-12345-678@news.example")).isEqualTo("bounce-#-#@news.example");
        assertThat(GreylistTriplet.sender("user42@example.org")).isEqualTo("user42@example.org");
        assertThat(GreylistTriplet.sender("+only@example.org")).isEqualTo("+only@example.org");
        assertThat(GreylistTriplet.sender("no-domain")).isEqualTo("no-domain");
    }

    @Test
    void theTripletLowerCasesTheRecipient() {
        GreylistTriplet t = GreylistTriplet.of(ip("198.51.100.4"), 24, 64, "Sender+x@Example.org", "Alice@Example.TEST");
        assertThat(t).isEqualTo(new GreylistTriplet("198.51.100.0/24", "sender@example.org", "alice@example.test"));
    }
}
