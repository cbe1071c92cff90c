package dev.surel.protocol.spf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * Fuzz target for the SPF record parser, the macro expander and {@code check_host()}
 * (docs/fuzzing.md). Without {@code JAZZER_FUZZ} it replays {@code SpfFuzzTestInputs/evaluate};
 * {@code ./fuzz spf} fuzzes it.
 *
 * <p>The input's lines are TXT records: line 0 at {@code d0.example} (the domain checked), line
 * <i>n</i> at {@code dn.example}; the zone also has addresses ({@code a.example}, the MX hosts of
 * {@code mx.example}, the client's PTR name) and a failing name ({@code fail.example}). The first
 * octet picks the client address (IPv4 or IPv6).
 *
 * <p>Asserts: {@link SpfParser#parse} and {@link MacroString#parse} throw only {@link SpfException}
 * (permerror); expansions stay within {@link MacroExpander#MAX_EXPANSION} and domains within 253
 * characters; {@code check_host()} never throws, gives an explanation only on fail, and makes a
 * bounded number of DNS queries (§4.6.4: 10 DNS terms, each at most 1 + 10 queries, plus the
 * record and exp lookups).
 */
class SpfFuzzTest {

    /** Queries one evaluation may make at most: 11 TXT, 10 terms × (1 + 10), %{p} (1 + 10), exp (1). */
    static final int MAX_QUERIES = 11 + 10 * 11 + 11 + 1;

    @FuzzTest(maxDuration = "5s")
    void evaluate(byte[] input) {
        if (input.length == 0) return;
        boolean v6 = (input[0] & 1) == 1;
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", 12);
        ZoneDns dns = new ZoneDns();
        for (int i = 0; i < lines.length; i++) {
            dns.txt("d" + i + ".example", lines[i]);
            parseChecked(lines[i]);
        }
        dns.a("a.example", "192.0.2.1").a("a.example", "2001:db8::1");
        dns.add("mx.example", "MX", "a.example").add("mx.example", "MX", "m2.example");
        dns.a("m2.example", "192.0.2.10").a("m2.example", "2001:db8::10");
        InetAddress ip = InetAddress.ofLiteral(v6 ? "2001:db8::10" : "192.0.2.10");
        dns.add(MacroExpander.dotted(ip) + ".ptr", "PTR", "m2.example");
        dns.fail("fail.example");
        SpfVerdict v = new SpfEvaluator(dns, Clock.systemUTC(), Duration.ofSeconds(20), "r.example")
                .checkHost(ip, "d0.example", "local.part@d0.example", "helo.example");
        check(v != null && v.result() != null && v.reason() != null, "no verdict");
        check(v.explanation() == null || v.result() == SpfResult.FAIL, "explanation on " + v.result());
        check(dns.asked().size() <= MAX_QUERIES, dns.asked().size() + " DNS queries");
    }

    private static void parseChecked(String line) {
        try {
            SpfParser.parse(line);
        } catch (SpfException e) {
            check(e.result() == SpfResult.PERMERROR, "parser gave " + e.result());
        }
        try {
            MacroString ms = MacroString.parse(line, true);
            MacroContext ctx = new MacroContext(InetAddress.ofLiteral("2001:db8::cb01"), "strong-bad", "email.example.com",
                    "email.example.com", "helo.example", "r.example", 0);
            String s = MacroExpander.expand(ms, ctx, () -> "p.example");
            check(s.length() <= MacroExpander.MAX_EXPANSION + 1024, "expansion of " + s.length());
            String d = MacroExpander.expandDomain(ms, ctx, () -> "p.example");
            check(d.length() <= MacroExpander.MAX_DOMAIN, "domain of " + d.length());
        } catch (SpfException e) {
            check(e.result() == SpfResult.PERMERROR, "macro-string gave " + e.result());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) throw new AssertionError(what);
    }
}
