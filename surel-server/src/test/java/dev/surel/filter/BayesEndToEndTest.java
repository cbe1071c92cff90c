package dev.surel.filter;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.dns.TestDnsServer;
import dev.surel.net.Endpoint;
import dev.surel.protocol.bayes.BayesClassifier;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-user Bayes classifier end to end, over real sockets against a started server: alice
 * trains it with IMAP MOVE into Junk (spam) and out of Junk (ham), and then the next port 25
 * message with the spam words gets BAYES_SPAM in her copy's X-Spam-Status, a score higher by
 * bayes_weight, and lands in her Junk; a message with the ham words gets BAYES_HAM. Bob, an
 * untrained recipient of the same messages, keeps the intake score and his INBOX. COPY within
 * INBOX and moves from Junk to Trash train nothing.
 */
class BayesEndToEndTest {
    static final String PW = "secret";
    static TestDnsServer dns;

    static final String[] SPAM = {
        "cheap pills online, no prescription, order viagra now",
        "you won the lottery! claim your prize money today",
        "exclusive offer: cheap watches, free shipping, order now",
        "urgent: verify your bank account to claim the prize",
        "lose weight fast with these miracle pills, order today",
        "congratulations, your lottery ticket won a million dollars",
        "free money!!! click here to claim your cash prize now",
        "limited offer on cheap viagra and pills, buy now",
        "your account is suspended, verify your password urgently",
        "hot singles in your area, click now for free",
        "miracle investment doubles your money, act now",
        "claim your free gift card now, offer ends today",
    };
    static final String[] HAM = {
        "the project meeting moved to thursday afternoon, agenda attached",
        "please review the quarterly budget before our meeting",
        "lunch with the team on friday? the new place near the office",
        "minutes of yesterday's meeting and the action items for the release",
        "can you send the slides for the customer workshop",
        "build failed on the release branch, the test report is attached",
        "reminder: the office is closed on monday for the holiday",
        "thanks for the review, I updated the budget spreadsheet",
        "the customer asked for a workshop agenda and the slides",
        "release notes draft for thursday, please comment",
        "team lunch moved to the cafeteria, see you at noon",
        "project status: tests pass, release candidate ready for review",
    };

    @TempDir
    Path dir;
    TestServer server;

