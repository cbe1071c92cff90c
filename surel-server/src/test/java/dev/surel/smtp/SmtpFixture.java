package dev.surel.smtp;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.config.SurelConfig;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.tls.TestCerts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-process server with SMTP (25), submission (587) and submissions (465) on loopback port
 * 0, and a directory: domain example.test with alice and bob (passwords "alice secret" and
 * "bob secret"), the alias sales@ (alice and bob), domain catch.test whose catch-all is bob.
 * Delivery assertions poll the store (the queue may deliver after the 250). Remote mail goes to a
 * relay host on a closed loopback port: deferred, never a real DNS lookup or connection.
 */
final class SmtpFixture implements AutoCloseable {
    static final String ALICE_PW = "alice secret";
    static final String BOB_PW = "bob secret";

    final Path dir;
    final SurelConfig config;
    final SurelServer server;
    final long alice;
    final long bob;

    private SmtpFixture(Path dir, SurelConfig config, SurelServer server, long alice, long bob) {
        this.dir = dir;
        this.config = config;
        this.server = server;
        this.alice = alice;
        this.bob = bob;
    }

    /** {@code smtp} goes under {@code [smtp]}, {@code auth} under {@code [auth]}. */
    static SmtpFixture start(Path dir, String smtp, String auth) throws IOException {
        return start(dir, smtp, auth, "", Clock.systemUTC());
    }

    /** With {@code limits} under {@code [limits]} and the given clock. */
    static SmtpFixture start(Path dir, String smtp, String auth, String limits, Clock clock) throws IOException {
        Path cfg = dir.resolve("surel.toml");
        TestCerts.Written cert;
        try {
            cert = TestCerts.write(dir, "mx", "mx.example.test", TestCerts.KeyForm.PKCS8_EC); // EC: no slow RSA key generation
        } catch (Exception e) {
            throw new IOException(e);
        }
        Files.writeString(cfg, """
                hostname = "mx.example.test"
                data_dir = "data"
                [tls]
                cert = "%s"
                key = "%s"
                [listen]
                smtp = "127.0.0.1:0"
                submission = "127.0.0.1:0"
                submissions = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                %s
                [smtp]
                %s
                [limits]
                %s
                [queue]
                # mail to other domains never leaves loopback (no system DNS, no port 25 out): a closed port, deferred
                relay_host = "127.0.0.1:1"
                """.formatted(cert.cert(), cert.key(), auth, smtp, limits));
        SurelConfig config = ConfigLoader.load(cfg);
        SurelServer server = Main.startServer(config, clock);
        var d = server.services().directory();
        d.addDomain("example.test");
        d.addDomain("catch.test");
        long alice = d.addUser("alice@example.test", ALICE_PW.toCharArray()).id();
        long bob = d.addUser("bob@example.test", BOB_PW.toCharArray()).id();
        d.addAlias("sales@example.test", List.of("alice@example.test", "bob@example.test"));
        d.setCatchAll("catch.test", "bob@example.test");
        return new SmtpFixture(dir, config, server, alice, bob);
    }

    static SmtpFixture start(Path dir) throws IOException {
        return start(dir, "", "");
    }

    InetSocketAddress address(Endpoint e) {
        return server.boundAddresses().get(e);
    }

    SmtpClient connect(Endpoint e) throws IOException {
        return e.implicitTls() ? SmtpClient.tls(address(e)) : SmtpClient.plain(address(e));
    }

    int port(Endpoint e) {
        return address(e).getPort();
    }

    MailStore store() {
        return server.services().store();
    }

    /** The INBOX messages of an account, oldest first. */
    List<String> inbox(long account) throws IOException {
        long box = store().mailbox(account, "INBOX").id();
        List<String> out = new ArrayList<>();
        for (MessageMeta m : store().messages(account, box, UidRange.ALL)) {
            try (SizedStream s = store().open(account, box, m.uid())) {
                out.add(new String(s.in().readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Polls (up to 10 s) until the INBOX holds at least {@code n} messages; returns them. */
    List<String> awaitInbox(long account, int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            List<String> m = inbox(account);
            if (m.size() >= n) return m;
            if (System.nanoTime() > deadline) throw new AssertionError("INBOX of " + account + " has " + m.size() + " messages, expected " + n);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
