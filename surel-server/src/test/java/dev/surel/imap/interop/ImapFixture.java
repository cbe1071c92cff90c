package dev.surel.imap.interop;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.Appended;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * An in-process Surel server with a plain IMAP listener on a free loopback port and one user,
 * {@value #USER} / {@value #PASSWORD} (clear-text login is allowed on loopback by default).
 */
final class ImapFixture implements AutoCloseable {

    static final String USER = "alice@example.test";
    static final String PASSWORD = "correct horse battery";

    final Path dir;
    final Path config;
    final SurelServer server;
    final long account;

    private ImapFixture(Path dir, Path config, SurelServer server, long account) {
        this.dir = dir;
        this.config = config;
        this.server = server;
        this.account = account;
    }

    static ImapFixture start(Path dir) throws IOException {
        return start(dir, "");
    }

    /** {@code extra} is appended to the TOML file (sections of its own). */
    static ImapFixture start(Path dir, String extra) throws IOException {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                imap = "127.0.0.1:0"
                imaps = "127.0.0.1:0"
                """ + extra);
        SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC());
        try {
            server.services().directory().addDomain("example.test");
            long account = server.services().directory().addUser(USER, PASSWORD.toCharArray()).id();
            return new ImapFixture(dir, cfg, server, account);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    int port() {
        return port("imap");
    }

    int port(String endpoint) {
        for (Map.Entry<Endpoint, InetSocketAddress> e : server.boundAddresses().entrySet()) {
            if (e.getKey().key().equals(endpoint)) {
                return e.getValue().getPort();
            }
        }
        throw new IllegalStateException("no " + endpoint + " listener");
    }

    MailStore store() {
        return server.services().store();
    }

    long mailbox(String name) {
        return store().mailbox(account, name).id();
    }

    /** Appends straight to the store (as local delivery does); the change bus tells the sessions. */
    Appended deliver(String mailbox, String message) {
        return store().append(account, mailbox(mailbox),
                NewMessage.of(new ByteArrayInputStream(message.replace("\r\n", "\n").replace("\n", "\r\n")
                        .getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public void close() {
        server.close();
    }
}
