package dev.surel.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.net.SlowClient;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow senders over real sockets, in real time: {@code limits.command_deadline} bounds one
 * command line from its first octet, {@code smtp.data_deadline} one message's content (DATA from
 * the 354, BDAT from the first chunk to the end of LAST), however steadily the octets trickle in;
 * past them 421 4.4.2 (RFC 5321 §4.2, RFC 3463 X.4.2) and the connection closes. A client that is
 * merely idle between commands, and a big message sent at normal speed, are not cut.
 *
 * <p>The trickles below would last 20 s or more; the server must answer within the deadline plus
 * {@link #MARGIN} (generous: the build machine is loaded) and never before the deadline.
 */
class SmtpDeadlineTest {
    static final Duration COMMAND = Duration.ofSeconds(2);
    static final Duration DATA = Duration.ofSeconds(3);
    static final Duration MARGIN = Duration.ofSeconds(8);
    static final Duration EVERY = Duration.ofMillis(300);
    /** Far longer than any deadline here: 80 octets at 300 ms take 24 s. */
    static final String SLOW = "x".repeat(80);

    @RegisterExtension
    final TestServer f = SmtpClient.server().toml("smtp", "data_deadline = \"3s\"").toml("limits", "command_deadline = \"2s\"").perTest();

    private SlowClient greeted() throws Exception {
        SlowClient c = new SlowClient(f.address(Endpoint.SMTP));
        assertThat(c.line()).startsWith("220 ");
        c.send("EHLO slow.example.org\r\n");
        c.lineStartingWith("250 ");
        return c;
    }

    /** The 421 came at the deadline (not before, not much after) and the server closed. */
    private static void assert421AtDeadline(SlowClient c, Duration deadline, Duration early) throws Exception {
        String reply = c.line();
        Duration took = c.sinceTrickleStart();
        assertThat(reply).as("reply to a trickle").startsWith("421 4.4.2 mx.example.test ");
        assertThat(took).as("421 after " + took).isGreaterThanOrEqualTo(deadline.minus(early)).isLessThan(deadline.plus(MARGIN));
        assertThat(c.closedWithin(Duration.ofSeconds(5))).as("closed after the 421").isTrue();
    }

    @Test
    void trickledCommandLineGets421AtTheCommandDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            c.trickle("NOOP " + SLOW + "\r\n", EVERY);
            assert421AtDeadline(c, COMMAND, Duration.ofMillis(250));
            assertThat(c.trickled()).as("the line was not complete").isLessThan(SLOW.length());
        }
    }

    @Test
    void partialCommandLineThenSilenceGets421AtTheCommandDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            c.trickle("NOO", Duration.ofMillis(1)); // then nothing: the idle timeout (5m) is far away
            assert421AtDeadline(c, COMMAND, Duration.ofMillis(250));
        }
    }

    @Test
    void aClientIdleBetweenCommandsIsNotCut() throws Exception {
        try (SlowClient c = greeted()) {
            Thread.sleep(COMMAND.multipliedBy(2).plusMillis(500).toMillis());
            assertThat(c.cmd("NOOP")).startsWith("250 ");
            assertThat(c.cmd("MAIL FROM:<a@remote.example>")).startsWith("250 ");
            Thread.sleep(COMMAND.multipliedBy(2).plusMillis(500).toMillis());
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 ");
            // a line sent in a few pieces, well within the deadline, is a normal line
            c.send("RS");
            Thread.sleep(300);
            c.send("ET\r\n");
            assertThat(c.line()).startsWith("250 ");
        }
    }

    @Test
    void trickledDataGets421AtTheDataDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<a@remote.example>")).startsWith("250 ");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 ");
            assertThat(c.cmd("DATA")).startsWith("354 ");
            c.trickle("Subject: slow\r\n\r\n" + SLOW + "\r\n.\r\n", EVERY);
            assert421AtDeadline(c, DATA, Duration.ofMillis(500));
        }
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    @Test
    void trickledBdatChunkGets421AtTheDataDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<a@remote.example>")).startsWith("250 ");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 ");
            String body = "Subject: slow\r\n\r\n" + SLOW + "\r\n";
            c.send("BDAT " + body.length() + " LAST\r\n");
            c.trickle(body, EVERY);
            assert421AtDeadline(c, DATA, Duration.ofMillis(250));
        }
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    /** The BDAT deadline covers the whole message: small chunks sent in time, with pauses, still end at it. */
    @Test
    void bdatDeadlineCoversTheWholeMessageNotEachChunk() throws Exception {
        try (SlowClient c = greeted()) {
            assertThat(c.cmd("MAIL FROM:<a@remote.example>")).startsWith("250 ");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 ");
            long start = System.nanoTime();
            int accepted = 0;
            String reply = null;
            for (int i = 0; i < 20; i++) {
                reply = c.cmd("BDAT 5\r\nabc"); // "abc" and the CRLF cmd adds: 5 octets
                if (!reply.startsWith("250 ")) break;
                accepted++;
                Thread.sleep(700); // idle between chunks: far within smtp.command_timeout
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(accepted).as("chunks accepted before the deadline").isGreaterThanOrEqualTo(2);
            assertThat(reply).startsWith("421 4.4.2 ");
            assertThat(took).isGreaterThanOrEqualTo(DATA.minusMillis(250)).isLessThan(DATA.plus(MARGIN));
            assertThat(c.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(f.inbox(f.alice())).isEmpty();
    }

    @Test
    void bigMessagesAtNormalSpeedAreNotCut() throws Exception {
        byte[] body = ("Subject: big\r\n\r\n" + ("y".repeat(78) + "\r\n").repeat(100_000)).getBytes(StandardCharsets.US_ASCII);
        try (SlowClient c = greeted()) {
            Thread.sleep(COMMAND.plusMillis(500).toMillis()); // the session is older than both deadlines
            assertThat(c.cmd("MAIL FROM:<a@remote.example>")).startsWith("250 ");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 ");
            assertThat(c.cmd("DATA")).startsWith("354 ");
            c.send(body);
            assertThat(c.cmd(".")).startsWith("250 ");
            Thread.sleep(DATA.plusMillis(500).toMillis()); // and older than the data deadline since the 354
            assertThat(c.cmd("MAIL FROM:<a@remote.example>")).startsWith("250 ");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 ");
            int half = body.length / 2;
            c.send("BDAT " + half + "\r\n");
            c.send(java.util.Arrays.copyOfRange(body, 0, half));
            assertThat(c.line()).startsWith("250 ");
            c.send("BDAT " + (body.length - half) + " LAST\r\n");
            c.send(java.util.Arrays.copyOfRange(body, half, body.length));
            assertThat(c.line()).startsWith("250 ");
            assertThat(c.cmd("QUIT")).startsWith("221 ");
        }
        assertThat(f.awaitInbox(f.alice(), 2)).hasSize(2);
    }
}
