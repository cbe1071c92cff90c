package dev.surel.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Opens client sockets to one server: plain or implicit TLS, each bound to the next local source
 * address in turn (round-robin over {@code --sources}, so that many connections from 127.0.0.0/8
 * neither run out of ephemeral ports nor meet a per-IP connection limit).
 *
 * <p>TLS trusts any certificate and checks no host name: this is a benchmark client for servers
 * on loopback with throw-away certificates, never a mail client.
 */
final class Connector {
    static final int CONNECT_TIMEOUT_MS = 30_000;

    private final InetSocketAddress server;
    private final boolean implicitTls;
    private final List<InetAddress> sources;
    private final AtomicLong next = new AtomicLong();

    Connector(String host, int port, boolean implicitTls, List<InetAddress> sources) {
        this.server = new InetSocketAddress(host, port);
        this.implicitTls = implicitTls;
        this.sources = List.copyOf(sources);
    }

    InetSocketAddress server() {
        return server;
    }

    /** A connected socket (TLS handshake done when implicit TLS was asked for). */
    Socket open() throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            if (!sources.isEmpty()) {
                s.bind(new InetSocketAddress(sources.get((int) (next.getAndIncrement() % sources.size())), 0));
            }
            s.connect(server, CONNECT_TIMEOUT_MS);
            return implicitTls ? startTls(s) : s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Layers TLS over a connected socket (after STARTTLS/STLS, or at connect). */
    Socket startTls(Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) TRUST_ALL.createSocket(plain, server.getHostString(), server.getPort(), true);
        tls.startHandshake();
        return tls;
    }

    private static final SSLSocketFactory TRUST_ALL = trustAll();

    private static SSLSocketFactory trustAll() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {any}, new SecureRandom());
            return ctx.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    }
}
