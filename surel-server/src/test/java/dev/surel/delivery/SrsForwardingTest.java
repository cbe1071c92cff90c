package dev.surel.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forwarding through an alias to another domain, on a started server: the forwarded copy leaves
 * from an SRS address of the alias's domain (so SPF is checked against this server at the
 * destination), a bounce to that address is passed on to the original sender, and a forged or
 * damaged SRS address is refused (no relay through SRS).
 */
class SrsForwardingTest {

    private static final Pattern SRS = Pattern.compile("MAIL FROM:<(SRS0=[a-z2-7]{8}=[a-z2-7]{2}=sender\\.test=carol@fwd\\.test)>");

    @TempDir Path dir;
    private TestSmtpPeer peer;
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        peer = new TestSmtpPeer("127.0.0.1", 0);
        server = TestServer.setup().hostname("mx.fwd.test").listen(Endpoint.SMTP)
                .alias("list@fwd.test", List.of("bob@remote.test"))
                .user("alice@fwd.test", "pw")
                .toml("queue", "routes = [{domain = \"remote.test\", host = \"127.0.0.1:%d\"}, {domain = \"sender.test\", host = \"127.0.0.1:%d\"}]"
                        .formatted(peer.port(), peer.port()))
                .start(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        peer.close();
    }

    private void send(String from, String to, String body) throws Exception {
        try (LineClient c = server.connect(Endpoint.SMTP)) {
            assertThat(c.reply()).startsWith("220");
            assertThat(c.smtp("EHLO client.sender.test")).startsWith("250");
            assertThat(c.smtp("MAIL FROM:<" + from + ">")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<" + to + ">")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            assertThat(c.smtp("From: " + (from.isEmpty() ? "MAILER-DAEMON@remote.test" : from) + "\r\nSubject: t\r\n\r\n" + body + "\r\n."))
                    .startsWith("250");
            c.smtp("QUIT");
        }
    }

    /** The MAIL FROM line of the peer's session that carried RCPT TO {@code to}, waiting up to 30 s. */
    private String mailFromFor(String to) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<String> mail = peer.sessions.stream().filter(s -> s.commands.stream().anyMatch(c -> c.startsWith("RCPT TO:<" + to + ">")))
                    .flatMap(s -> s.commands.stream()).filter(c -> c.startsWith("MAIL FROM:")).findFirst();
            if (mail.isPresent()) return mail.get();
            Thread.sleep(50);
        }
        throw new AssertionError("nothing delivered to " + to + ": " + peer.sessions.stream().map(s -> s.commands).toList());
    }

    @Test
    void forwardedMailLeavesFromAnSrsAddressAndItsBounceReachesTheSender() throws Exception {
        send("carol@sender.test", "list@fwd.test", "hello");
        String mail = mailFromFor("bob@remote.test");
        Matcher m = SRS.matcher(mail);
        assertThat(m.find()).as(mail).isTrue();
        String srs = m.group(1);

        send("", srs, "bounce"); // the destination's bounce, to the rewritten sender
        assertThat(mailFromFor("carol@sender.test")).startsWith("MAIL FROM:<>");
        // a peer that lower-cases addresses does not break the way back
        send("", srs.toLowerCase(java.util.Locale.ROOT), "bounce again");
    }

    @Test
    void ownUsersMailAndDirectRecipientsKeepTheirSender() throws Exception {
        send("alice@fwd.test", "list@fwd.test", "from a local user");
        assertThat(mailFromFor("bob@remote.test")).startsWith("MAIL FROM:<alice@fwd.test>");
    }

    @Test
    void aForgedOrDamagedSrsAddressIsRefusedSoItRelaysNothing() throws Exception {
        send("carol@sender.test", "list@fwd.test", "hello");
        Matcher m = SRS.matcher(mailFromFor("bob@remote.test"));
        assertThat(m.find()).isTrue();
        String damaged = m.group(1).replace("=carol@", "=mallory@");
        try (LineClient c = server.connect(Endpoint.SMTP)) {
            c.reply();
            c.smtp("EHLO client.sender.test");
            assertThat(c.smtp("MAIL FROM:<>")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<" + damaged + ">")).startsWith("550 5.1.1").contains("hash mismatch");
            assertThat(c.smtp("RCPT TO:<SRS0=aaaaaaaa=aa=victim.test=x@fwd.test>")).startsWith("550 5.1.1");
            // not ours: an SRS-looking address of another domain is just a non-local recipient, refused as relay
            assertThat(c.smtp("RCPT TO:<SRS0=aaaaaaaa=aa=victim.test=x@elsewhere.test>")).startsWith("554 5.7.1");
        }
    }
}
