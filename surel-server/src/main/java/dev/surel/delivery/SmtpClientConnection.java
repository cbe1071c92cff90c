package dev.surel.delivery;

import dev.surel.protocol.smtp.client.EhloCapabilities;
import dev.surel.protocol.smtp.client.ReplyParser;
import dev.surel.protocol.smtp.client.SmtpReply;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One SMTP client connection: lines out, replies in, each read with the timeout of its phase
 * (RFC 5321 §4.5.3.2), and the STARTTLS upgrade (RFC 3207).
 *
 * <p>Invariants: every command written ends with CRLF and contains no other CR or LF (the
 * callers build them with {@link dev.surel.protocol.smtp.client.ClientCommands}); a reply
 * line longer than 4096 octets or malformed ends the connection (IOException). TLS is
 * opportunistic (RFC 7435) unless the caller passes a checking context: the peer's
 * certificate is then verified by DANE (RFC 7672) or PKIX for MTA-STS (RFC 8461).
 */
final class SmtpClientConnection implements Closeable {

    private static final int MAX_REPLY_LINE = 4096;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ReplyParser parser = new ReplyParser();
    private final ScheduledExecutorService timer;
    private volatile long lastWriteProgress;
    private volatile boolean writing;

    private SmtpClientConnection(Socket socket, ScheduledExecutorService timer) throws IOException {
        this.timer = timer;
        attach(socket);
    }

    static SmtpClientConnection connect(InetSocketAddress address, Duration timeout, ScheduledExecutorService timer) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(address, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            s.setTcpNoDelay(true);
            return new SmtpClientConnection(s, timer);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void attach(Socket s) throws IOException {
        this.socket = s;
        this.in = new BufferedInputStream(s.getInputStream(), 8192);
        this.out = new WatchedOutputStream(new BufferedOutputStream(s.getOutputStream(), 32 * 1024));
    }

    boolean isTls() {
        return socket instanceof SSLSocket;
    }

    String tlsDescription() {
        if (socket instanceof SSLSocket s) return s.getSession().getProtocol() + " " + s.getSession().getCipherSuite();
        return "none";
    }

    /** Writes one command line without flushing (for PIPELINING, RFC 2920 §3.1). */
    void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends one command and reads its reply. */
    SmtpReply command(String line, Duration timeout) throws IOException {
        write(line);
        flush();
        return read(timeout);
    }

    /** Reads one complete reply within {@code timeout} (the whole multi-line reply shares it per line). */
    SmtpReply read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        while (true) {
            String line = readLine();
            try {
                SmtpReply r = parser.line(line);
                if (r != null) return r;
            } catch (ReplyParser.MalformedReplyException e) {
                throw new IOException("malformed reply: " + e.getMessage());
            }
        }
    }

    private String readLine() throws IOException {
        byte[] buf = new byte[256];
        int n = 0;
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new SocketTimeoutException("timed out waiting for a reply");
            }
            if (b < 0) throw new IOException("connection closed by the peer");
            if (b == '\n') break;
            if (n == MAX_REPLY_LINE) throw new IOException("reply line longer than " + MAX_REPLY_LINE + " octets");
            if (n == buf.length) buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            buf[n++] = (byte) b;
        }
        if (n > 0 && buf[n - 1] == '\r') n--;
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** EHLO, and HELO when the peer does not know EHLO (RFC 5321 §3.2). Returns null capabilities' reply on failure. */
    Greeting hello(String name, Duration timeout) throws IOException {
        SmtpReply ehlo = command("EHLO " + name, timeout);
        if (ehlo.code() == 250) return new Greeting(ehlo, EhloCapabilities.parse(ehlo));
        if (ehlo.isPermanent()) {
            SmtpReply helo = command("HELO " + name, timeout);
            return new Greeting(helo, helo.code() == 250 ? EhloCapabilities.NONE : null);
        }
        return new Greeting(ehlo, null);
    }

    /** The EHLO/HELO outcome: {@code capabilities} is null when the peer refused us. */
    record Greeting(SmtpReply reply, EhloCapabilities capabilities) { }

    /**
     * RFC 3207 §4: after the peer's 220 to STARTTLS, the TLS handshake on the same socket.
     * The read buffer must be empty (a peer that sent more after 220 is refusing the protocol).
     */
    void startTls(String serverName, Duration timeout) throws IOException {
        startTls(serverName, TRUST_ANY, false, timeout);
    }

    /**
     * The STARTTLS handshake checking the peer's certificate with {@code context}'s trust
     * managers (DANE, PKIX); with {@code identify} the certificate must also name
     * {@code serverName} (RFC 6125, as MTA-STS requires, RFC 8461 §4.2).
     */
    void startTls(String serverName, SSLContext context, boolean identify, Duration timeout) throws IOException {
        if (in.available() > 0) throw new IOException("the peer sent data after its 220 to STARTTLS");
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket,
                serverName, socket.getPort(), true);
        tls.setUseClientMode(true);
        if (identify) PkixTrust.identify(tls, serverName);
        tls.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        tls.startHandshake();
        attach(tls);
    }

    /**
     * Streams the content while a watchdog closes the socket when one write makes no progress
     * for {@code blockTimeout} (RFC 5321 §4.5.3.2.5; Java socket writes have no timeout).
     */
    OutputStream beginData(Duration blockTimeout) {
        lastWriteProgress = System.nanoTime();
        writing = true;
        long limit = blockTimeout.toNanos();
        long period = Math.max(50, Math.min(1000, blockTimeout.toMillis() / 4));
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = timer.scheduleAtFixedRate(() -> {
            if (!writing) {
                task[0].cancel(false);
            } else if (System.nanoTime() - lastWriteProgress > limit) {
                closeQuietly();
                task[0].cancel(false);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return new BufferedOutputStream(out, 16 * 1024); // the encoder writes octets; the watched stream sees blocks

    }

    void endData() {
        writing = false;
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        writing = false;
        closeQuietly();
    }

    /** Marks progress around each write so the watchdog sees a stalled peer. */
    private final class WatchedOutputStream extends java.io.FilterOutputStream {
        WatchedOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lastWriteProgress = System.nanoTime();
            out.write(b, off, len);
            lastWriteProgress = System.nanoTime();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void flush() throws IOException {
            lastWriteProgress = System.nanoTime();
            out.flush();
            lastWriteProgress = System.nanoTime();
        }
    }

    private static final SSLContext TRUST_ANY = trustAny();

    private static SSLContext trustAny() {
        TrustManager accept = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) { }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) { }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {accept}, null);
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }
}
