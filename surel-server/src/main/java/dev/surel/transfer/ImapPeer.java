package dev.surel.transfer;

import dev.surel.transfer.ImapWire.LiteralSink;
import dev.surel.transfer.ImapWire.Response;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small IMAP client for reading a mailbox to import: connects with TLS (implicit, RFC 8314
 * §3.3, or STARTTLS, RFC 9051 §6.2.1, refusing to go on in clear), checks the server's
 * certificate and name unless told not to, logs in (AUTHENTICATE PLAIN, RFC 4616, with SASL-IR,
 * RFC 4959, when offered; else LOGIN), and runs one command at a time, handing untagged responses
 * to the caller as they arrive.
 */
final class ImapPeer implements Closeable {

    /** A tagged NO or BAD. */
    static final class CommandFailed extends IOException {
        CommandFailed(String command, String status, String text) {
            super(command + ": " + status + " " + text);
        }
    }

    private Socket socket;
    private final ImapWire wire;
    private final String host;
    private Set<String> capabilities = Set.of();
    private int tags;

    private ImapPeer(Socket socket, ImapWire wire, String host) {
        this.socket = socket;
        this.wire = wire;
        this.host = host;
    }

    /**
     * Connects and reads the greeting; with {@code implicitTls} false, upgrades with STARTTLS
     * before anything else (a server without it is refused).
     *
     * @param verifyName check that the certificate names {@code host} (RFC 6125)
     */
    static ImapPeer connect(ImapUrl url, SSLContext tls, boolean verifyName, int timeoutMillis) throws IOException {
        Socket plain = new Socket();
        InetSocketAddress address = new InetSocketAddress(url.host(), url.port());
        if (address.isUnresolved()) {
            plain.close();
            throw TransferException.noHost("unknown host " + url.host() + " (no address for that name)", null);
        }
        try {
            plain.connect(address, timeoutMillis);
        } catch (java.net.ConnectException | java.net.NoRouteToHostException | java.net.SocketTimeoutException e) {
            plain.close();
            throw TransferException.unavailable("cannot connect to " + url.host() + ":" + url.port() + ": " + e.getMessage(), e);
        }
        plain.setSoTimeout(timeoutMillis);
        Socket s = url.implicitTls() ? handshake(plain, url.host(), tls, verifyName) : plain;
        ImapPeer p = new ImapPeer(s, new ImapWire(s.getInputStream(), new BufferedOutputStream(s.getOutputStream(), 16 * 1024)), url.host());
        try {
            Response greeting = p.wire.read(ImapWire.IN_MEMORY);
            if (!"*".equals(greeting.tag()) || !("OK".equals(greeting.status()) || "PREAUTH".equals(greeting.status()))) {
                throw new IOException("the IMAP server refused the connection: " + greeting.status() + " " + greeting.text());
            }
            p.capability();
            if (!url.implicitTls()) {
                if (!p.capabilities.contains("STARTTLS")) {
                    throw new IOException(url.host() + " does not offer STARTTLS: use imaps:// if it speaks TLS on another port "
                            + "(the password is never sent in clear)");
                }
                p.run("STARTTLS", r -> { });
                SSLSocket t = handshake(plain, url.host(), tls, verifyName);
                p.wire.replaceStreams(t.getInputStream(), new BufferedOutputStream(t.getOutputStream(), 16 * 1024));
                p.socket = t;
                p.capability(); // RFC 9051 §6.2.1: forget what was said before TLS
            }
            return p;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private static SSLSocket handshake(Socket plain, String host, SSLContext tls, boolean verifyName) throws IOException {
        SSLSocket t = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        SSLParameters params = t.getSSLParameters();
        if (verifyName) params.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 6125 name check, as HTTPS does
        t.setSSLParameters(params);
        t.setUseClientMode(true);
        try {
            t.startHandshake();
        } catch (SSLException e) {
            throw new IOException("TLS with " + host + " failed: " + e.getMessage()
                    + " (a self-signed or private CA certificate: give --ca FILE with its CA, or --insecure for a test peer)", e);
        }
        return t;
    }

    Set<String> capabilities() {
        return capabilities;
    }

    boolean has(String capability) {
        return capabilities.contains(capability.toUpperCase(Locale.ROOT));
    }

    private void capability() throws IOException {
        Set<String> caps = new TreeSet<>();
        run("CAPABILITY", r -> {
            if (r.isData("CAPABILITY")) {
                for (ImapWire.Value v : r.data().subList(1, r.data().size())) caps.add(v.text().toUpperCase(Locale.ROOT));
            }
        });
        capabilities = Set.copyOf(caps);
    }

    /** Logs in: AUTHENTICATE PLAIN when offered (with SASL-IR when possible), else LOGIN. */
    void login(String user, char[] password) throws IOException {
        byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
        try {
            if (has("AUTH=PLAIN")) {
                byte[] u = user.getBytes(StandardCharsets.UTF_8);
                byte[] msg = new byte[u.length + pw.length + 2];
                System.arraycopy(u, 0, msg, 1, u.length); // RFC 4616: authzid (empty) NUL authcid NUL passwd
                System.arraycopy(pw, 0, msg, u.length + 2, pw.length);
                String b64 = Base64.getEncoder().encodeToString(msg);
                java.util.Arrays.fill(msg, (byte) 0);
                String tag = nextTag();
                if (has("SASL-IR")) {
                    wire.writeAscii(tag + " AUTHENTICATE PLAIN " + b64 + "\r\n");
                    wire.flush();
                } else {
                    wire.writeAscii(tag + " AUTHENTICATE PLAIN\r\n");
                    wire.flush();
                    awaitContinuation(tag);
                    wire.writeAscii(b64 + "\r\n");
                    wire.flush();
                }
                finish(tag, "AUTHENTICATE", r -> { }, ImapWire.IN_MEMORY, true);
            } else if (has("LOGINDISABLED")) {
                throw new IOException(host + " offers neither AUTH=PLAIN nor LOGIN");
            } else {
                run(List.of("LOGIN ", string(user), " ", string(new String(pw, StandardCharsets.UTF_8))), r -> { }, ImapWire.IN_MEMORY, true);
            }
        } finally {
            java.util.Arrays.fill(pw, (byte) 0);
        }
        capability(); // capabilities after login may differ (RFC 9051 §6.2.2)
    }

    /** A command argument: a quoted string when it can be one, else a literal (RFC 9051 §4.3). */
    static Object string(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        boolean quotable = b.length < 1000;
        for (byte c : b) if (c == '\r' || c == '\n' || c == 0 || c < 0) quotable = false;
        if (quotable) return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        return b;
    }

    private String nextTag() {
        return "s" + (++tags);
    }

    /** Runs a command of plain text; untagged responses go to {@code untagged}. */
    void run(String command, Consumer<Response> untagged) throws IOException {
        run(List.of(command), untagged, ImapWire.IN_MEMORY, false);
    }

    void run(String command, Consumer<Response> untagged, LiteralSink sink) throws IOException {
        run(List.of(command), untagged, sink, false);
    }

    /** Runs a command made of text parts and literals (byte[]), sending a literal after the server's continuation. */
    void run(List<Object> parts, Consumer<Response> untagged, LiteralSink sink, boolean secret) throws IOException {
        String tag = nextTag();
        wire.writeAscii(tag + " ");
        String name = parts.getFirst() instanceof String s ? s.split(" ")[0] : "?";
        for (Object p : parts) {
            if (p instanceof String s) {
                wire.writeAscii(s);
            } else {
                byte[] b = (byte[]) p;
                boolean plus = has("LITERAL+");
                wire.writeAscii("{" + b.length + (plus ? "+" : "") + "}\r\n");
                wire.flush();
                if (!plus) awaitContinuation(tag);
                wire.write(b);
            }
        }
        wire.writeAscii("\r\n");
        wire.flush();
        finish(tag, name, untagged, sink, secret);
    }

    private void awaitContinuation(String tag) throws IOException {
        while (true) {
            Response r = wire.read(ImapWire.IN_MEMORY);
            if (r.tag().equals("+")) return;
            if (r.tag().equals(tag)) throw new CommandFailed("command", r.status(), r.text());
            if ("BYE".equals(r.status())) throw new IOException("the IMAP server said BYE: " + r.text());
        }
    }

    private void finish(String tag, String name, Consumer<Response> untagged, LiteralSink sink, boolean secret) throws IOException {
        while (true) {
            Response r = wire.read(sink);
            if (r.tag().equals(tag)) {
                if (!"OK".equals(r.status())) {
                    throw new CommandFailed(secret ? name + " (login " + "refused)" : name, r.status(), r.text());
                }
                return;
            }
            if ("BYE".equals(r.status())) throw new IOException("the IMAP server said BYE: " + r.text());
            if (r.tag().equals("*")) untagged.accept(r);
        }
    }

    /** LOGOUT, then close; errors are ignored (the work is done). */
    void logout() {
        try {
            run("LOGOUT", r -> { });
        } catch (IOException e) {
            // closing anyway
        }
        close();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closed
        }
    }

    /** The values of a list response as a flat list of its elements (for LIST, NAMESPACE). */
    static List<ImapWire.Value> items(ImapWire.Value v) {
        return v instanceof ImapWire.ListValue l ? l.items() : new ArrayList<>();
    }
}
