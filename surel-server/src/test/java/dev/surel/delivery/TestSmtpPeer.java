package dev.surel.delivery;

import dev.surel.tls.SelfSignedCertificate;
import dev.surel.tls.TestCerts;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A scripted SMTP server for tests, on {@code address:port}: configurable greeting, EHLO
 * keywords, STARTTLS (working, broken or absent), per-RCPT replies, DATA replies. Records
 * every session (commands as received, the raw DATA octets, TLS, AUTH). Public for the
 * end-to-end tests of {@code dev.surel.e2e} (a real {@code surel serve} delivering to it).
 */
public final class TestSmtpPeer implements AutoCloseable {

    enum Tls { NONE, OFFER, BROKEN }

    /** What one connection saw. */
    static final class Session {
        final List<String> commands = new CopyOnWriteArrayList<>();
        final List<byte[]> data = new CopyOnWriteArrayList<>();
        volatile boolean tls;
        volatile String auth;
    }

    volatile String greeting = "220 peer.test ESMTP test";
    volatile List<String> extensions = List.of("PIPELINING", "SIZE 10000000", "8BITMIME", "SMTPUTF8", "DSN",
            "ENHANCEDSTATUSCODES", "AUTH PLAIN LOGIN");
    volatile String ehloReply; // non-null: EHLO answered with this (e.g. "502 5.5.1 no EHLO")
    volatile Tls tls = Tls.NONE;
    volatile String mailReply = "250 2.1.0 ok";
    public volatile Function<String, String> rcptReply = a -> "250 2.1.5 ok";
    volatile String dataReply = "354 go ahead";
    volatile String endReply = "250 2.0.0 queued as TEST";
    volatile String authSecret; // "user\0password" accepted by AUTH PLAIN/LOGIN; null accepts anything
    volatile boolean closeAfterData; // hang up instead of answering the final "."

