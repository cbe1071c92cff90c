package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.net.SlowClient;
import dev.surel.store.UidRange;
import dev.surel.testkit.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Slow senders over real sockets, in real time: {@code limits.command_deadline} bounds one
 * command line (from its first octet) and one literal that is not a message (from the
 * continuation request); {@code imap.append_deadline} bounds one APPEND message literal. Past
 * them {@code * BYE} and the connection closes (RFC 9051 §7.1.5), however steadily the octets
 * trickle in. Idle clients (between commands, in IDLE) and a big APPEND at normal speed are not
 * cut. Margins are generous: the build machine is loaded.
 */
class ImapDeadlineTest {
    static final String PASSWORD = "secret";
    static final Duration COMMAND = Duration.ofSeconds(2);
    static final Duration APPEND = Duration.ofSeconds(3);
    static final Duration MARGIN = Duration.ofSeconds(8);
    static final Duration EVERY = Duration.ofMillis(300);
    /** 80 octets at 300 ms: 24 s, far beyond every deadline here. */
    static final String SLOW = "x".repeat(80);

    @RegisterExtension
    final TestServer s = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD)
            .toml("imap", "append_deadline = \"3s\"").toml("limits", "command_deadline = \"2s\"").perTest();

    private SlowClient greeted() throws Exception {
        SlowClient c = new SlowClient(s.address(Endpoint.IMAP));
        assertThat(c.line()).startsWith("* OK ");
        return c;
    }

    private SlowClient loggedIn() throws Exception {
        SlowClient c = greeted();
        c.send("l LOGIN alice@example.test " + PASSWORD + "\r\n");
        assertThat(c.lineStartingWith("l ")).startsWith("l OK");
        return c;
    }

    private static void assertByeAtDeadline(SlowClient c, Duration deadline, Duration early) throws Exception {
        String bye = c.lineStartingWith("* BYE");
        Duration took = c.sinceTrickleStart();
        assertThat(bye).startsWith("* BYE ");
        assertThat(took).as("BYE after " + took).isGreaterThanOrEqualTo(deadline.minus(early)).isLessThan(deadline.plus(MARGIN));
        assertThat(c.closedWithin(Duration.ofSeconds(5))).as("closed after the BYE").isTrue();
    }

    @Test
    void trickledCommandLineIsByeAtTheCommandDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            c.trickle("a1 NOOP " + SLOW + "\r\n", EVERY);
            assertByeAtDeadline(c, COMMAND, Duration.ofMillis(250));
        }
    }

    @Test
    void partialCommandLineThenSilenceIsByeAtTheCommandDeadline() throws Exception {
        try (SlowClient c = loggedIn()) { // imap.idle_timeout (30m) is far away
            c.trickle("a1 NOO", Duration.ofMillis(1));
            assertByeAtDeadline(c, COMMAND, Duration.ofMillis(250));
        }
    }

    @Test
    void trickledLiteralThatIsNotAMessageIsByeAtTheCommandDeadline() throws Exception {
        try (SlowClient c = greeted()) {
            c.send("a1 LOGIN {" + SLOW.length() + "}\r\n");
            assertThat(c.line()).startsWith("+ ");
            c.trickle(SLOW, EVERY);
            assertByeAtDeadline(c, COMMAND, Duration.ofMillis(500));
        }
    }

    @Test
    void trickledAppendMessageIsByeAtTheAppendDeadline() throws Exception {
        String msg = "Subject: slow\r\n\r\n" + SLOW + "\r\n";
        try (SlowClient c = loggedIn()) {
            c.send("a2 APPEND INBOX {" + msg.length() + "}\r\n");
            assertThat(c.line()).startsWith("+ ");
            c.trickle(msg, EVERY);
            // not cut at the 2 s command deadline: a message literal has its own
            assertByeAtDeadline(c, APPEND, Duration.ofMillis(500));
        }
        long inbox = s.store().mailbox(s.alice(), "INBOX").id();
        assertThat(s.store().messages(s.alice(), inbox, UidRange.ALL)).isEmpty();
    }

    @Test
    void trickledNonSynchronizingAppendIsByeAtTheAppendDeadline() throws Exception {
        String msg = "Subject: slow\r\n\r\n" + SLOW + "\r\n";
        try (SlowClient c = loggedIn()) {
            c.send("a2 APPEND INBOX {" + msg.length() + "+}\r\n");
            c.trickle(msg, EVERY);
            assertByeAtDeadline(c, APPEND, Duration.ofMillis(250));
        }
    }

    /** What ends the read of an APPEND literal (here the server's stop) is a BYE, not a server fault. */
    @Test
    void serverStopDuringAnAppendLiteralIsBye() throws Exception {
        try (SlowClient c = loggedIn()) {
            c.send("a2 APPEND INBOX {100}\r\n");
            assertThat(c.line()).startsWith("+ ");
            c.send("Subject: half\r\n");
            Thread.sleep(200);
            Thread stopper = Thread.ofVirtual().start(s::close);
            assertThat(c.lineStartingWith("* BYE")).isEqualTo("* BYE [UNAVAILABLE] Server shutting down");
            stopper.join();
        }
    }

    @Test
    void idleClientsAreNotCut() throws Exception {
        try (SlowClient c = loggedIn()) {
            Thread.sleep(COMMAND.multipliedBy(2).plusMillis(500).toMillis());
            assertThat(c.cmd("a1 NOOP")).startsWith("a1 OK");
            assertThat(c.cmd("a2 SELECT INBOX")).isNotNull();
            c.lineStartingWith("a2 OK");
            assertThat(c.cmd("a3 IDLE")).startsWith("+ ");
            Thread.sleep(APPEND.plusMillis(1500).toMillis());
            assertThat(c.cmd("DONE")).startsWith("a3 OK");
            // a line in pieces, well within the deadline, is a normal line
            c.send("a4 NO");
            Thread.sleep(300);
            c.send("OP\r\n");
            assertThat(c.line()).startsWith("a4 OK");
        }
    }

    @Test
    void bigAppendAtNormalSpeedIsNotCut() throws Exception {
        String msg = "Subject: big\r\n\r\n" + ("z".repeat(78) + "\r\n").repeat(50_000);
        try (SlowClient c = loggedIn()) {
            Thread.sleep(APPEND.plusMillis(500).toMillis()); // the session is older than both deadlines
            c.send("a1 APPEND INBOX {" + msg.length() + "}\r\n");
            assertThat(c.line()).startsWith("+ ");
            c.send(msg + "\r\n");
            assertThat(c.lineStartingWith("a1 ")).startsWith("a1 OK");
            c.send("a2 APPEND INBOX {" + msg.length() + "+}\r\n" + msg + "\r\n");
            assertThat(c.lineStartingWith("a2 ")).startsWith("a2 OK");
        }
        long inbox = s.store().mailbox(s.alice(), "INBOX").id();
        assertThat(s.store().messages(s.alice(), inbox, UidRange.ALL)).hasSize(2);
    }
}
