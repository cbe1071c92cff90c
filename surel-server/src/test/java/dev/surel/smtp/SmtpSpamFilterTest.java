package dev.surel.smtp;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.protocol.filter.Gtube;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spam scoring of port 25 mail ({@code [filter]}, docs/filtering.md) against a started server over
 * real sockets: GTUBE refused at the default reject_score and filed into Junk below it, the
 * X-Spam-Score / X-Spam-Status fields on every delivered message (forged incoming ones removed),
 * header rules adding up to junk, the mail-authentication results scored, DNS blocklists (RFC
 * 5782) through a loopback DNS server ({@link TestDnsServer}), submission untouched.
 */
class SmtpSpamFilterTest {

    static TestDnsServer dns;

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void zone() throws Exception {
        dns = new TestDnsServer();
        dns.zone("""
                2.0.0.127.bl.test. 300 IN A 127.0.0.2
                1.0.0.127.bl.test. 300 IN A 127.0.0.2
                1.0.0.127.other.test. 300 IN A 127.0.0.3
                1.0.0.127.refusing.test. 300 IN A 127.255.255.254
                1.0.0.127.outside.test. 300 IN A 10.0.0.1
                shop.example. 300 IN TXT "v=spf1 -all"
                _dmarc.shop.example. 300 IN TXT "v=DMARC1; p=none"
                """);
        dns.silent("1.0.0.127.slow.test");
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    static TestSetup setup(String filterLines) {
        return TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP, Endpoint.SUBMISSION)
                .user(ALICE, SmtpClient.ALICE_PW).user(BOB, SmtpClient.BOB_PW)
                .toml("filter", "enabled = true\n" + filterLines)
                .toml("dns", "resolver = \"" + dns.address() + "\"\ntimeout = \"1s\"")
                .toml("queue", "relay_host = \"127.0.0.1:1\"");
    }

    void start(String filterLines) {
        server = setup(filterLines).start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** A message with every field the header rules want. */
    static String message(String subject, String body) {
        return "From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: " + subject + "\r\n"
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "@example.org>\r\n\r\n"
                + body + "\r\n";
    }

    /** Sends over port 25 with DATA from {@code mailFrom} to alice; returns the final reply. */
    static String send(TestServer server, String mailFrom, String content) throws IOException {
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<" + mailFrom + ">")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            assertThat(c.cmd("DATA")).startsWith("354");
            c.send(content.getBytes(StandardCharsets.UTF_8));
            return c.cmd(".");
        }
    }

    static String send(TestServer server, String content) throws IOException {
        return send(server, "carol@example.org", content);
    }

