package dev.surel.imap;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import dev.surel.tls.TestCerts;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * An in-process Surel with an IMAP listener on a free loopback port and two users
 * (alice@example.test and bob@example.test, password "secret"); cheap password hashing.
 */
final class ImapTestServer implements AutoCloseable {
    static final String PASSWORD = "secret";

    final SurelServer server;
    final int port;
    final long alice;
    final long bob;

    private ImapTestServer(SurelServer server) {
        this.server = server;
        this.port = server.boundAddresses().get(Endpoint.IMAP).getPort();
        var directory = server.services().directory();
        if (directory.findDomain("example.test").isEmpty()) {
            directory.addDomain("example.test");
            directory.addUser("alice@example.test", PASSWORD.toCharArray());
            directory.addUser("bob@example.test", PASSWORD.toCharArray());
        }
        this.alice = directory.findUser("alice@example.test").orElseThrow().id();
        this.bob = directory.findUser("bob@example.test").orElseThrow().id();
    }

    /** Starts a server again on the data and configuration {@link #start} left in {@code dir} (a new port). */
    static ImapTestServer restart(Path dir) throws IOException {
        return new ImapTestServer(Main.startServer(ConfigLoader.load(dir.resolve("surel.toml")), Clock.systemUTC()));
    }

    static ImapTestServer start(Path dir) throws IOException {
        return start(dir, "");
    }

    /** {@code imapToml}: extra lines of the [imap] table. */
    static ImapTestServer start(Path dir, String imapToml) throws IOException {
        return start(dir, imapToml, Clock.systemUTC());
    }

    static ImapTestServer start(Path dir, String imapToml, Clock clock) throws IOException {
        return start(dir, imapToml, clock, "");
    }

    /** {@code authToml}: extra lines of the [auth] table. */
    static ImapTestServer start(Path dir, String imapToml, Clock clock, String authToml) throws IOException {
        Path cfg = dir.resolve("surel.toml");
        TestCerts.Written cert;
        try {
            cert = TestCerts.write(dir, "imap", "mail.example.test", TestCerts.KeyForm.PKCS8_EC);
        } catch (Exception e) {
            throw new IOException(e);
        }
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [tls]
                cert = "imap.crt"
                key = "imap.key"
                [listen]
                imap = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                """ + authToml + """

                [auth.throttle]
                base_delay = "1ms"
                max_delay = "2ms"
                [imap]
                """ + imapToml + "\n");
        return new ImapTestServer(Main.startServer(ConfigLoader.load(cfg), clock));
    }

    MailStore store() {
        return server.services().store();
    }

    ImapClient connect() throws IOException {
        return new ImapClient("127.0.0.1", port);
    }

    /** A client logged in as alice (or another user of example.test). */
    ImapClient login(String user) throws IOException {
        ImapClient c = connect();
        c.expectOk(c.command("LOGIN " + user + "@example.test " + PASSWORD));
        return c;
    }

    /** Delivers a message into a user's mailbox through the store, as SMTP or `surel deliver` would. */
    long deliver(long account, String mailbox, String message) {
        return deliver(account, mailbox, message, null);
    }

    long deliver(long account, String mailbox, String message, OffsetDateTime date) {
        long id = store().mailbox(account, mailbox).id();
        return store().append(account, id, new NewMessage(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)),
                null, date)).uid();
    }

    /**
     * As if an earlier IMAP4rev1 session had selected the mailbox: its messages so far are no
     * longer \Recent (RFC 3501 §2.3.2), for tests about something else.
     */
    void recentTaken(long account, String mailbox) {
        var info = store().mailbox(account, mailbox);
        store().claimRecent(account, info.id(), info.uidNext());
    }

    static String message(String subject, String body) {
        return "From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: " + subject
                + "\r\nDate: Mon, 23 Nov 2026 10:00:00 +0000\r\nMessage-ID: <" + subject.hashCode() + "@example.org>\r\n\r\n" + body + "\r\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
