package dev.surel.delivery;

import dev.surel.dns.DnsResolver;
import dev.surel.dns.Lookup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/**
 * The one HTTPS request of MTA-STS (RFC 8461 §3.3): GET of a fixed path, the host resolved through
 * the server's resolver, its certificate checked (PKIX and name), no redirects, status 200 only,
 * {@code text/plain} only, at most {@code maxBody} octets, the whole exchange within {@code timeout}.
 * HTTP/1.0, so the body ends with the connection (no chunked coding to undo).
 */
final class HttpsFetch {

    private static final int MAX_HEAD = 16 * 1024;

    private final DnsResolver dns;
    private final PkixTrust trust;
    private final int port;

    HttpsFetch(DnsResolver dns, PkixTrust trust, int port) {
        this.dns = dns;
        this.trust = trust;
        this.port = port;
    }

    /** The body, or an IOException saying what went wrong. */
    String get(String host, String path, int maxBody, Duration timeout) throws IOException {
        Lookup<InetAddress> a = dns.addresses(host);
        if (a.records().isEmpty()) throw new IOException(host + " has no address" + (a instanceof Lookup.Temporary<?> t ? ": " + t.reason() : ""));
        Instant deadline = Instant.now().plus(timeout);
        IOException last = null;
        for (InetAddress address : a.records()) {
            try {
                return get(address, host, path, maxBody, deadline);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * POSTs {@code body} to an https URL (RFC 8460 §5.4, a TLS report), the host's certificate
     * checked; any 2xx is success, anything else an IOException. Redirects are not followed.
     */
    void post(String url, byte[] body, String contentType, Duration timeout) throws IOException {
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IOException("not a URL: " + url);
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) throw new IOException("not an https URL: " + url);
        String host = uri.getHost();
        int p = uri.getPort() > 0 ? uri.getPort() : 443;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        Lookup<InetAddress> a = dns.addresses(host);
        if (a.records().isEmpty()) throw new IOException(host + " has no address");
        Instant deadline = Instant.now().plus(timeout);
        try (SSLSocket s = open(a.records().getFirst(), host, p, deadline)) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.0\r\nHost: " + host + (p == 443 ? "" : ":" + p) + "\r\nUser-Agent: Surel\r\n"
                    + "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c = in.read(); c >= 0 && c != '\n' && status.length() < 1024; c = in.read()) status.append((char) c);
            String[] parts = status.toString().strip().split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].startsWith("2")) {
                throw new IOException("HTTP " + status.toString().strip());
            }
        }
    }

    private String get(InetAddress address, String host, String path, int maxBody, Instant deadline) throws IOException {
        try (SSLSocket s = open(address, host, port, deadline)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\nUser-Agent: Surel\r\nAccept: text/plain\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return response(s.getInputStream(), s, maxBody, deadline);
        }
    }

    /** A TLS connection to {@code host} at {@code address}, its certificate checked (PKIX and name), by {@code deadline}. */
    private SSLSocket open(InetAddress address, String host, int p, Instant deadline) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(address, p), millisLeft(deadline));
            raw.setSoTimeout(millisLeft(deadline));
            SSLSocket s = (SSLSocket) trust.context().getSocketFactory().createSocket(raw, host, p, true);
            s.setUseClientMode(true);
            PkixTrust.identify(s, host);
            s.startHandshake();
            return s;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static String response(InputStream in, Socket s, int maxBody, Instant deadline) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0; // the last four octets read, to see the CR LF CR LF that ends the head
        while (last4 != 0x0d0a0d0a) {
            s.setSoTimeout(millisLeft(deadline));
            int c = in.read();
            if (c < 0) throw new IOException("connection closed in the response head");
            head.write(c);
            if (head.size() > MAX_HEAD) throw new IOException("response head over " + MAX_HEAD + " octets");
            last4 = (last4 << 8) | c;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) throw new IOException("not an HTTP response");
        if (!status[1].equals("200")) throw new IOException("HTTP status " + status[1] + " (only 200 is accepted, RFC 8461 §3.3)");
        boolean plain = false;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].toLowerCase(Locale.ROOT);
            if (l.startsWith("content-type:")) plain = l.substring(13).strip().startsWith("text/plain");
        }
        if (!plain) throw new IOException("the policy is not served as text/plain (RFC 8461 §3.2)");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (true) {
            s.setSoTimeout(millisLeft(deadline));
            int n = in.read(buf);
            if (n < 0) break;
            body.write(buf, 0, n);
            if (body.size() > maxBody) throw new IOException("the policy is larger than " + maxBody + " octets");
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static int millisLeft(Instant deadline) throws IOException {
        long ms = Duration.between(Instant.now(), deadline).toMillis();
        if (ms <= 0) throw new IOException("timed out");
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