    @BeforeAll
    static void zone() throws Exception {
        dns = new TestDnsServer();
        dns.zone("""
                example.org. 300 IN TXT "v=spf1 -all"
                """);
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    void start(String filterLines) {
        server = TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP, Endpoint.IMAP)
                .user(ALICE, PW).user(BOB, PW)
                .toml("filter", "enabled = true\n" + filterLines)
                .toml("dns", "resolver = \"" + dns.address() + "\"\ntimeout = \"1s\"")
                .toml("queue", "relay_host = \"127.0.0.1:1\"")
                .start(dir);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static String message(int n, String subject, String body) {
        return "From: Carol <carol@example.net>\r\nTo: alice@example.test\r\nSubject: " + subject + "\r\n"
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <m" + n + "." + Math.abs(body.hashCode()) + "@example.net>\r\n\r\n"
                + body + "\r\n";
    }

    /** alice's classifier: 12 ham moved out of Junk, 12 spam moved into Junk, over IMAP. */
    void train() throws IOException {
        for (int i = 0; i < HAM.length; i++) server.deliver(server.alice(), "Junk", message(i, "note " + i, HAM[i]));
        for (int i = 0; i < SPAM.length; i++) server.deliver(server.alice(), "INBOX", message(100 + i, "offer " + i, SPAM[i]));
        try (LineClient c = server.connect(Endpoint.IMAP)) {
            ok(c.imap("LOGIN " + ALICE + " " + PW));
            ok(c.imap("SELECT Junk"));
            ok(c.imap("UID MOVE 1:* Archive"));           // ham
            ok(c.imap("SELECT INBOX"));
            ok(c.imap("COPY 1:3 INBOX"));                 // INBOX to INBOX: nothing
            ok(c.imap("UID MOVE 1:12 Junk"));             // spam (the three copies stay)
        }
        TestServer.await("training", () -> server.services().bayes().totals(server.alice()).spam() == SPAM.length
                && server.services().bayes().totals(server.alice()).ham() == HAM.length);
    }

    static void ok(List<String> lines) {
        assertThat(lines.getLast()).as(lines.toString()).matches("t\\d+ OK.*");
    }

    /** Sends over port 25 from carol@example.net to alice and bob; returns the final reply. */
    String send(String content) throws IOException {
        try (LineClient c = server.connect(Endpoint.SMTP)) {
            assertThat(c.reply()).startsWith("220");
            assertThat(c.smtp("EHLO client.example.net")).startsWith("250");
            assertThat(c.smtp("MAIL FROM:<carol@example.net>")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<" + ALICE + ">")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<" + BOB + ">")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            c.send(content);
            return c.smtp(".");
        }
    }

    /** The messages of a mailbox whose Subject is {@code subject}, waited for (10 s). */
    List<String> await(long account, String mailbox, String subject) {
        List<String> found = new ArrayList<>();
        TestServer.await(subject + " in " + mailbox, () -> {
            found.clear();
            found.addAll(messages(account, mailbox).stream().filter(m -> m.contains("\r\nSubject: " + subject + "\r\n")).toList());
            return !found.isEmpty();
        });
        return found;
    }

    List<String> messages(long account, String name) {
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

    static String field(String message, String name) {
        String header = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ":[ \t]*((?:[^\r\n]|\r\n[ \t])*)").matcher(header);
        return m.find() ? m.group(1).replaceAll("\r\n[ \t]", "") : null;
    }

    static double score(String message) {
        return Double.parseDouble(field(message, "X-Spam-Score"));
    }

    @Test
    void movesIntoAndOutOfJunkTrainTheNextMessagesScoreForThatUserOnly() throws Exception {
        start("junk_score = 2.5\nbayes_weight = 3.0");
        String spammy = "cheap viagra pills, claim your free prize money now, order today";
        // before training: the same words score what intake says, for both
        assertThat(send(message(200, "before", spammy))).startsWith("250");
        String aliceBefore = await(server.alice(), "INBOX", "before").getFirst();
        String bobBefore = await(server.bob(), "INBOX", "before").getFirst();
        assertThat(field(aliceBefore, "X-Spam-Status")).doesNotContain("BAYES");
        double base = score(aliceBefore);
        assertThat(base).as("intake score below junk_score").isLessThan(2.5 - 0.05);
        assertThat(score(bobBefore)).isEqualTo(base);

        train();
        assertThat(server.services().bayes().totals(server.bob())).isEqualTo(new BayesStore.Totals(0, 0, 0));

        assertThat(send(message(201, "after", spammy))).startsWith("250");
        String aliceAfter = await(server.alice(), "Junk", "after").getFirst();
        assertThat(field(aliceAfter, "X-Spam-Status")).startsWith("Yes, ").contains("BAYES_SPAM");
        assertThat(score(aliceAfter)).isEqualTo(base + 3.0);
        assertThat(field(aliceAfter, "X-Spam-Score")).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", base + 3.0));
        assertThat(aliceAfter).as("the fields appear once").containsOnlyOnce("X-Spam-Score:").containsOnlyOnce("X-Spam-Status:");
        assertThat(messages(server.alice(), "INBOX")).noneMatch(m -> m.contains("Subject: after\r\n"));

        String bobAfter = await(server.bob(), "INBOX", "after").getFirst();
        assertThat(field(bobAfter, "X-Spam-Status")).as("bob's classifier is untrained").startsWith("No, ").doesNotContain("BAYES");
        assertThat(score(bobAfter)).isEqualTo(base);

        assertThat(send(message(202, "hammy", "agenda for the project meeting on thursday, review the budget slides"))).startsWith("250");
        String aliceHam = await(server.alice(), "INBOX", "hammy").getFirst();
        assertThat(field(aliceHam, "X-Spam-Status")).startsWith("No, ").contains("BAYES_HAM");
        String bobHam = await(server.bob(), "INBOX", "hammy").getFirst();
        assertThat(score(aliceHam)).isEqualTo(score(bobHam) - 3.0);
    }

    @Test
    void junkToTrashAndCopiesOutOfJunkTrainNothingAndOffMeansOff() throws Exception {
        start("bayes = false");
        server.deliver(server.alice(), "Junk", message(1, "x", "some words here"));
        server.deliver(server.alice(), "INBOX", message(2, "y", "other words there"));
        try (LineClient c = server.connect(Endpoint.IMAP)) {
            ok(c.imap("LOGIN " + ALICE + " " + PW));
            ok(c.imap("SELECT INBOX"));
            ok(c.imap("MOVE 1 Junk"));
        }
        Thread.sleep(500);
        assertThat(server.services().bayes().totals(server.alice())).as("bayes = false").isEqualTo(new BayesStore.Totals(0, 0, 0));
        server.close();

        start("");
        try (LineClient c = server.connect(Endpoint.IMAP)) {
            ok(c.imap("LOGIN " + ALICE + " " + PW));
            ok(c.imap("SELECT Junk"));
            ok(c.imap("COPY 1 INBOX"));     // a copy out of Junk: the message is still in Junk
            ok(c.imap("MOVE 1 Trash"));     // deleted, not ham
            ok(c.imap("SELECT INBOX"));
            ok(c.imap("MOVE 1 Junk"));      // spam: the one lesson
        }
        TestServer.await("the spam lesson", () -> server.services().bayes().totals(server.alice()).spam() == 1);
        Thread.sleep(300);
        assertThat(server.services().bayes().totals(server.alice()).ham()).isZero();
        assertThat(server.services().bayes().totals(server.alice()).spam()).isEqualTo(1);

        // the user changes their mind: back out of Junk is ham instead of spam; into Junk twice counts once
        try (LineClient c = server.connect(Endpoint.IMAP)) {
            ok(c.imap("LOGIN " + ALICE + " " + PW));
            ok(c.imap("SELECT Junk"));
            ok(c.imap("MOVE * Archive"));   // the one trained as spam (the other Junk message came while bayes was off)
        }
        TestServer.await("spam taken back, ham", () -> server.services().bayes().totals(server.alice()).equals(
                new BayesStore.Totals(0, 1, server.services().bayes().totals(server.alice()).tokens())));
        try (LineClient c = server.connect(Endpoint.IMAP)) {
            ok(c.imap("LOGIN " + ALICE + " " + PW));
            ok(c.imap("SELECT Archive"));
            ok(c.imap("COPY 1 Junk"));
            ok(c.imap("COPY 1 Junk"));
        }
        TestServer.await("ham taken back, spam once", () -> server.services().bayes().totals(server.alice()).spam() == 1
                && server.services().bayes().totals(server.alice()).ham() == 0);
        Thread.sleep(300);
        assertThat(server.services().bayes().totals(server.alice()).spam()).isEqualTo(1);
        assertThat(BayesClassifier.MIN_TRAINED).isEqualTo(10);
    }
}
