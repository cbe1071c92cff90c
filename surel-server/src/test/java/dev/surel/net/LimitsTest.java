package dev.surel.net;

import static dev.surel.net.NetTestSupport.await;
import static dev.surel.net.NetTestSupport.plain;
import static dev.surel.net.NetTestSupport.plainFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.surel.net.NetTestSupport.Client;
import dev.surel.tls.TestCerts;
import dev.surel.tls.TlsManager;
import dev.surel.tls.TlsSettings;
import dev.surel.time.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection limits, idle timeout (on the injected clock) and the line limit, over real sockets. */
class LimitsTest {
    @TempDir Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Listener listener;
    NetContext ctx;
    TlsManager tlsManager;

    @AfterEach
    void stop() {
        if (listener != null) listener.stop(Duration.ZERO);
        if (tlsManager != null) tlsManager.close();
    }

    InetSocketAddress start(NetSettings settings, ListenerMode mode) throws Exception {
        if (mode == ListenerMode.IMPLICIT_TLS) {
            TestCerts.Written w = TestCerts.write(dir, "s", "s.test", TestCerts.KeyForm.EC_SEC1);
            tlsManager = TlsManager.start(TlsSettings.defaults().withCertificate(w.cert(), w.key()));
        }
        ctx = NetContext.of(settings, tlsManager, clock);
        listener = new Listener("127.0.0.1:0",
                new Service("test", mode, new LineTestProtocol(CleartextPolicy.defaults()), LineTestProtocol.REFUSE), ctx);
        return listener.start();
    }

