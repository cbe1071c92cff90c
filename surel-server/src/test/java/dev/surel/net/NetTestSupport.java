package dev.surel.net;

import dev.surel.tls.TestCerts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** Test clients: plain and TLS sockets that trust any certificate, line I/O, polling. */
final class NetTestSupport {
    private NetTestSupport() {}

    /** A client socket with line reading over its (possibly replaced) streams. */
    static final class Client implements AutoCloseable {
        Socket socket;
        InputStream in;
        OutputStream out;

        Client(Socket s) throws IOException {
            use(s);
            s.setSoTimeout(10_000); // a hang fails the test instead of blocking the build
        }

        void use(Socket s) throws IOException {
            socket = s;
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        /** One line without CRLF, or null at EOF. */
        String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n') {
                    int n = sb.length();
                    return n > 0 && sb.charAt(n - 1) == '\r' ? sb.substring(0, n - 1) : sb.toString();
                }
                sb.append((char) b);
            }
            return sb.isEmpty() ? null : sb.toString();
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** Sends a command line and returns the reply line. */
        String cmd(String line) throws IOException {
            send(line + "\r\n");
            return line();
        }

        /** Upgrades this client to TLS over the same socket, sending {@code sni} (null: none). */
        void startTls(String sni, String... protocols) throws IOException {
            SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory()
                    .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
            configure(s, sni, protocols);
            s.startHandshake();
            use(s);
        }

        SSLSocket ssl() {
            return (SSLSocket) socket;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static Client plain(InetSocketAddress a) throws IOException {
        return new Client(new Socket(a.getAddress(), a.getPort()));
    }

    /** A plain client whose local address is {@code from} (any 127.x works on Linux loopback). */
    static Client plainFrom(InetSocketAddress a, String from) throws IOException {
        Socket s = new Socket(a.getAddress(), a.getPort(), InetAddress.ofLiteral(from), 0);
        return new Client(s);
    }

    static Client tls(InetSocketAddress a, String sni, String... protocols) throws IOException {
        SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory().createSocket(a.getAddress(), a.getPort());
        configure(s, sni, protocols);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new Client(s);
    }

    private static void configure(SSLSocket s, String sni, String... protocols) {
        SSLParameters p = s.getSSLParameters();
        p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        if (protocols.length > 0) {
            p.setProtocols(protocols);
        }
        p.setEndpointIdentificationAlgorithm(null);
        s.setSSLParameters(p);
    }

    static X509Certificate peerCert(SSLSocket s) throws IOException {
        return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }


    /** Waits (polling, at most 10 s: a loaded 2-core CI machine) until {@code cond} holds; fails otherwise. */
    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
