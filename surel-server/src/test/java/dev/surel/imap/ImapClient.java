package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A raw IMAP test client over the kit's {@link LineClient}: sends lines, reads responses as
 * logical lines (a literal's octets are inlined, decoded as ISO-8859-1 so every octet survives),
 * waits for a tagged completion.
 */
final class ImapClient implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final LineClient wire;
    private int tags;
    final String greeting;

    private ImapClient(LineClient wire) throws IOException {
        this.wire = wire.timeout(TIMEOUT);
        greeting = line();
    }

    /** Connected to the server's IMAP endpoint, greeting read; closed with the server. */
    static ImapClient connect(TestServer server) throws IOException {
        return server.closeAfter(new ImapClient(LineClient.plain(server.address(Endpoint.IMAP))));
    }

    /** Logged in as {@code user} ("alice" is alice@example.test) with the password the setup gave it. */
    static ImapClient login(TestServer server, String user) throws IOException {
        String address = user.contains("@") ? user : user + "@example.test";
        ImapClient c = connect(server);
        c.expectOk(c.command("LOGIN " + address + " " + server.password(address)));
        return c;
    }

    /** Upgrades to TLS over the same socket, trusting any certificate (after the server's OK to STARTTLS). */
    void startTls() throws Exception {
        wire.startTls();
    }

    void send(String raw) throws IOException {
        wire.send(raw);
    }

    void sendBytes(byte[] raw) throws IOException {
        wire.send(raw);
    }

    /** One logical response line (literals inlined), or null at EOF. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            byte[] l = wire.lineBytes();
            if (l == null) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            b.writeBytes(l);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            var m = LITERAL.matcher(s);
            if (!m.find()) return s;
            b.write('\n');
            b.writeBytes(wire.in().readNBytes(Integer.parseInt(m.group(1))));
        }
    }

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");

    /** Reads lines until one matches {@code regex}; returns every line read, the match last. */
    List<String> until(String regex) throws IOException {
        Pattern p = Pattern.compile(regex, Pattern.DOTALL);
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            if (l == null) throw new IOException("connection closed; read so far: " + lines);
            lines.add(l);
            if (p.matcher(l).matches()) return lines;
        }
    }

    /** Sends {@code tag command} and returns the responses up to and including the tagged one. */
    List<String> command(String command) throws IOException {
        String tag = "t" + (++tags);
        send(tag + " " + command + "\r\n");
        return until(Pattern.quote(tag) + " .*");
    }

    String nextTag() {
        return "t" + (++tags);
    }

    static String tagged(List<String> lines) {
        return lines.getLast().substring(lines.getLast().indexOf(' ') + 1);
    }

    void expectOk(List<String> lines) {
        assertThat(tagged(lines)).as(lines.toString()).startsWith("OK");
    }

    /** True when nothing arrives within {@code millis} (used only to check that nothing is sent). */
    boolean quietFor(int millis) throws IOException {
        wire.timeout(Duration.ofMillis(millis));
        try {
            int c = wire.in().read();
            if (c < 0) return false;
            throw new AssertionError("unexpected data: " + (char) c + line());
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            if (!wire.socket().isClosed()) wire.timeout(TIMEOUT);
        }
    }

    /** True when the server closed the connection (EOF or reset) within the read timeout; false if it stays open. */
    boolean closedByServer() throws IOException {
        try {
            return wire.in().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        wire.close();
    }
}
