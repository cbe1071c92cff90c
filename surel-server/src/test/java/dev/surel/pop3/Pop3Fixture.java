package dev.surel.pop3;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.Flag;
import dev.surel.store.MailStore;
import dev.surel.store.MessageMeta;
import dev.surel.store.NewMessage;
import dev.surel.store.UidRange;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A started in-process server with POP3 on loopback (plain + implicit TLS), a MutableClock,
 * cheap password hashing, and users alice@ and bob@example.test (password "secret"). Tests
 * look at the store directly (IMAP is written elsewhere).
 */
final class Pop3Fixture implements AutoCloseable {
    static final String PASSWORD = "secret";

    final Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T06:00:00Z"));
    SurelServer server;
    long alice;
    long bob;
    private final String extraToml;
    private final String authToml;
    private final String throttleToml;

    Pop3Fixture(Path dir, String extraToml) throws Exception {
        this(dir, extraToml, "", "");
    }

    /** {@code authToml} and {@code throttleToml}: more keys for [auth] and [auth.throttle]. */
    Pop3Fixture(Path dir, String extraToml, String authToml, String throttleToml) throws Exception {
        this.dir = java.nio.file.Files.createDirectories(dir);
        this.extraToml = extraToml;
        this.authToml = authToml;
        this.throttleToml = throttleToml;
        start();
        server.services().directory().addDomain("example.test");
        alice = server.services().directory().addUser("alice@example.test", PASSWORD.toCharArray()).id();
        bob = server.services().directory().addUser("bob@example.test", PASSWORD.toCharArray()).id();
    }

    /** Starts (again) on the same data directory. */
    void start() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "pop.example.test"
                data_dir = "data"
                [listen]
                pop3 = "127.0.0.1:0"
                pop3s = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                scram_iterations = 4096
                """ + authToml + """
                [auth.throttle]
                base_delay = "1ms"
                max_delay = "2ms"
                """ + throttleToml + extraToml);
        server = Main.startServer(ConfigLoader.load(cfg), clock);
    }

    void restart() throws Exception {
        server.close();
        start();
    }

    InetSocketAddress pop3() {
        return server.boundAddresses().get(Endpoint.POP3);
    }

    InetSocketAddress pop3s() {
        return server.boundAddresses().get(Endpoint.POP3S);
    }

    MailStore store() {
        return server.services().store();
    }

    long inbox(long account) {
        return store().mailbox(account, "INBOX").id();
    }

    /** Appends a message (LF line ends are stored as CRLF) to the account's INBOX; returns its UID. */
    long deliver(long account, String message) {
        return store().append(account, inbox(account),
                NewMessage.of(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)))).uid();
    }

    List<MessageMeta> inboxMessages(long account) {
        return store().messages(account, inbox(account), UidRange.ALL);
    }

    List<Long> inboxUids(long account) {
        return inboxMessages(account).stream().map(MessageMeta::uid).toList();
    }

    boolean seen(long account, long uid) {
        return inboxMessages(account).stream().filter(m -> m.uid() == uid).findFirst().orElseThrow().flags().has(Flag.SEEN);
    }

    Pop3Client client() throws Exception {
        return Pop3Client.plain(pop3());
    }

    /** A plain client logged in with USER/PASS (loopback may send clear text). */
    Pop3Client login(String user) throws Exception {
        Pop3Client c = client();
        c.expectOk(c.line());
        c.expectOk(c.cmd("USER " + user));
        c.expectOk(c.cmd("PASS " + PASSWORD));
        return c;
    }

    @Override
    public void close() {
        if (server != null) server.close();
    }
}