    /** The messages of alice's mailbox {@code name}, as text. */
    static List<String> mailbox(TestServer server, String name) {
        long account = server.alice();
        long box = server.mailbox(account, name);
        List<String> out = new ArrayList<>();
        for (MessageMeta m : server.store().messages(account, box, UidRange.ALL)) {
            try (SizedStream s = server.store().open(account, box, m.uid())) {
                out.add(new String(s.in().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** The value of a header field, unfolded, or null. */
    static String field(String message, String name) {
        String header = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ":[ \t]*((?:[^\r\n]|\r\n[ \t])*)").matcher(header);
        return m.find() ? m.group(1).replaceAll("\r\n[ \t]", "") : null;
    }

    static int count(String message, String name) {
        String header = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        return (int) Pattern.compile("(?mi)^" + Pattern.quote(name) + ":").matcher(header).results().count();
    }

    @Test
    void gtubeIsRefusedAtTheDefaultRejectScore() throws Exception {
        start("");
        String reply = send(server, message("test", "This is " + Gtube.STRING + " spam."));
        assertThat(reply).startsWith("550 5.7.1 ").contains("GTUBE");
        assertThat(server.inbox(server.alice())).isEmpty();
    }

    @Test
    void gtubeBelowTheRejectScoreGoesToJunkWithItsFields() throws Exception {
        start("reject_score = 5000.0");
        assertThat(send(server, message("test", Gtube.STRING))).startsWith("250 2.0.0");
        TestServer.await("the message in Junk", () -> mailbox(server, "Junk").size() == 1);
        String m = mailbox(server, "Junk").getFirst();
        assertThat(field(m, "X-Spam-Score")).isEqualTo("1000.0");
        assertThat(field(m, "X-Spam-Status")).isEqualTo("Yes, score=1000.0 required=5.0 tests=GTUBE");
        assertThat(server.inbox(server.alice())).isEmpty();
    }

    @Test
    void gtubeOverBdatToo() throws Exception {
        start("");
        byte[] b = message("bdat", Gtube.STRING).getBytes(StandardCharsets.UTF_8);
        int half = b.length / 2;
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SMTP)) {
            c.hello();
            assertThat(c.cmd("MAIL FROM:<carol@example.org>")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            c.send("BDAT " + half + "\r\n");
            c.send(Arrays.copyOfRange(b, 0, half));
            assertThat(c.reply()).startsWith("250");
            c.send("BDAT " + (b.length - half) + " LAST\r\n");
            c.send(Arrays.copyOfRange(b, half, b.length));
            assertThat(c.reply()).startsWith("550 5.7.1");
        }
    }

    @Test
    void everyDeliveredMessageIsScoredAndForgedFieldsAreRemoved() throws Exception {
        start("");
        String forged = "X-Spam-Status: No, score=-100.0 required=5.0 tests=TRUST_ME\r\nx-spam-score: -100\r\nX-Spam-Flag: NO\r\n"
                + message("hello", "Good mail.");
        assertThat(send(server, forged)).startsWith("250 2.0.0");
        String m = server.awaitInbox(server.alice(), 1).getFirst();
        assertThat(count(m, "X-Spam-Status")).isEqualTo(1);
        assertThat(count(m, "X-Spam-Score")).isEqualTo(1);
        assertThat(count(m, "X-Spam-Flag")).isZero();
        assertThat(field(m, "X-Spam-Score")).isEqualTo("0.0");
        assertThat(field(m, "X-Spam-Status")).isEqualTo("No, score=0.0 required=5.0 tests=none");
        assertThat(m).doesNotContain("TRUST_ME").contains("\r\n\r\nGood mail.\r\n");
    }

    @Test
    void headerRulesAddUpToJunk() throws Exception {
        start("");
        String spam = "From: \"security@bank.example\" <x@cheap.example>\r\nTo: alice@example.test\r\nSubject: URGENT ACCOUNT NOTICE\r\n\r\nhi\r\n";
        assertThat(send(server, spam)).startsWith("250 2.0.0");
        TestServer.await("the message in Junk", () -> mailbox(server, "Junk").size() == 1);
        assertThat(field(mailbox(server, "Junk").getFirst(), "X-Spam-Status"))
                .isEqualTo("Yes, score=6.0 required=5.0 tests=MISSING_DATE,MISSING_MID,FROM_NAME_DOMAIN,SUBJ_ALL_CAPS");
    }

    @Test
    void mailAuthenticationResultsAreScored() throws Exception {
        server = setup("junk_score = 3.0").toml("mail_auth", "inbound = true").start(dir);
        // shop.example: SPF -all, DMARC p=none: DMARC fails (no aligned pass) without a policy to apply
        assertThat(send(server, "seller@shop.example", message("offer", "Buy.").replace("carol@example.org", "seller@shop.example")))
                .startsWith("250 2.0.0");
        TestServer.await("the message in Junk", () -> mailbox(server, "Junk").size() == 1);
        String m = mailbox(server, "Junk").getFirst();
        assertThat(field(m, "Authentication-Results")).contains("dmarc=fail");
        assertThat(field(m, "X-Spam-Status")).isEqualTo("Yes, score=5.0 required=3.0 tests=DMARC_FAIL,SPF_FAIL");
    }

    @Test
    void dnsBlocklistsAreAskedAboutTheClient() throws Exception {
        start("dnsbl = [\"bl.test\", \"other.test\", \"none.test\", \"refusing.test\", \"outside.test\"]\njunk_score = 100.0\nreject_score = 200.0");
        assertThat(send(server, message("listed", "From a listed address."))).startsWith("250 2.0.0");
        String m = server.awaitInbox(server.alice(), 1).getFirst();
        // 127.0.0.1 is listed in bl.test and other.test; none.test has no entry; 127.255.255.x is an error code; 10.0.0.1 is outside 127/8
        assertThat(field(m, "X-Spam-Status")).isEqualTo("No, score=8.0 required=100.0 tests=DNSBL_bl.test,DNSBL_other.test");
        assertThat(dns.queries("1.0.0.127.none.test", "A")).isEqualTo(1);
    }

    @Test
    void aSilentBlocklistAddsNothingAndDoesNotHold() throws Exception {
        start("dnsbl = [\"slow.test\", \"bl.test\"]\nscanner_timeout = \"5s\"");
        long t0 = System.nanoTime();
        assertThat(send(server, message("slow", "The list does not answer."))).startsWith("250 2.0.0");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms, the [dns] timeout is 1 s").isLessThan(4_500);
        assertThat(field(server.awaitInbox(server.alice(), 1).getFirst(), "X-Spam-Status")).endsWith("tests=DNSBL_bl.test");
    }

    @Test
    void noBlocklistNoDns() throws Exception {
        start("");
        int before = dns.queries("1.0.0.127.bl.test", "A");
        assertThat(send(server, message("quiet", "No lookups."))).startsWith("250 2.0.0");
        server.awaitInbox(server.alice(), 1);
        assertThat(dns.queries("1.0.0.127.bl.test", "A")).isEqualTo(before);
    }

    @Test
    void submissionIsNotFiltered() throws Exception {
        start("");
        try (SmtpClient c = SmtpClient.connect(server, Endpoint.SUBMISSION)) {
            c.hello();
            assertThat(c.cmd("AUTH PLAIN " + SmtpSubmissionTest.plain(BOB, SmtpClient.BOB_PW))).startsWith("235");
            assertThat(c.cmd("MAIL FROM:<" + BOB + ">")).startsWith("250");
            assertThat(c.cmd("RCPT TO:<alice@example.test>")).startsWith("250");
            assertThat(c.cmd("DATA")).startsWith("354");
            assertThat(c.cmd("From: " + BOB + "\r\nX-Spam-Status: kept\r\nSubject: gtube\r\n\r\n" + Gtube.STRING + "\r\n."))
                    .startsWith("250 2.0.0");
        }
        String m = server.awaitInbox(server.alice(), 1).getFirst();
        assertThat(field(m, "X-Spam-Status")).isEqualTo("kept");
        assertThat(field(m, "X-Spam-Score")).isNull();
    }
}
