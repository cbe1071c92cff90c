package dev.surel.protocol.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Macro expansion (RFC 7208 §7), with the examples of §7.4. */
class MacroExpanderTest {

    /** §7.4: sender strong-bad@email.example.com, IPv4 192.0.2.3, IPv6 2001:db8::cb01. */
    private static MacroContext ctx(String ip) {
        return new MacroContext(InetAddress.ofLiteral(ip), "strong-bad", "email.example.com", "email.example.com",
                "mx.example.org", "receiver.example.net", 1_700_000_000L);
    }

    private static String expand(String macro, String ip, boolean exp) throws SpfException {
        return MacroExpander.expand(MacroString.parse(macro, exp), ctx(ip), () -> "validated.example.com");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ' ', value = {
        "%{s} strong-bad@email.example.com",
        "%{o} email.example.com",
        "%{d} email.example.com",
        "%{d4} email.example.com",
        "%{d3} email.example.com",
        "%{d2} example.com",
        "%{d1} com",
        "%{dr} com.example.email",
        "%{d2r} example.email",
        "%{l} strong-bad",
        "%{l-} strong.bad",
        "%{lr} strong-bad",
        "%{lr-} bad.strong",
        "%{l1r-} strong",
        "%{ir}.%{v}._spf.%{d2} 3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2} bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2} bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2} 3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net example.com.trusted-domains.example.net",
    })
    void rfc7208Section74ExamplesIpv4(String macro, String expected) throws SpfException {
        assertThat(expand(macro, "192.0.2.3", false)).isEqualTo(expected);
    }

    @Test
    void rfc7208Section74ExampleIpv6() throws SpfException {
        assertThat(expand("%{ir}.%{v}._spf.%{d2}", "2001:db8::cb01", false))
                .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void expOnlyMacrosCrt() throws SpfException {
        assertThat(expand("%{c} %{r} %{t}", "192.0.2.3", true)).isEqualTo("192.0.2.3 receiver.example.net 1700000000");
        assertThat(expand("%{c}", "2001:db8::cb01", true)).isEqualTo("2001:db8::cb01");
        assertThat(expand("%{c}", "2001:db8:0:1:0:0:0:1", true)).isEqualTo("2001:db8:0:1::1"); // RFC 5952 §4.2.3: the longest run
        assertThat(expand("%{c}", "1:0:0:2:0:0:0:3", true)).isEqualTo("1:0:0:2::3");
        assertThat(expand("%{c}", "1:0:2:3:4:5:6:7", true)).isEqualTo("1:0:2:3:4:5:6:7"); // §4.2.2: one 0 group stays
    }

    @ParameterizedTest
    @ValueSource(strings = {"%{c}.example.com", "%{r}.example.com", "%{t}.example.com"})
    void crtAreNotAllowedOutsideExp(String spec) {
        assertThatThrownBy(() -> MacroString.parse(spec, false)).isInstanceOf(SpfException.class);
    }

    @Test
    void escapesAndUrlEscaping() throws SpfException {
        assertThat(expand("a%%b%_c%-d", "192.0.2.3", true)).isEqualTo("a%b c%20d");
        assertThat(expand("%{L}", "192.0.2.3", false)).isEqualTo("strong-bad");
        assertThat(MacroExpander.urlEscape("~jack&jill=up-a_b3.c")).isEqualTo("~jack%26jill%3Dup-a_b3.c");
        assertThat(expand("%{S}", "192.0.2.3", false)).isEqualTo("strong-bad%40email.example.com");
    }

    @Test
    void validatedNameIsAskedOnlyWhenUsed() throws SpfException {
        int[] asked = {0};
        MacroString ms = MacroString.parse("%{d}.%{p}", false);
        assertThat(MacroExpander.expand(ms, ctx("192.0.2.3"), () -> {
            asked[0]++;
            return "p.example";
        })).isEqualTo("email.example.com.p.example");
        assertThat(asked[0]).isEqualTo(1);
        MacroExpander.expand(MacroString.parse("%{d}", false), ctx("192.0.2.3"), () -> {
            throw new AssertionError("p asked");
        });
    }

    @Test
    void delimitersAndDigits() throws SpfException {
        MacroContext c = new MacroContext(InetAddress.ofLiteral("192.0.2.3"), "a+b,c/d_e=f", "x.example", "d.example", "h", "r", 0);
        assertThat(MacroExpander.expand(MacroString.parse("%{l+,/_=}", false), c, () -> "")).isEqualTo("a.b.c.d.e.f");
        assertThat(MacroExpander.expand(MacroString.parse("%{l2r+,/_=}", false), c, () -> "")).isEqualTo("b.a");
        assertThat(MacroExpander.expand(MacroString.parse("%{l999999999999}", false), c, () -> "")).isEqualTo("a+b,c/d_e=f");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%x", "%{", "%{d", "%{}", "%{q}", "%{d0}", "%{d2x}", "%{d r}", "a b", "caf\u00e9"})
    void malformedMacroStringsArePermerrors(String s) {
        assertThatThrownBy(() -> MacroString.parse(s, false))
                .isInstanceOfSatisfying(SpfException.class, e -> assertThat(e.result()).isEqualTo(SpfResult.PERMERROR));
    }

    @Test
    void longDomainsLoseLeftLabels() throws SpfException {
        String label = "a".repeat(60);
        MacroContext c = new MacroContext(InetAddress.ofLiteral("192.0.2.3"), String.join(".", label, label, label, label, label),
                "x.example", "d.example", "h", "r", 0);
        String d = MacroExpander.expandDomain(MacroString.parse("%{l}.example.com", false), c, () -> "");
        assertThat(d).hasSizeLessThanOrEqualTo(253).endsWith(label + ".example.com").doesNotStartWith(".");
        assertThat(d).isEqualTo(String.join(".", label, label, label, "example.com")); // 4 labels would be 255
    }

    @Test
    void expansionIsBounded() throws SpfException {
        MacroString ms = MacroString.parse("%{s}".repeat(1000), true);
        MacroContext c = new MacroContext(InetAddress.ofLiteral("192.0.2.3"), "l".repeat(64), "x".repeat(200), "d", "h", "r", 0);
        assertThatThrownBy(() -> MacroExpander.expand(ms, c, () -> "")).isInstanceOf(SpfException.class);
    }
}