    @Test
    void perAddressLimitRefusesTheNextConnectionWithTheRefusalLine() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withLimits(100, 2), ListenerMode.PLAIN);
        try (Client c1 = plain(a); Client c2 = plain(a)) {
            assertThat(c1.line()).isEqualTo("OK ready");
            assertThat(c2.line()).isEqualTo("OK ready");
            try (Client c3 = plain(a)) {
                assertThat(c3.line()).isEqualTo("421 4.7.0 too many connections (TOO_MANY_FROM_ADDRESS)");
                assertThat(c3.line()).isNull(); // closed after the one line; no session ran
            }
            // another address is not affected by 127.0.0.1's limit
            try (Client other = plainFrom(a, "127.0.0.2")) {
                assertThat(other.line()).isEqualTo("OK ready");
            }
            assertThat(c1.cmd("QUIT")).isEqualTo("BYE");
            await("permit released", () -> ctx.limiter().count(InetAddress.getLoopbackAddress()) == 1);
            try (Client c4 = plain(a)) {
                assertThat(c4.line()).isEqualTo("OK ready");
            }
        }
    }

    @Test
    void totalLimitCountsAllAddresses() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withLimits(2, 10), ListenerMode.PLAIN);
        try (Client c1 = plainFrom(a, "127.0.0.1"); Client c2 = plainFrom(a, "127.0.0.3")) {
            assertThat(c1.line()).isEqualTo("OK ready");
            assertThat(c2.line()).isEqualTo("OK ready");
            try (Client c3 = plainFrom(a, "127.0.0.4")) {
                assertThat(c3.line()).isEqualTo("421 4.7.0 too many connections (TOO_MANY_CONNECTIONS)");
                assertThat(c3.line()).isNull();
            }
            c2.close();
            await("permit released", () -> ctx.limiter().total() == 1);
            try (Client c4 = plainFrom(a, "127.0.0.4")) {
                assertThat(c4.line()).isEqualTo("OK ready");
                assertThat(c4.cmd("NOOP")).isEqualTo("OK NOOP");
            }
        }
    }

    @Test
    void implicitTlsRefusalIsSpokenInsideTls() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withLimits(100, 1), ListenerMode.IMPLICIT_TLS);
        try (Client c1 = NetTestSupport.tls(a, null); Client c2 = NetTestSupport.tls(a, null)) {
            assertThat(c1.line()).isEqualTo("OK ready");
            assertThat(c2.line()).isEqualTo("421 4.7.0 too many connections (TOO_MANY_FROM_ADDRESS)");
        }
    }

    @Test
    void idleTimeoutFiresWhenTheClockPassesIt() throws Exception {
        // the socket wakes every 10 ms to look at the clock; idleness itself is clock time
        InetSocketAddress a = start(NetSettings.defaults().withIdleTimeout(Duration.ofMinutes(5), Duration.ofMillis(10)),
                ListenerMode.PLAIN);
        try (Client c = plain(a)) {
            assertThat(c.line()).isEqualTo("OK ready");
            clock.advance(Duration.ofMinutes(4));
            // many socket wake-ups later the session is still there and reads normally
            c.socket.setSoTimeout(200);
            assertThatThrownBy(c::line).isInstanceOf(SocketTimeoutException.class);
            c.socket.setSoTimeout(10_000);
            assertThat(c.cmd("NOOP")).isEqualTo("OK NOOP"); // activity restarts the idle period
            clock.advance(Duration.ofMinutes(4));
            assertThat(c.cmd("NOOP")).isEqualTo("OK NOOP");
            clock.advance(Duration.ofMinutes(5));
            assertThat(c.line()).isEqualTo("BYE idle");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void idleTimeoutOverTlsKeepsTheStreamIntactAcrossWakeUps() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withIdleTimeout(Duration.ofMinutes(30), Duration.ofMillis(5)),
                ListenerMode.IMPLICIT_TLS);
        try (Client c = NetTestSupport.tls(a, null)) {
            assertThat(c.line()).isEqualTo("OK ready");
            Thread.sleep(100); // ~20 socket timeouts inside the TLS read: must be recoverable
            assertThat(c.cmd("NOOP")).isEqualTo("OK NOOP");
            clock.advance(Duration.ofMinutes(30));
            assertThat(c.line()).isEqualTo("BYE idle");
        }
    }

    @Test
    void peerThatStopsReadingIsClosedAfterTheIdleTimeout() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withIdleTimeout(Duration.ofMinutes(5), Duration.ofMillis(10)),
                ListenerMode.PLAIN);
        try (Client c = plain(a)) {
            assertThat(c.line()).isEqualTo("OK ready");
            c.send("FLOOD\r\n"); // and never read the 64 MiB
            await("session blocked in a write", () -> listener.activeConnections() == 1);
            Thread.sleep(200); // let the server fill the socket buffers and block
            assertThat(listener.activeConnections()).isEqualTo(1); // blocked, not ended
            await("stalled writer closed", () -> {
                clock.advance(Duration.ofMinutes(1));
                return listener.activeConnections() == 0;
            });
            assertThat(ctx.limiter().total()).isZero();
        }
    }

    @Test
    void overLongLineGivesTypedOverflowAndTheSessionContinues() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withMaxLineLength(64), ListenerMode.PLAIN);
        try (Client c = plain(a)) {
            c.line();
            String ok = "NOOP " + "x".repeat(59); // exactly 64 octets
            assertThat(c.cmd(ok)).isEqualTo("OK NOOP");
            assertThat(c.cmd(ok + "y")).isEqualTo("BAD line too long 67");
            // 8 MiB without LF, then the LF and a command: discarded in the 8 KiB buffer, never held
            byte[] chunk = "z".repeat(1 << 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            for (int i = 0; i < 128; i++) {
                c.out.write(chunk);
            }
            c.send("\r\nNOOP\r\n");
            assertThat(c.line()).isEqualTo("BAD line too long " + ((8L << 20) + 2));
            assertThat(c.line()).isEqualTo("OK NOOP");
        }
    }

    @Test
    void exactByteCountsAreReadAcrossBufferBoundaries() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults().withMaxLineLength(64), ListenerMode.PLAIN);
        try (Client c = plain(a)) {
            c.line();
            // literal bytes and the next command in one write; the literal holds CRLFs and is
            // far longer than the line limit: it is not line-parsed
            String literal = "hello\r\nworld!!" + "x".repeat(100_000);
            c.send("LIT " + literal.length() + "\r\n" + literal + "NOOP\r\n");
            assertThat(c.line()).isEqualTo("OK 100014 hello..world!!xx +99998");
            assertThat(c.line()).isEqualTo("OK NOOP");
        }
    }

    @Test
    void bareLfLinesAreReadAndMarked() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults(), ListenerMode.PLAIN);
        try (Client c = plain(a)) {
            c.line();
            c.send("NOOP\nNOOP\r\n");
            assertThat(c.line()).isEqualTo("OK NOOP");
            assertThat(c.line()).isEqualTo("OK NOOP");
        }
    }

    @Test
    void stopLetsSessionsSayGoodbyeThenClosesThem() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults(), ListenerMode.PLAIN);
        Client c = plain(a);
        assertThat(c.line()).isEqualTo("OK ready");
        listener.stop(Duration.ofSeconds(5));
        assertThat(c.line()).isEqualTo("BYE server shutting down");
        assertThat(c.line()).isNull();
        assertThat(listener.activeConnections()).isZero();
        assertThat(ctx.limiter().total()).isZero();
        assertThatThrownBy(() -> plain(a)).isInstanceOf(java.net.ConnectException.class);
        c.close();
    }

    @Test
    void stopOverTlsAlsoSaysGoodbye() throws Exception {
        InetSocketAddress a = start(NetSettings.defaults(), ListenerMode.IMPLICIT_TLS);
        Client c = NetTestSupport.tls(a, null);
        assertThat(c.line()).isEqualTo("OK ready");
        listener.stop(Duration.ofSeconds(5));
        assertThat(c.line()).isEqualTo("BYE server shutting down");
        assertThat(listener.activeConnections()).isZero();
        c.close();
    }
}
