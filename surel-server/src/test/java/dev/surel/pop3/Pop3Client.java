package dev.surel.pop3;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import dev.surel.time.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw POP3 test client over the kit's {@link LineClient}: lines, multi-line responses, STLS;
 * and the server the POP3 tests talk to ({@link #server()}).
 */
final class Pop3Client implements AutoCloseable {
    static final String PASSWORD = "secret";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final LineClient wire;

    private Pop3Client(LineClient wire) throws IOException {
        this.wire = wire.timeout(TIMEOUT);
    }

    /**
     * The POP3 tests' server: pop.example.test with POP3 (plain) and POP3S (implicit TLS, the
     * self-signed certificate) on loopback, a {@link MutableClock} at 2026-11-23T06:00:00Z
     * ({@code mutableClock()}), users alice@ and bob@example.test (password {@value #PASSWORD}).
     * Tests look at the store directly (IMAP is written elsewhere).
     */
    static TestSetup server() {
        return TestServer.setup().hostname("pop.example.test").tls(TestSetup.Tls.SELF_SIGNED)
                .listen(Endpoint.POP3, Endpoint.POP3S)
                .clock(new MutableClock(Instant.parse("2026-11-23T06:00:00Z")))
                .user(ALICE, PASSWORD).user(BOB, PASSWORD);
    }

    /** Connected to the server's plain POP3 endpoint (greeting not read); closed with the server. */
    static Pop3Client connect(TestServer server) throws IOException {
        return connect(server, Endpoint.POP3);
    }

    /** Connected to POP3 or POP3S (implicit TLS); closed with the server. */
    static Pop3Client connect(TestServer server, Endpoint e) throws IOException {
        return server.closeAfter(new Pop3Client(server.connect(e)));
    }

    /** A plain client logged in with USER/PASS (loopback may send clear text). */
    static Pop3Client login(TestServer server, String user) throws IOException {
        Pop3Client c = connect(server);
        c.expectOk(c.line());
        c.expectOk(c.cmd("USER " + user));
        c.expectOk(c.cmd("PASS " + server.password(user)));
        return c;
    }

    void startTls() throws IOException {
        wire.startTls();
    }

    boolean isTls() {
        return wire.isTls();
    }

    /** One line without CRLF, or null at EOF. */
    String line() throws IOException {
        return wire.line();
    }

    void send(String s) throws IOException {
        wire.send(s);
    }

    String cmd(String line) throws IOException {
        return wire.cmd(line);
    }

    /** The lines of a multi-line body up to the terminator, as sent (still dot-stuffed). */
    List<String> body() throws IOException {
        List<String> lines = new ArrayList<>();
        String l;
        while (!(l = line()).equals(".")) lines.add(l);
        return lines;
    }

    /** Sends a command expecting +OK and a multi-line body; returns the body lines un-stuffed. */
    List<String> multi(String command) throws IOException {
        expectOk(cmd(command));
        return body().stream().map(l -> l.startsWith(".") ? l.substring(1) : l).toList();
    }

    /** A message body from RETR/TOP as the wire carried it: stuffed lines joined with CRLF. */
    String raw(String command) throws IOException {
        expectOk(cmd(command));
        StringBuilder sb = new StringBuilder();
        for (String l : body()) sb.append(l).append("\r\n");
        return sb.toString();
    }

    void expectOk(String line) {
        assertThat(line).startsWith("+OK");
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
