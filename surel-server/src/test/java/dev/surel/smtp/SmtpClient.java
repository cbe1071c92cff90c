package dev.surel.smtp;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;

import dev.surel.net.Endpoint;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * A raw SMTP test client over the kit's {@link LineClient}: bytes out exactly as given, replies
 * read line by line (multi-line joined with "\n"); and the server the SMTP tests talk to
 * ({@link #server()}).
 */
final class SmtpClient implements AutoCloseable {
    static final String ALICE_PW = "alice secret";
    static final String BOB_PW = "bob secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final LineClient wire;

    private SmtpClient(LineClient wire) throws IOException {
        this.wire = wire.timeout(TIMEOUT);
    }

    /**
     * The SMTP tests' server: mx.example.test with SMTP (25), submission (587) and submissions
     * (465) on loopback port 0, and a directory: domain example.test with alice and bob
     * ({@link #ALICE_PW}, {@link #BOB_PW}), the alias sales@ (alice and bob), domain catch.test
     * whose catch-all is bob. Remote mail goes to a relay host on a closed loopback port:
     * deferred, never a real DNS lookup or connection. Delivery assertions poll the store (the
     * queue may deliver after the 250): {@code awaitInbox}.
     */
    static TestSetup server() {
        return TestServer.setup().hostname("mx.example.test")
                .listen(Endpoint.SMTP, Endpoint.SUBMISSION, Endpoint.SUBMISSIONS)
                .user(ALICE, ALICE_PW).user(BOB, BOB_PW)
                .alias("sales@example.test", List.of(ALICE, BOB)).catchAll("catch.test", BOB)
                // mail to other domains never leaves loopback (no system DNS, no port 25 out): a closed port, deferred
                .toml("queue", "relay_host = \"127.0.0.1:1\"");
    }

    /** Connected to one of the server's endpoints (implicit TLS on submissions); closed with the server. */
    static SmtpClient connect(TestServer server, Endpoint e) throws IOException {
        return server.closeAfter(new SmtpClient(server.connect(e)));
    }

    /** Plain TCP to {@code e} from a chosen loopback address (127.0.0.2, ...), closed with the server. */
    static SmtpClient connectFrom(TestServer server, String source, Endpoint e) throws IOException {
        return server.closeAfter(new SmtpClient(server.closeAfter(LineClient.plainFrom(source, server.address(e)))));
    }

    static SmtpClient plain(InetSocketAddress a) throws IOException {
        return new SmtpClient(LineClient.plain(a));
    }

    /** STARTTLS on this connection (after the 220 go-ahead). */
    void startTls() throws IOException {
        wire.startTls();
    }

    /** The longest wait for each reply from now on. */
    void timeout(Duration timeout) throws IOException {
        wire.timeout(timeout);
    }

    /** One line without CRLF, or null at EOF. */
    String line() throws IOException {
        return wire.line();
    }

    /** One whole reply: its lines joined with "\n" (null at EOF). */
    String reply() throws IOException {
        return wire.reply();
    }

    void send(String s) throws IOException {
        wire.send(s);
    }

    void send(byte[] b) throws IOException {
        wire.send(b);
    }

    /** Sends a command line and returns its reply. */
    String cmd(String line) throws IOException {
        return wire.smtp(line);
    }

    /** Greeting and EHLO; returns the EHLO reply. */
    String hello() throws IOException {
        String g = reply();
        if (g == null || !g.startsWith("220 ")) throw new IOException("greeting: " + g);
        return cmd("EHLO client.example.org");
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
