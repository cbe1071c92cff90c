package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A raw IMAP test client: sends lines, reads responses as logical lines (a literal's octets are
 * inlined, decoded as ISO-8859-1 so every octet survives), waits for a tagged completion.
 */
final class ImapClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int tags;
    final String greeting;

    ImapClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        greeting = line();
    }

    /** Upgrades to TLS over the same socket, trusting any certificate (after the server's OK to STARTTLS). */
    void startTls() throws Exception {
        javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) dev.surel.tls.TestCerts.trustAll().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        ssl.startHandshake();
        socket = ssl;
        socket.setSoTimeout(10_000);
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
    }

    void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** One logical response line (literals inlined), or null at EOF. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
                var m = Pattern.compile("\\{(\\d+)}$").matcher(s);
                if (m.find()) {
                    int n = Integer.parseInt(m.group(1));
                    byte[] lit = in.readNBytes(n);
                    b.reset();
                    b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
                    b.write('\n');
                    b.writeBytes(lit);
                    continue;
                }
                return s;
            }
            b.write(c);
        }
    }

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
        socket.setSoTimeout(millis);
        try {
            int c = in.read();
            if (c < 0) return false;
            throw new AssertionError("unexpected data: " + (char) c + line());
        } catch (SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** True when the server closed the connection (EOF or reset) within the read timeout; false if it stays open. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
