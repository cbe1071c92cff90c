package dev.surel.net;

import static dev.surel.net.NetTestSupport.plain;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.NetTestSupport.Client;
import dev.surel.time.MutableClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The command-line deadline of {@link Connection#readLine} on the injected clock, over real
 * sockets: it starts at a line's first octet, holds however the octets trickle in (the idle
 * timeout restarts at each), never fires for a client that sends nothing, and also ends a line
 * that never ends (over the length limit, no LF).
 */
class DeadlineTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    Listener listener;

    @AfterEach
    void stop() {
        if (listener != null) listener.stop(Duration.ZERO);
    }

    /** Idle timeout 5m, command deadline 1m; blocked reads look at the clock every 10 ms. */
    InetSocketAddress start(int maxLine) throws Exception {
        NetSettings settings = NetSettings.defaults().withIdleTimeout(Duration.ofMinutes(5), Duration.ofMillis(10))
                .withCommandDeadline(Duration.ofMinutes(1)).withMaxLineLength(maxLine);
        listener = new Listener("127.0.0.1:0", new Service("test", ListenerMode.PLAIN,
                new LineTestProtocol(CleartextPolicy.defaults()), LineTestProtocol.REFUSE), NetContext.of(settings, null, clock));
        return listener.start();
    }

    /** Lets the session read what was sent (real time) before the clock moves. */
    private static void settle() throws InterruptedException {
        Thread.sleep(150);
    }

    @Test
    void aLineTrickledPastTheDeadlineIsCutThoughTheIdleTimeoutNeverFires() throws Exception {
        InetSocketAddress a = start(8192);
        try (Client c = plain(a)) {
            assertThat(c.line()).isEqualTo("OK ready");
            for (String octet : new String[] {"N", "O", "O", "P", " "}) {
                c.send(octet);
                settle();
                clock.advance(Duration.ofSeconds(14)); // 14 s between octets: the idle timeout (5m) restarts each time
            }
            assertThat(c.line()).isEqualTo("BYE too slow: command line not received within 1m");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void linesEachWithinTheDeadlineAreServedAndSilenceIsNotCut() throws Exception {
        InetSocketAddress a = start(8192);
        try (Client c = plain(a)) {
            assertThat(c.line()).isEqualTo("OK ready");
            clock.advance(Duration.ofMinutes(4)); // idle, no octet of a line yet: no deadline running
            settle();
            for (int i = 0; i < 3; i++) { // 50 s per line, 150 s in all: each line has its own deadline
                c.send("NO");
                settle();
                clock.advance(Duration.ofSeconds(50));
                settle();
                assertThat(c.cmd("OP")).isEqualTo("OK NOOP");
            }
        }
    }

    @Test
    void aLineThatNeverEndsIsCutAtTheDeadline() throws Exception {
        InetSocketAddress a = start(64);
        try (Client c = plain(a)) {
            assertThat(c.line()).isEqualTo("OK ready");
            for (int i = 0; i < 7; i++) { // over the length limit and no LF: skipped, but not forever
                c.send("x".repeat(1000));
                settle();
                clock.advance(Duration.ofSeconds(10));
            }
            assertThat(c.line()).isEqualTo("BYE too slow: command line not received within 1m");
        }
    }
}