    final List<Session> sessions = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private volatile SSLContext sslContext;
    private volatile boolean open = true;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    public TestSmtpPeer(String address, int port) throws Exception {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        sslContext = serverContext();
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** A message the peer accepted: its envelope ({@code <>} as "") and its octets, dot-unstuffed, without the final ".". */
    public record Received(String mailFrom, List<String> rcptTo, byte[] data) {
        /** The octets as UTF-8 text. */
        public String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The messages accepted so far, in the order their DATA ended (for tests in other packages). */
    public List<Received> received() {
        List<Received> out = new ArrayList<>();
        for (Session s : sessions) {
            String from = null;
            List<String> rcpts = new ArrayList<>();
            int next = 0;
            for (String c : s.commands) {
                String verb = c.split(" ", 2)[0].toUpperCase();
                switch (verb) {
                    case "MAIL" -> {
                        from = c.substring(c.indexOf('<') + 1, c.indexOf('>'));
                        rcpts = new ArrayList<>();
                    }
                    case "RCPT" -> rcpts.add(c.substring(c.indexOf('<') + 1, c.indexOf('>')));
                    case "RSET" -> {
                        from = null;
                        rcpts = new ArrayList<>();
                    }
                    case "DATA" -> {
                        if (next < s.data.size()) out.add(new Received(from, List.copyOf(rcpts), unstuff(s.data.get(next++))));
                        from = null;
                        rcpts = new ArrayList<>();
                    }
                    default -> { }
                }
            }
        }
        return out;
    }

    /** RFC 5321 §4.5.2: a leading "." of a line is removed; the terminating ".CRLF" is dropped. */
    private static byte[] unstuff(byte[] raw) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(raw.length);
        int end = raw.length - 3; // the ".\r\n" terminator
        boolean lineStart = true;
        for (int i = 0; i < end; i++) {
            byte c = raw[i];
            if (lineStart && c == '.') {
                lineStart = false;
                continue;
            }
            b.write(c);
            lineStart = c == '\n';
        }
        return b.toByteArray();
    }

    /** From now on STARTTLS presents {@code chain} (leaf first) with {@code key}. */
    void certificate(java.security.PrivateKey key, java.security.cert.X509Certificate... chain) {
        sslContext = TestCerts.serverContext(key, chain);
    }

    public int port() {
        return server.getLocalPort();
    }

    private static SSLContext serverContext() throws Exception {
        KeyPair kp = TestCerts.ec();
        var cert = SelfSignedCertificate.generate(kp, "peer.test", List.of("peer.test"), Instant.now().minusSeconds(60), Duration.ofDays(1));
        return TestCerts.serverContext(kp.getPrivate(), cert);
    }

    private void acceptLoop() {
        while (open) {
            try {
                Socket s = server.accept();
                connections.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                if (!open) return;
            }
        }
    }

    private void serve(Socket socket) {
        Session session = new Session();
        sessions.add(session);
        Socket s = socket;
        try {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            say(out, greeting);
            String line;
            while ((line = readLine(in)) != null) {
                session.commands.add(line);
                String verb = line.split(" ", 2)[0].toUpperCase();
                switch (verb) {
                    case "EHLO" -> {
                        if (ehloReply != null) {
                            say(out, ehloReply);
                        } else {
                            List<String> ext = new ArrayList<>(extensions);
                            if (tls != Tls.NONE && !session.tls) ext.add("STARTTLS");
                            StringBuilder b = new StringBuilder();
                            b.append(ext.isEmpty() ? "250 " : "250-").append("peer.test\r\n");
                            for (int i = 0; i < ext.size(); i++) b.append(i == ext.size() - 1 ? "250 " : "250-").append(ext.get(i)).append("\r\n");
                            out.write(b.toString().getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        }
                    }
                    case "HELO" -> say(out, "250 peer.test");
                    case "STARTTLS" -> {
                        say(out, "220 2.0.0 ready");
                        if (tls == Tls.BROKEN) {
                            out.write("this is not a TLS record\r\n".getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            s.close();
                            return;
                        }
                        SSLSocket t = (SSLSocket) sslContext.getSocketFactory().createSocket(s, null, s.getPort(), true);
                        t.setUseClientMode(false);
                        t.startHandshake();
                        s = t;
                        connections.add(t);
                        in = new BufferedInputStream(t.getInputStream());
                        out = t.getOutputStream();
                        session.tls = true;
                    }
                    case "AUTH" -> {
                        String[] p = line.split(" ");
                        String got;
                        if (p[1].equalsIgnoreCase("PLAIN")) {
                            String raw = new String(Base64.getDecoder().decode(p[2]), StandardCharsets.UTF_8);
                            got = raw.substring(raw.indexOf('\0') + 1);
                        } else {
                            say(out, "334 VXNlcm5hbWU6");
                            String u = new String(Base64.getDecoder().decode(readLine(in)), StandardCharsets.UTF_8);
                            say(out, "334 UGFzc3dvcmQ6");
                            String pw = new String(Base64.getDecoder().decode(readLine(in)), StandardCharsets.UTF_8);
                            got = u + "\0" + pw;
                        }
                        session.auth = got;
                        say(out, authSecret == null || authSecret.equals(got) ? "235 2.7.0 ok" : "535 5.7.8 bad credentials");
                    }
                    case "MAIL" -> say(out, mailReply);
                    case "RCPT" -> {
                        String addr = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                        say(out, rcptReply.apply(addr));
                    }
                    case "DATA" -> {
                        say(out, dataReply);
                        if (!dataReply.startsWith("354")) continue;
                        session.data.add(readData(in));
                        if (closeAfterData) {
                            s.close();
                            return;
                        }
                        say(out, endReply);
                    }
                    case "RSET", "NOOP" -> say(out, "250 2.0.0 ok");
                    case "QUIT" -> {
                        say(out, "221 2.0.0 bye");
                        s.close();
                        return;
                    }
                    default -> say(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                byte[] x = b.toByteArray();
                int n = x.length > 0 && x[x.length - 1] == '\r' ? x.length - 1 : x.length;
                return new String(x, 0, n, StandardCharsets.UTF_8);
            }
            b.write(c);
        }
        return null;
    }

    /** The raw octets up to and including the terminating CRLF.CRLF, as sent (still dot-stuffed). */
    private static byte[] readData(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        int w = 0; // the last five octets, packed
        while ((c = in.read()) != -1) {
            b.write(c);
            w = (w << 8 | c) & 0xffffffff;
            long n = b.size();
            if ((n == 3 && (w & 0xffffff) == 0x2e0d0a) || (n >= 5 && (w & 0xffffffff) == 0x0a2e0d0a && tailIsCrlfDot(b))) {
                return b.toByteArray();
            }
        }
        throw new IOException("eof in data");
    }

    private static boolean tailIsCrlfDot(ByteArrayOutputStream b) {
        byte[] x = b.toByteArray();
        return x[x.length - 5] == '\r';
    }

    @Override
    public void close() throws IOException {
        open = false;
        server.close();
        for (Socket s : connections) s.close(); // an open accepted socket would block the next bind of address:25
        try {
            acceptor.join(5000); // a socket closed while a thread blocks in accept() is released when that thread wakes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
