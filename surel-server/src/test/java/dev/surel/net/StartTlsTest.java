package dev.surel.net;

import static dev.surel.net.NetTestSupport.plain;
import static dev.surel.net.NetTestSupport.tls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.NetTestSupport.Client;
import dev.surel.tls.TestCerts;
import dev.surel.tls.TlsManager;
import dev.surel.tls.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS upgrade, implicit TLS and the clear-text rule, over real sockets. */
class StartTlsTest {
    @TempDir Path dir;
    TlsManager tlsManager;
    Listener listener;

    @BeforeEach
    void certs() throws Exception {
        TestCerts.Written w = TestCerts.write(dir, "server", "server.test", TestCerts.KeyForm.PKCS8_RSA);
        tlsManager = TlsManager.start(TlsSettings.defaults().withCertificate(w.cert(), w.key()));
    }

    @AfterEach
    void stop() {
        if (listener != null) listener.stop(Duration.ZERO);
        tlsManager.close();
    }

    InetSocketAddress start(ListenerMode mode, CleartextPolicy policy) throws Exception {
        NetContext ctx = NetContext.of(NetSettings.defaults(), tlsManager, Clock.systemUTC());
        listener = new Listener("127.0.0.1:0", new Service("test", mode, new LineTestProtocol(policy), LineTestProtocol.REFUSE), ctx);
        return listener.start();
    }

    @Test
    void commandPipelinedAfterStartTlsIsNotExecuted() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.tlsOnly());
        try (Client c = plain(a)) {
            assertThat(c.line()).isEqualTo("OK ready");
            // one write: the NOOP arrives in the same segment and sits in the server's buffer
            c.send("STARTTLS\r\nNOOP\r\n");
            assertThat(c.line()).isEqualTo("OK begin TLS");
            c.startTls("server.test");
            // the first reply after the handshake answers our QUIT, not the clear-text NOOP
            assertThat(c.cmd("QUIT")).isEqualTo("BYE");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void startTlsThenCommandsRunInsideTls() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.tlsOnly());
        try (Client c = plain(a)) {
            c.line();
            assertThat(c.cmd("INFO")).isEqualTo("OK plain");
            assertThat(c.cmd("STARTTLS")).isEqualTo("OK begin TLS");
            c.startTls("mail.example.com");
            assertThat(c.cmd("INFO")).isEqualTo("OK TLSv1.3 sni=mail.example.com");
            assertThat(c.cmd("STARTTLS")).isEqualTo("BAD no TLS");
            assertThat(c.cmd("NOOP")).isEqualTo("OK NOOP");
        }
    }

    @Test
    void implicitTlsServesTheSessionOverTls() throws Exception {
        InetSocketAddress a = start(ListenerMode.IMPLICIT_TLS, CleartextPolicy.tlsOnly());
        try (Client c = tls(a, "imap.example.net")) {
            assertThat(c.line()).isEqualTo("OK ready");
            assertThat(c.cmd("INFO")).isEqualTo("OK TLSv1.3 sni=imap.example.net");
            assertThat(c.cmd("LOGIN u p")).isEqualTo("OK logged in");
        }
    }

    @Test
    void cleartextLoginRefusedWithoutTlsWhenNetworksEmpty() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.tlsOnly());
        try (Client c = plain(a)) {
            c.line();
            assertThat(c.cmd("LOGIN u p")).isEqualTo("NO cleartext login refused");
        }
    }

    @Test
    void cleartextLoginAllowedFromConfiguredNetwork() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.parse(List.of("127.0.0.0/8")));
        try (Client c = plain(a)) {
            c.line();
            assertThat(c.cmd("LOGIN u p")).isEqualTo("OK logged in");
        }
    }

    @Test
    void cleartextLoginRefusedFromOtherNetwork() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.parse(List.of("10.0.0.0/8", "::1")));
        try (Client c = plain(a)) {
            c.line();
            assertThat(c.cmd("LOGIN u p")).isEqualTo("NO cleartext login refused");
        }
    }

    @Test
    void loginAllowedAfterStartTlsWithEmptyNetworks() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.tlsOnly());
        try (Client c = plain(a)) {
            c.line();
            assertThat(c.cmd("LOGIN u p")).isEqualTo("NO cleartext login refused");
            assertThat(c.cmd("STARTTLS")).isEqualTo("OK begin TLS");
            c.startTls(null);
            assertThat(c.cmd("LOGIN u p")).isEqualTo("OK logged in");
        }
    }

    @Test
    void failedStartTlsHandshakeEndsTheSessionQuietly() throws Exception {
        InetSocketAddress a = start(ListenerMode.PLAIN, CleartextPolicy.tlsOnly());
        try (Client c = plain(a)) {
            c.line();
            assertThat(c.cmd("STARTTLS")).isEqualTo("OK begin TLS");
            c.send("NOOP\r\nthis is not a TLS ClientHello\r\n");
            // the server answers nothing in clear text; at most a TLS alert record, then EOF
            byte[] rest = c.in.readAllBytes();
            assertThat(new String(rest, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("OK");
        }
        NetTestSupport.await("session end", () -> listener.activeConnections() == 0);
    }
}
