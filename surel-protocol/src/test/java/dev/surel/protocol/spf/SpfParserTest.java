package dev.surel.protocol.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SPF record parsing (RFC 7208 §4.5, §4.6, §5, §6, ABNF §12). */
class SpfParserTest {

    @Test
    void directivesModifiersAndQualifiers() throws SpfException {
        SpfRecord r = SpfParser.parse("v=spf1 ip4:192.0.2.0/24 -ip6:2001:db8::/32 ~a ?mx:example.com/24//64 "
                + "include:_spf.example.com +ptr exists:%{ir}.x.example.com redirect=other.example.com exp=exp.example.com foo=bar  -all  ");
        assertThat(r.directives()).hasSize(8);
        assertThat(r.directives().get(0)).isEqualTo(new Directive(Qualifier.PASS, new Mechanism.Ip4(new byte[] {(byte) 192, 0, 2, 0}, 24)));
        assertThat(r.directives().get(1).qualifier()).isEqualTo(Qualifier.FAIL);
        assertThat(r.directives().get(1).mechanism()).isInstanceOfSatisfying(Mechanism.Ip6.class, m -> assertThat(m.cidr()).isEqualTo(32));
        assertThat(r.directives().get(2)).isEqualTo(new Directive(Qualifier.SOFTFAIL, new Mechanism.A(null, 32, 128)));
        assertThat(r.directives().get(3).mechanism()).isInstanceOfSatisfying(Mechanism.Mx.class, m -> {
            assertThat(m.domain().text()).isEqualTo("example.com");
            assertThat(m.cidr4()).isEqualTo(24);
            assertThat(m.cidr6()).isEqualTo(64);
        });
        assertThat(r.directives().get(7)).isEqualTo(new Directive(Qualifier.FAIL, new Mechanism.All()));
        assertThat(r.redirect().text()).isEqualTo("other.example.com");
        assertThat(r.exp().text()).isEqualTo("exp.example.com");
        assertThat(r.dnsTerms()).isEqualTo(6); // a, mx, include, ptr, exists, redirect
    }

    @Test
    void namesAreCaseInsensitive() throws SpfException {
        SpfRecord r = SpfParser.parse("V=SPF1 A/24//64 MX IP4:192.0.2.1 Redirect=x.example.com");
        assertThat(r.directives()).hasSize(3);
        assertThat(r.redirect()).isNotNull();
    }

    @Test
    void versionSelection() {
        assertThat(SpfParser.isSpfRecord("v=spf1")).isTrue();
        assertThat(SpfParser.isSpfRecord("v=spf1 -all")).isTrue();
        assertThat(SpfParser.isSpfRecord("v=spf10 -all")).isFalse();
        assertThat(SpfParser.isSpfRecord("v=spf1-all")).isFalse();
        assertThat(SpfParser.isSpfRecord("spf2.0/pra -all")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 -all -all redirect=a.example redirect=b.example",
        "v=spf1 exp=a.example exp=b.example",
        "v=spf1 foo",
        "v=spf1 all:x",
        "v=spf1 include",
        "v=spf1 include:",
        "v=spf1 ip4:192.0.2.1/33",
        "v=spf1 ip4:192.0.2.1/032",
        "v=spf1 ip4:192.0.2",
        "v=spf1 ip4:192.0.2.256",
        "v=spf1 ip4:192.0.2.01",
        "v=spf1 ip6:2001:db8::/129",
        "v=spf1 ip6:2001:db8::1::2",
        "v=spf1 ip6:192.0.2.1",
        "v=spf1 a/33",
        "v=spf1 a//129",
        "v=spf1 a:example.123",
        "v=spf1 a:example.com-",
        "v=spf1 a:example",
        "v=spf1 mx:%{x}.example.com",
        "v=spf1 exists:%{d}.example.com.%",
        "v=spf1 \t-all",
        "v=spf1 -all caf\u00e9",
        "v=spf1 !all",
        "v=spf1 foo=%{q}",
    })
    void syntaxErrorsArePermerrors(String txt) {
        assertThatThrownBy(() -> SpfParser.parse(txt))
                .isInstanceOfSatisfying(SpfException.class, e -> assertThat(e.result()).isEqualTo(SpfResult.PERMERROR));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1",
        "v=spf1 ",
        "v=spf1 a:%{d}",
        "v=spf1 a:foo.example-net",
        "v=spf1 a:example.com.",
        "v=spf1 ip6:::ffff:192.0.2.1/128",
        "v=spf1 moo.cow-far_out=man:dog/cat ~all",
        "v=spf1 ip4:0.0.0.0/0 a:x.example/0//0",
    })
    void validRecords(String txt) throws SpfException {
        SpfParser.parse(txt);
    }

    @Test
    void cidrMatching() {
        byte[] net = {(byte) 192, 0, 2, (byte) 128};
        assertThat(SpfEvaluator.inNetwork(new byte[] {(byte) 192, 0, 2, (byte) 200}, net, 25)).isTrue();
        assertThat(SpfEvaluator.inNetwork(new byte[] {(byte) 192, 0, 2, 100}, net, 25)).isFalse();
        assertThat(SpfEvaluator.inNetwork(new byte[] {10, 0, 0, 1}, net, 0)).isTrue();
        assertThat(SpfEvaluator.inNetwork(new byte[] {(byte) 192, 0, 2, (byte) 128}, net, 32)).isTrue();
    }

    @Test
    void hugeRecordsParseInBoundedTime() throws SpfException {
        StringBuilder sb = new StringBuilder("v=spf1");
        for (int i = 0; i < 4000; i++) sb.append(" ip4:192.0.2.").append(i % 256);
        sb.append(" -all");
        assertThat(SpfParser.parse(sb.toString()).directives()).hasSize(4001);
    }
}
