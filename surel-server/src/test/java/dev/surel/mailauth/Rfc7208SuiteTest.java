package dev.surel.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.TestDnsServer;
import dev.surel.protocol.spf.SpfResult;
import dev.surel.protocol.spf.SpfVerdict;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;

/**
 * The RFC 7208 test suite of the SPF project (pyspf's {@code rfc7208-tests.yml}, Debian
 * python3-spf): each scenario's zone data is served by a {@link TestDnsServer} on loopback, each
 * case goes through {@link DnsSpfCheck} over a real {@link DnsResolver}. The result must be one of
 * the allowed ones; where the case gives an explanation, the {@code exp=} text must be it
 * ("DEFAULT": there must be none).
 */
class Rfc7208SuiteTest {

    static final Path SUITE = Path.of("/usr/share/doc/python3-spf/rfc7208-tests.yml.gz");

    /**
     * Cases whose explanation is compared without regard to case, with the reason. The result is
     * checked as for every case.
     */
    static final Map<String, String> EXPLANATION_CASE = Map.of(
            "v-macro-ip6", "the suite wants the nibbles of %{ir} in upper case, as the client's address was written"
                    + " (CAFE:BABE::1); the check gets an InetAddress and writes them in lower case, as the example"
                    + " of RFC 7208 §7.4 does (1.0.b.c....ip6._spf.example.com)");

    private final List<TestDnsServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws IOException {
        for (TestDnsServer s : servers) s.close();
    }

    record Case(String scenario, String name, String host, String mailFrom, String helo, List<String> results,
                String explanation, String spec, String description) { }

    @TestFactory
    Stream<DynamicContainer> rfc7208() throws Exception {
        if (!Files.exists(SUITE)) {
            throw new AssertionError(SUITE + " is missing: apt-get install -y python3-spf python3-yaml");
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        Map<String, TestDnsServer> dns = new LinkedHashMap<>();
        Map<String, List<Case>> cases = new LinkedHashMap<>();
        for (String line : flatten()) {
            String[] f = Arrays.stream(line.split("\t", -1))
                    .map(x -> new String(Base64.getDecoder().decode(x), StandardCharsets.UTF_8)).toArray(String[]::new);
            String scen = f[1];
            switch (f[0]) {
                case "S" -> {
                    descriptions.put(scen, f[2]);
                    TestDnsServer s = new TestDnsServer();
                    servers.add(s);
                    dns.put(scen, s);
                    cases.put(scen, new ArrayList<>());
                }
                case "Z" -> addRecord(dns.get(scen), f[2], f[3], Arrays.copyOfRange(f, 4, f.length));
                case "C" -> cases.get(scen).add(new Case(scen, f[2], f[3], f[4], f[5], List.of(f[6].split(",")), f[7], f[8], f[9]));
                default -> throw new IllegalStateException(line);
            }
        }
        int total = cases.values().stream().mapToInt(List::size).sum();
        assertThat(total).as("cases in the suite").isGreaterThan(150);
        return descriptions.entrySet().stream().map(e -> {
            TestDnsServer server = dns.get(e.getKey());
            DnsResolver resolver = new DnsResolver(List.of(server.address()), Duration.ofMillis(400), Clock.systemUTC(), 1000);
            DnsSpfCheck check = new DnsSpfCheck(resolver, Clock.systemUTC(), Duration.ofSeconds(20));
            return DynamicContainer.dynamicContainer(e.getValue(), cases.get(e.getKey()).stream()
                    .map(c -> DynamicTest.dynamicTest(c.name() + " (" + c.spec() + ")", () -> run(check, c))));
        });
    }

    private static void run(DnsSpfCheck check, Case c) throws Exception {
        InetAddress ip = InetAddress.ofLiteral(c.host());
        SpfVerdict v = check.verdict(ip, c.helo(), c.mailFrom());
        String what = c.name() + " [" + c.description() + "] mailfrom=" + c.mailFrom() + " helo=" + c.helo()
                + " host=" + c.host() + " got " + v;
        assertThat(c.results()).as(what).contains(v.result().keyword());
        if (!c.results().getFirst().equals(v.result().keyword())) {
            System.out.println("RFC 7208 suite: " + c.name() + " gives " + v.result().keyword() + ", allowed, where the suite prefers "
                    + c.results().getFirst());
        }
        if (!c.explanation().isEmpty()) {
            String want = c.explanation().equals("DEFAULT") ? null : c.explanation();
            if (EXPLANATION_CASE.containsKey(c.name())) {
                assertThat(v.explanation()).as("explanation of " + what).isEqualToIgnoringCase(want);
            } else {
                assertThat(v.explanation()).as("explanation of " + what).isEqualTo(want);
            }
        }
        SpfCheck.SpfOutcome o = check.check(ip, c.helo(), c.mailFrom());
        assertThat(o.result()).as(what).isEqualTo(v.result());
        assertThat(o.identity()).isEqualTo(c.mailFrom().isEmpty() ? "helo" : "mailfrom");
        if (v.result() == SpfResult.FAIL && v.explanation() != null) assertThat(o.explanation()).isEqualTo(v.explanation());
    }

    private static void addRecord(TestDnsServer s, String owner, String type, String[] v) throws IOException {
        Name n = TestDnsServer.name(owner);
        switch (type) {
            case "TXT" -> s.add(TestDnsServer.txt(owner, v));
            case "A" -> s.add(new ARecord(n, DClass.IN, 60, InetAddress.ofLiteral(v[0])));
            case "AAAA" -> s.add(new AAAARecord(n, DClass.IN, 60, InetAddress.ofLiteral(v[0])));
            case "MX" -> s.add(new MXRecord(n, DClass.IN, 60, Integer.parseInt(v[0]), TestDnsServer.name(v[1])));
            case "PTR" -> s.add(new PTRRecord(n, DClass.IN, 60, TestDnsServer.name(v[0])));
            case "CNAME" -> s.add(new CNAMERecord(n, DClass.IN, 60, TestDnsServer.name(v[0])));
            case "SILENT" -> s.silent(owner, v[0].toUpperCase(Locale.ROOT));
            default -> throw new IllegalStateException("record type " + type);
        }
    }

    /** The suite as lines (rfc7208-suite.py beside this class). */
    private List<String> flatten() throws Exception {
        Path script = dir.resolve("rfc7208-suite.py");
        try (InputStream in = Rfc7208SuiteTest.class.getResourceAsStream("rfc7208-suite.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path out = dir.resolve("suite.txt");
        Path err = dir.resolve("suite.err");
        Process p = new ProcessBuilder("python3", script.toString(), SUITE.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("python3 did not convert the suite in 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("python3 could not read the suite (apt-get install -y python3-yaml python3-spf):\n"
                    + Files.readString(err));
        }
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
