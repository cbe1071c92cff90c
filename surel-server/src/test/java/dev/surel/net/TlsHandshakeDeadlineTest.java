package dev.surel.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.tls.TestCerts;
import dev.surel.tls.TlsManager;
import dev.surel.tls.TlsSettings;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [limits] tls_handshake_timeout} is a deadline in real time, not a socket timeout that
 * restarts at each octet: a peer trickling its ClientHello (implicit TLS, or after STARTTLS) is
 * disconnected when the time is up, and its connection place is freed.
 */
class TlsHandshakeDeadlineTest {
    static final Duration HANDSHAKE = Duration.ofSeconds(2);
    static final Duration MARGIN = Duration.ofSeconds(8);
    /** A TLS handshake record header announcing 512 octets, then 100 of them at 300 ms each: 30 s. */
    static final String SLOW_HELLO = "\u0016\u0003\u0001\u0002\u0000" + "\u0001".repeat(100);

    @TempDir Path dir;
    Listener listener;
    TlsManager tls;
    NetContext ctx;

    @AfterEach
    void stop() {
        if (listener != null) listener.stop(Duration.ZERO);
        if (tls != null) tls.close();
    }

    InetSocketAddress start(ListenerMode mode) throws Exception {
        TestCerts.Written w = TestCerts.write(dir, "s", "s.test", TestCerts.KeyForm.EC_SEC1);
        tls = TlsManager.start(TlsSettings.defaults().withCertificate(w.cert(), w.key()));
        ctx = NetContext.of(NetSettings.defaults().withTlsHandshakeTimeout(HANDSHAKE), tls, Clock.systemUTC());
        listener = new Listener("127.0.0.1:0", new Service("test", mode,
                new LineTestProtocol(CleartextPolicy.defaults()), LineTestProtocol.REFUSE), ctx);
        return listener.start();
    }

    private void assertCutAtTheHandshakeTimeout(SlowClient c) throws Exception {
        c.trickle(SLOW_HELLO, Duration.ofMillis(300));
        assertThat(c.closedWithin(HANDSHAKE.plus(MARGIN))).as("closed during the handshake").isTrue();
        Duration took = c.sinceTrickleStart();
        assertThat(took).as("closed after " + took).isGreaterThanOrEqualTo(HANDSHAKE.minusMillis(250)).isLessThan(HANDSHAKE.plus(MARGIN));
        assertThat(c.trickled()).isLessThan(SLOW_HELLO.length());
        NetTestSupport.await("connection place freed", () -> ctx.limiter().total() == 0);
    }

    @Test
    void implicitTlsHandshakeTrickledPastTheTimeoutIsCut() throws Exception {
        try (SlowClient c = new SlowClient(start(ListenerMode.IMPLICIT_TLS))) {
            assertCutAtTheHandshakeTimeout(c);
        }
    }

    @Test
    void startTlsHandshakeTrickledPastTheTimeoutIsCut() throws Exception {
        try (SlowClient c = new SlowClient(start(ListenerMode.PLAIN))) {
            assertThat(c.line()).isEqualTo("OK ready");
            assertThat(c.cmd("STARTTLS")).isEqualTo("OK begin TLS");
            assertCutAtTheHandshakeTimeout(c);
        }
    }
}
