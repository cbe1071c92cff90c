package dev.surel.smtp;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import dev.surel.time.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Greylisting of port 25 mail ({@code [greylist]}, RFC 6647, docs/filtering.md) against a started
 * server over real sockets, time moved by a {@link MutableClock}: the first RCPT TO of a triplet
 * gets 451 4.7.1, a retry before the delay too, a retry after it 250 and the message is delivered;
 * other recipients, senders and client networks are greylisted apart while another address of
 * the same /24 is not; exempt networks, submission and a server without the key pass at once; the
 * state survives a restart; auto-whitelisting and the purge of rows past their use.
 * The clients connect from 127.0.0.x, so the tests leave loopback out of {@code exempt}.
 */
class SmtpGreylistTest {
    static final String GREYLISTED = "451 4.7.1 Greylisted, please try again in ";

    @TempDir
    Path dir;
    TestServer server;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    TestSetup setup(String greylistLines) {
        return SmtpClient.server().clock(clock).toml("greylist", greylistLines);
    }

    void start(String greylistLines) {
        server = setup(greylistLines).start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** MAIL FROM and RCPT TO from {@code source} on port 25; returns the RCPT reply (the connection is closed). */
    String rcpt(String source, String from, String to) throws IOException {
        try (SmtpClient c = SmtpClient.connectFrom(server, source, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<" + from + ">")).startsWith("250");
            return c.cmd("RCPT TO:<" + to + ">");
        }
    }

    String rcpt(String from, String to) throws IOException {
        return rcpt("127.0.0.1", from, to);
    }

    /** A whole transaction from 127.0.0.1 to alice; returns the end-of-data reply, or the RCPT reply when it is not 250. */
    String send(String from, String subject) throws IOException {
        try (SmtpClient c = SmtpClient.connectFrom(server, "127.0.0.1", Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<" + from + ">")).startsWith("250");
            String r = c.cmd("RCPT TO:<" + ALICE + ">");
            if (!r.startsWith("250")) return r;
            assertThat(c.cmd("DATA")).startsWith("354");
            return c.cmd("Subject: " + subject + "\r\n\r\nhello\r\n.");
        }
    }

    long rows(String table) {
        return server.services().database().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void theFirstAttemptIsDeferredAnEarlyRetryTooAndARetryAfterTheDelayIsDelivered() throws Exception {
        start("enabled = true\nexempt = []");
        assertThat(send("carol@example.org", "one")).isEqualTo(GREYLISTED + "300 seconds");
        clock.advance(Duration.ofMinutes(2));
        assertThat(send("carol@example.org", "one")).isEqualTo(GREYLISTED + "180 seconds");
        clock.advance(Duration.ofMinutes(3));
        assertThat(send("carol@example.org", "one")).startsWith("250 2.0.0");
        assertThat(server.awaitInbox(server.alice(), 1).getFirst()).contains("Subject: one");
        // and from then on at once
        clock.advance(Duration.ofDays(2));
        assertThat(send("carol@example.org", "two")).startsWith("250 2.0.0");
        assertThat(server.awaitInbox(server.alice(), 2)).hasSize(2);
    }

    @Test
    void otherRecipientsSendersAndNetworksAreGreylistedApartButTheSameSlash24IsNot() throws Exception {
        start("enabled = true\nexempt = []");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith(GREYLISTED);
        clock.advance(Duration.ofMinutes(5));
        try (SmtpClient c = SmtpClient.connectFrom(server, "127.0.0.1", Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<carol@example.org>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
            assertThat(c.cmd("RCPT TO:<bob@example.test>")).startsWith(GREYLISTED + "300 seconds");
        }
        assertThat(rcpt("dave@example.org", ALICE)).startsWith(GREYLISTED);
        assertThat(rcpt("127.0.0.77", "carol@example.org", ALICE)).startsWith("250 2.1.5"); // same /24
        assertThat(rcpt("127.0.1.1", "carol@example.org", ALICE)).startsWith(GREYLISTED); // another /24
        // the sender's case and a +extension do not make another triplet
        assertThat(rcpt("Carol+list@EXAMPLE.org", "ALICE@example.test")).startsWith("250 2.1.5");
    }

    @Test
    void anUnknownRecipientIsRefusedNotGreylisted() throws Exception {
        start("enabled = true\nexempt = []");
        assertThat(rcpt("carol@example.org", "nobody@example.test")).startsWith("550 5.1.1");
        assertThat(rcpt("carol@example.org", "someone@elsewhere.example")).startsWith("554 5.7.1");
        assertThat(rows("greylist_triplets")).isZero();
    }

    @Test
    void theNullSenderIsGreylistedToo() throws Exception {
        start("enabled = true\nexempt = []");
        assertThat(rcpt("", ALICE)).startsWith(GREYLISTED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(rcpt("", ALICE)).startsWith("250 2.1.5");
    }

    @Test
    void aRetryAfterTheRetryWindowIsGreylistedAnew() throws Exception {
        start("enabled = true\nexempt = []\nretry_window = \"1h\"");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith(GREYLISTED);
        clock.advance(Duration.ofMinutes(61));
        assertThat(rcpt("carol@example.org", ALICE)).isEqualTo(GREYLISTED + "300 seconds");
    }

    @Test
    void exemptNetworksPass() throws Exception {
        start("enabled = true\nexempt = [\"127.0.0.0/24\"]");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith("250 2.1.5");
        assertThat(rcpt("127.0.1.1", "carol@example.org", ALICE)).startsWith(GREYLISTED);
    }

    @Test
    void postmasterAndAbuseAreExemptByDefaultAndTheListIsConfigurable() throws Exception {
        start("enabled = true\nexempt = []");
        assertThat(rcpt("carol@example.org", "postmaster@catch.test")).startsWith("250 2.1.5");
        assertThat(rcpt("carol@example.org", "Abuse@catch.test")).startsWith("250 2.1.5");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith(GREYLISTED);
        server.close();
        server = setup("enabled = true\nexempt = []\nexempt_recipients = [\"alice@example.test\"]").start(dir);
        assertThat(rcpt("dave@example.org", ALICE)).startsWith("250 2.1.5");
        assertThat(rcpt("dave@example.org", "postmaster@catch.test")).startsWith(GREYLISTED);
    }

    @Test
    void loopbackIsExemptByDefault() throws Exception {
        start("enabled = true");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith("250 2.1.5");
        assertThat(rows("greylist_triplets")).isZero();
    }

    @Test
    void offByDefault() throws Exception {
        server = SmtpClient.server().clock(clock).toml("greylist", "exempt = []").start(dir);
        assertThat(send("carol@example.org", "at once")).startsWith("250 2.0.0");
        assertThat(rows("greylist_triplets")).isZero();
    }

    @Test
    void submissionIsNeverGreylisted() throws Exception {
        start("enabled = true\nexempt = []");
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SUBMISSION)) {
            c.hello();
            String plain = Base64.getEncoder().encodeToString(("\0bob@example.test\0" + SmtpClient.BOB_PW).getBytes(StandardCharsets.UTF_8));
            assertThat(c.cmd("AUTH PLAIN " + plain)).startsWith("235");
            assertThat(c.cmd("MAIL FROM:<bob@example.test>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250 2.1.5");
        }
        assertThat(rows("greylist_triplets")).isZero();
    }

    @Test
    void aRestartKeepsTheState() throws Exception {
        start("enabled = true\nexempt = []");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith(GREYLISTED);
        server.restart();
        clock.advance(Duration.ofMinutes(1));
        assertThat(rcpt("carol@example.org", ALICE)).isEqualTo(GREYLISTED + "240 seconds"); // the first attempt is remembered
        clock.advance(Duration.ofMinutes(4));
        assertThat(rcpt("carol@example.org", ALICE)).startsWith("250 2.1.5");
        server.restart();
        clock.advance(Duration.ofDays(10));
        assertThat(rcpt("carol@example.org", ALICE)).startsWith("250 2.1.5"); // and that it passed
    }

    @Test
    void aClientWhoseTripletsPassedOftenEnoughIsWhitelisted() throws Exception {
        start("enabled = true\nexempt = []\nauto_whitelist = 2\nexpiry = \"10d\"");
        for (String sender : new String[] {"a@one.example", "b@two.example"}) {
            assertThat(rcpt(sender, ALICE)).startsWith(GREYLISTED);
            clock.advance(Duration.ofMinutes(5));
            assertThat(rcpt(sender, ALICE)).startsWith("250 2.1.5");
        }
        assertThat(rcpt("c@three.example", ALICE)).startsWith("250 2.1.5"); // a new triplet, not greylisted
        assertThat(rcpt("127.0.1.1", "c@three.example", ALICE)).startsWith(GREYLISTED); // another network is not whitelisted
        clock.advance(Duration.ofDays(11));
        assertThat(rcpt("d@four.example", ALICE)).startsWith(GREYLISTED); // forgotten after expiry without mail
    }

    @Test
    void rowsPastTheirUseArePurged() throws Exception {
        start("enabled = true\nexempt = []\nexpiry = \"2d\"");
        assertThat(rcpt("carol@example.org", ALICE)).startsWith(GREYLISTED);
        clock.advance(Duration.ofMinutes(5));
        assertThat(rcpt("carol@example.org", ALICE)).startsWith("250 2.1.5");
        assertThat(rcpt("dave@example.org", ALICE)).startsWith(GREYLISTED);
        assertThat(rows("greylist_triplets")).isEqualTo(2);
        // past the retry window the unretried one goes; past the expiry the passed one and its client
        clock.advance(Duration.ofHours(25));
        assertThat(rcpt("erin@example.org", ALICE)).startsWith(GREYLISTED);
        assertThat(rows("greylist_triplets")).isEqualTo(2); // carol (passed) and erin
        clock.advance(Duration.ofDays(3));
        assertThat(rcpt("127.0.1.1", "frank@example.org", ALICE)).startsWith(GREYLISTED);
        assertThat(rows("greylist_triplets")).isEqualTo(1); // frank only
        assertThat(rows("greylist_clients")).isZero();
    }

    @Test
    void anIpv6ClientIsGreylistedByItsSlash64() throws Exception {
        server = setup("enabled = true\nexempt = []").toml("listen", "smtp = \"[::1]:0\"").start(dir);
        for (int i = 0; i < 2; i++) {
            try (SmtpClient c = server.closeAfter(SmtpClient.plain(server.address(Endpoint.SMTP)))) {
                c.hello();
                assertThat(c.cmd("MAIL FROM:<carol@example.org>")).startsWith("250");
                assertThat(c.cmd("RCPT TO:<alice@example.test>")).isEqualTo(i == 0 ? GREYLISTED + "300 seconds" : "250 2.1.5 Recipient ok");
            }
            clock.advance(Duration.ofMinutes(5));
        }
        String network = server.services().database().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT network FROM greylist_triplets")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(network).isEqualTo("0:0:0:0:0:0:0:0/64");
    }
}
