package dev.surel.testkit;

import dev.surel.accounts.Directory;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.Endpoint;
import dev.surel.tls.TestCerts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a test's server (or bare data directory) is made of: its {@code surel.toml} (host name,
 * {@code data_dir = "data"}, the endpoints it listens on at 127.0.0.1 port 0, TLS, cheap
 * password hashing, a fast login throttle, no checks of incoming mail ({@code [mail_auth]
 * inbound = false}) and no spam filter ({@code [filter] enabled = false}) by default, and any extra keys), its clock, and
 * the domains, users, aliases and catch-alls it starts with. {@link #start} starts a server;
 * {@link #open} opens the services alone; {@link #perTest()} gives a server that starts before
 * each test and stops after it.
 */
public final class TestSetup {
    /** TLS of the endpoints. */
    public enum Tls {
        /** {@code [tls]} names a fresh EC test certificate for the host name ({@code TestCerts}). */
        TEST_CERTIFICATE,
        /** No {@code [tls]}: the server generates its self-signed certificate into {@code data/tls/}. */
        SELF_SIGNED
    }

    final TestToml toml = new TestToml();
    String hostname = "mail.example.test";
    Tls tls = Tls.TEST_CERTIFICATE;
    Clock clock = Clock.systemUTC();
    final List<String> domains = new ArrayList<>();
    final Map<String, String> users = new LinkedHashMap<>();
    final Map<String, List<String>> aliases = new LinkedHashMap<>();
    final Map<String, String> catchAlls = new LinkedHashMap<>();

    TestSetup() {
        toml.set("", "data_dir", "\"data\"");
        toml.set("auth", "argon2_memory_kib", "64");
        toml.set("auth", "argon2_iterations", "1");
        toml.set("auth.throttle", "base_delay", "\"1ms\"");
        toml.set("auth.throttle", "max_delay", "\"2ms\"");
        // port 25 mail is not checked (SPF/DKIM/DMARC ask DNS): tests about something else stay off the
        // system resolver; tests of the checks set inbound = true and a loopback [dns] resolver
        toml.set("mail_auth", "inbound", "false");
        // nor scored for spam ([filter], docs/filtering.md): tests that compare delivered messages stay exact; tests of the
        // filter set enabled = true
        toml.set("filter", "enabled", "false");
    }

    /** Host name (default {@code mail.example.test}): greetings, Received: lines, the test certificate. */
    public TestSetup hostname(String name) {
        this.hostname = name;
        return this;
    }

    /** Listens on these endpoints, each at 127.0.0.1 port 0. */
    public TestSetup listen(Endpoint... endpoints) {
        for (Endpoint e : endpoints) toml.set("listen", e.key(), "\"127.0.0.1:0\"");
        return this;
    }

    public TestSetup tls(Tls tls) {
        this.tls = tls;
        return this;
    }

    public TestSetup clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * More TOML for {@code table} ("" for the top level): one {@code key = value} a line; a key
     * the kit sets by default is overridden; {@code [other]} lines switch the table.
     */
    public TestSetup toml(String table, String lines) {
        toml.lines(table, lines);
        return this;
    }

    /** Adds a domain (users, aliases and catch-alls add theirs by themselves). */
    public TestSetup domain(String domain) {
        if (!domains.contains(domain)) domains.add(domain);
        return this;
    }

    /** Adds a user (and its domain). */
    public TestSetup user(String address, String password) {
        domain(domainOf(address));
        users.put(address, password);
        return this;
    }

    public TestSetup alias(String address, List<String> targets) {
        domain(domainOf(address));
        aliases.put(address, List.copyOf(targets));
        return this;
    }

    /** Mail to unknown local parts of {@code domain} goes to {@code target}. */
    public TestSetup catchAll(String domain, String target) {
        domain(domain);
        catchAlls.put(domain, target);
        return this;
    }

    /** Writes {@code dir/surel.toml} (and the test certificate) and starts a server on it. */
    public TestServer start(Path dir) {
        return TestServer.start(this, dir);
    }

    /** Writes {@code dir/surel.toml} and opens its services without a server (no listeners). */
    public TestStore open(Path dir) {
        return TestStore.open(this, dir);
    }

    /**
     * A server for {@code @RegisterExtension}: started before each test in a temporary directory
     * of its own, stopped (and the directory deleted) after it.
     */
    public TestServer perTest() {
        return TestServer.perTest(this);
    }

    /** Writes {@code dir/surel.toml} (and the test certificate) and loads it. */
    SurelConfig write(Path dir) {
        try {
            Files.createDirectories(dir);
            TestToml t = toml.copy();
            t.set("", "hostname", TestToml.quoted(hostname));
            if (tls == Tls.TEST_CERTIFICATE) {
                TestCerts.Written cert = TestCerts.write(dir, "test", hostname, TestCerts.KeyForm.PKCS8_EC); // EC: no slow RSA key
                t.set("tls", "cert", TestToml.quoted(cert.cert().getFileName().toString()));
                t.set("tls", "key", TestToml.quoted(cert.key().getFileName().toString()));
            }
            Path file = dir.resolve("surel.toml");
            t.write(file);
            return ConfigLoader.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("test certificate", e);
        }
    }

    /** Adds what is missing of the domains, users, aliases and catch-alls (none on a restart). */
    void provision(Directory d) {
        for (String domain : domains) {
            if (d.findDomain(domain).isEmpty()) d.addDomain(domain);
        }
        users.forEach((address, password) -> {
            if (d.findUser(address).isEmpty()) d.addUser(address, password.toCharArray());
        });
        aliases.forEach((address, targets) -> {
            if (d.listAliases().stream().noneMatch(a -> a.address().equals(address))) d.addAlias(address, targets);
        });
        catchAlls.forEach(d::setCatchAll);
    }

    static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
