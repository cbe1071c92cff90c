package dev.surel.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.net.SlowClient;
import dev.surel.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow senders over real sockets: {@code limits.command_deadline} bounds one POP3 command line
 * (and one SASL response line) from its first octet, however steadily the octets trickle in;
 * past it {@code -ERR} and the connection closes. A client idle between commands is not cut (the
 * idle timeout, 10 minutes, is its business). The server's clock is moved along with real time
 * while each test runs, so clock time and the trickle's real time agree.
 */
class Pop3DeadlineTest {
    static final Duration COMMAND = Duration.ofSeconds(2);
    static final Duration MARGIN = Duration.ofSeconds(8);
    static final Duration EVERY = Duration.ofMillis(300);
    static final String SLOW = "x".repeat(80);

    @RegisterExtension
    final TestServer f = Pop3Client.server().toml("limits", "command_deadline = \"2s\"\n").perTest();
    Thread ticker;

    @BeforeEach
    void start() throws Exception {
        f.deliver(f.alice(), "Subject: hi\n\nhello\n");
        ticker = Thread.ofVirtual().name("ticker").start(() -> {
            long last = System.nanoTime();
            try {
                while (true) {
                    Thread.sleep(20);
                    long now = System.nanoTime();
                    f.mutableClock().advance(Duration.ofNanos(now - last));
                    last = now;
                }
            } catch (InterruptedException e) {
                // test over
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (ticker != null) {
            ticker.interrupt();
            ticker.join();
        }
    }

    private SlowClient greeted() throws Exception {
        SlowClient c = new SlowClient(f.address(Endpoint.POP3));
        assertThat(c.line()).startsWith("+OK");
        return c;
    }

    private SlowClient loggedIn() throws Exception {
        SlowClient c = greeted();
        assertThat(c.cmd("USER alice@example.test")).startsWith("+OK");
        assertThat(c.cmd("PASS " + Pop3Client.PASSWORD)).startsWith("+OK");
        return c;
    }

    private static void assertErrAtDeadline(SlowClient c) throws Exception {
        String reply = c.line();
        Duration took = c.sinceTrickleStart();
        assertThat(reply).startsWith("-ERR ");
        assertThat(took).as("-ERR after " + took).isGreaterThanOrEqualTo(COMMAND.minusMillis(250)).isLessThan(COMMAND.plus(MARGIN));
        assertThat(c.closedWithin(Duration.ofSeconds(5))).as("closed after the -ERR").isTrue();
    }

    @Test
    void trickledCommandLineIsErrAtTheCommandDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            c.trickle("USER " + SLOW + "\r\n", EVERY);
            assertErrAtDeadline(c);
        }
    }

    @Test
    void partialCommandLineThenSilenceIsErrAtTheCommandDeadline() throws Exception {
        try (SlowClient c = loggedIn()) {
            c.trickle("STA", Duration.ofMillis(1));
            assertErrAtDeadline(c);
        }
        // nothing was committed, and the maildrop lock is free again
        try (SlowClient c = loggedIn()) {
            assertThat(c.cmd("STAT")).startsWith("+OK 1 ");
        }
    }

    @Test
    void trickledSaslResponseIsErrAtTheCommandDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            assertThat(c.cmd("AUTH PLAIN")).startsWith("+");
            c.trickle("AGFsaWNlQGV4YW1wbGUudGVzdABzZWNyZXQ=" + SLOW + "\r\n", EVERY);
            assertErrAtDeadline(c);
        }
    }

    @Test
    void aClientIdleBetweenCommandsIsNotCut() throws Exception {
        try (SlowClient c = loggedIn()) {
            Thread.sleep(COMMAND.multipliedBy(2).plusMillis(500).toMillis());
            assertThat(c.cmd("STAT")).startsWith("+OK 1 ");
            c.send("NO");
            Thread.sleep(300);
            c.send("OP\r\n");
            assertThat(c.line()).startsWith("+OK");
            assertThat(c.cmd("QUIT")).startsWith("+OK");
        }
    }
}
