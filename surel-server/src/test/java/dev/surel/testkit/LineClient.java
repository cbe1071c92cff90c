package dev.surel.testkit;

import dev.surel.tls.TestCerts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A raw line client for SMTP, IMAP and POP3 tests over a real socket: plain, upgraded with
 * STARTTLS/STLS, or implicit TLS, trusting any certificate (test servers use test or
 * self-signed ones). Sends octets exactly as given; reads lines (CRLF or LF removed, UTF-8), a
 * multi-line SMTP reply, or lines up to an IMAP tagged completion. Every read has a timeout
 * ({@link #TIMEOUT} unless set), so a server that never answers fails the test instead of
 * hanging it.
 */
public final class LineClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int timeoutMillis = (int) TIMEOUT.toMillis();
    private int tags;
    private String greeting;

    private LineClient(Socket s) throws IOException {
        use(s);
    }

    /** Plain TCP to {@code address}. */
    public static LineClient plain(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 10_000);
        return new LineClient(s);
    }

    /** Plain TCP from a chosen local address (127.0.0.2, ...: one test can be several clients' IPs). */
    public static LineClient plainFrom(String source, InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
        s.connect(address, 10_000);
        return new LineClient(s);
    }

    /**
     * Plain TCP from {@code source} to the loopback {@code port} with the server's first line
     * (its greeting) read: {@link #greeting()}.
     */
    public static LineClient greeted(String source, int port) throws IOException {
        LineClient c = plainFrom(source, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        c.greeting = c.line();
        return c;
    }

    /** Plain TCP to 127.0.0.1:{@code port}. */
    public static LineClient plain(int port) throws IOException {
        return plain(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Implicit TLS (RFC 8314): the handshake happens at connect. */
    public static LineClient tls(InetSocketAddress address) throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory().createSocket(address.getAddress(), address.getPort());
        noHostCheck(s);
        s.setSoTimeout((int) TIMEOUT.toMillis());
        s.startHandshake();
        return new LineClient(s);
    }

    /** Upgrades this connection to TLS (after the server's go-ahead to STARTTLS / STLS). */
    public void startTls() throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory()
                .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
        noHostCheck(s);
        s.startHandshake();
        use(s);
    }

    /** The first line, read when {@link #greeted} connected; null otherwise. */
    public String greeting() {
        return greeting;
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    /** The longest wait for the server on each read from now on. */
    public LineClient timeout(Duration timeout) throws IOException {
        timeoutMillis = (int) timeout.toMillis();
        socket.setSoTimeout(timeoutMillis);
        return this;
    }

    public Socket socket() {
        return socket;
    }

    /** The stream the server's octets arrive on (for literals and bodies read by size). */
    public InputStream in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    // ------------------------------------------------------------------ sending

    /** Sends the text as UTF-8, exactly (no CRLF added). */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    public void send(byte[] octets) throws IOException {
        out.write(octets);
        out.flush();
    }

    /** Sends a line and CRLF. */
    public void sendLine(String line) throws IOException {
        send(line + "\r\n");
    }

    // ------------------------------------------------------------------ reading

    /** One line's octets without CRLF (or LF); null at the end of the stream. */
    public byte[] lineBytes() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                byte[] x = b.toByteArray();
                int n = x.length > 0 && x[x.length - 1] == '\r' ? x.length - 1 : x.length;
                return java.util.Arrays.copyOf(x, n);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toByteArray();
    }

    /** One line (UTF-8) without CRLF; null at the end of the stream. */
    public String line() throws IOException {
        byte[] b = lineBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Lines up to the first that {@code last} accepts; every line read, that one last. Fails at EOF. */
    public List<String> until(Predicate<String> last) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            if (l == null) throw new IOException("connection closed; read so far: " + lines);
            lines.add(l);
            if (last.test(l)) return lines;
        }
    }

    /** The first line starting with {@code prefix} (the lines before it are read and dropped). */
    public String lineStartingWith(String prefix) throws IOException {
        return until(l -> l.startsWith(prefix)).getLast();
    }

    /** Sends a line and returns the next line (POP3's one-line replies). */
    public String cmd(String line) throws IOException {
        sendLine(line);
        return line();
    }

    // ------------------------------------------------------------------ SMTP

    /** One SMTP reply (RFC 5321 §4.2): its lines joined with "\n"; null at EOF before any line. */
    public String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String l = line();
            if (l == null) return lines.isEmpty() ? null : String.join("\n", lines);
            lines.add(l);
            if (l.length() < 4 || l.charAt(3) != '-') return String.join("\n", lines);
        }
    }

    /** Sends an SMTP command line and returns its reply. */
    public String smtp(String command) throws IOException {
        sendLine(command);
        return reply();
    }

    // ------------------------------------------------------------------ IMAP

    /** The next tag of {@link #imap}: t1, t2, ... */
    public String nextTag() {
        return "t" + (++tags);
    }

    /** Sends {@code tag command} with the next tag; every line up to the tagged one, that one last. */
    public List<String> imap(String command) throws IOException {
        return imap(nextTag(), command);
    }

    public List<String> imap(String tag, String command) throws IOException {
        sendLine(tag + " " + command);
        return untilTagged(tag);
    }

    /** Lines up to the one tagged {@code tag}. */
    public List<String> untilTagged(String tag) throws IOException {
        return until(l -> l.startsWith(tag + " "));
    }

    // ------------------------------------------------------------------ closing

    /** True when the server closes the connection (EOF or reset) within {@code within}, reading what comes before. */
    public boolean closedWithin(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset: closed
        } finally {
            if (!socket.isClosed()) socket.setSoTimeout(timeoutMillis);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void use(Socket s) throws IOException {
        socket = s;
        s.setSoTimeout(timeoutMillis);
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    private static void noHostCheck(SSLSocket s) {
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm(null);
        s.setSSLParameters(p);
    }
}
