package dev.surel.queue;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static dev.surel.testkit.TestData.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.delivery.TestSmtpPeer;
import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.MailboxInfo;
import dev.surel.store.MessageMeta;
import dev.surel.store.SizedStream;
import dev.surel.store.UidRange;
import dev.surel.testkit.LineClient;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sieve at local delivery ({@link SieveDelivery}) on a started server over real sockets: mail
 * sent over SMTP port 25 to a user with an active script lands where the script says, with its
 * flags; vacation replies, redirected copies and rejection notices leave through the queue to a
 * peer SMTP server ({@link TestSmtpPeer} as relay host); a failing script keeps the message.
 */
class SieveDeliveryTest {

    @TempDir
    Path dir;
    TestServer server;
    TestSmtpPeer peer;

    @AfterEach
    void stop() throws IOException {
        if (server != null) server.close();
        if (peer != null) peer.close();
    }

    void start(UnaryOperator<TestSetup> more) throws Exception {
        peer = new TestSmtpPeer("127.0.0.1", 0);
        server = more.apply(TestServer.setup().hostname("mx.example.test").listen(Endpoint.SMTP)
                        .user(ALICE, "alice secret").user(BOB, "bob secret")
                        .toml("queue", "relay_host = \"127.0.0.1:" + peer.port() + "\""))
                .start(dir.resolve("srv"));
    }

    void start() throws Exception {
        start(s -> s);
    }

    void script(String content) {
        server.services().sieveScripts().put(server.alice(), "main", content);
        server.services().sieveScripts().setActive(server.alice(), "main");
    }

    static String message(String subject, String extra) {
        return "From: Carol <carol@example.org>\r\nTo: alice@example.test\r\nSubject: " + subject + "\r\n" + extra
                + "Date: Mon, 07 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + Math.abs(subject.hashCode()) + "." + extra.length()
                + "@example.org>\r\n\r\nHello.\r\n";
    }

    /** Sends over port 25 and waits until the queue has nothing left (local delivery and anything sent on are done). */
    String send(String from, String to, String content) throws IOException {
        String reply;
        try (LineClient c = LineClient.plain(server.address(Endpoint.SMTP))) {
            c.sendLine("EHLO client.example.org");
            c.until(l -> l.startsWith("250 "));
            c.sendLine("MAIL FROM:<" + from + ">");
            assertThat(c.line()).startsWith("250");
            c.sendLine("RCPT TO:<" + to + ">");
            assertThat(c.line()).startsWith("250");
            c.sendLine("DATA");
            assertThat(c.line()).startsWith("354");
            c.send((content + ".\r\n").getBytes(StandardCharsets.UTF_8));
            reply = c.line();
            c.sendLine("QUIT");
        }
        assertThat(reply).startsWith("250");
        await("the queue to empty", () -> server.queue().list().isEmpty());
        return reply;
    }

    String send(String content) throws IOException {
        return send("carol@example.org", ALICE, content);
    }

    /** Alice's mailbox {@code name}: each message's text, or none when the mailbox does not exist. */
    List<String> mailbox(String name) {
        List<String> out = new ArrayList<>();
        for (MessageMeta m : metas(name)) {
            long box = server.mailbox(server.alice(), name);
            try (SizedStream s = server.store().open(server.alice(), box, m.uid())) {
                out.add(new String(s.in().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    List<MessageMeta> metas(String name) {
        for (MailboxInfo i : server.store().listMailboxes(server.alice())) {
            if (i.name().equals(name)) return server.store().messages(server.alice(), i.id(), UidRange.ALL);
        }
        return List.of();
    }

    static String field(String message, String name) {
        String header = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        Matcher m = Pattern.compile("(?mi)^" + Pattern.quote(name) + ":[ \t]*((?:[^\r\n]|\r\n[ \t])*)").matcher(header);
        return m.find() ? m.group(1).replaceAll("\r\n[ \t]", "") : null;
    }

    List<TestSmtpPeer.Received> sentOn(int n) {
        await(n + " message(s) at the peer", () -> peer.received().size() >= n);
        return peer.received();
    }

    @Test
    void fileintoCreatesTheMailboxAndSetsTheFlags() throws Exception {
        start();
        script("""
                require ["fileinto", "imap4flags", "mailbox"];
                if header :contains "subject" "report" {
                    fileinto :create :flags ["\\\\Seen", "$Work"] "Reports/Daily";
                }
                """);
        send(message("daily report", ""));
        send(message("hello", ""));
        List<MessageMeta> filed = metas("Reports/Daily");
        assertThat(filed).hasSize(1);
        assertThat(filed.getFirst().flags().system()).containsExactly(Flag.SEEN);
        assertThat(filed.getFirst().flags().keywords()).containsExactly("$Work");
        assertThat(mailbox("INBOX")).hasSize(1).first().satisfies(m -> assertThat(field(m, "Subject")).isEqualTo("hello"));
        assertThat(field(mailbox("Reports/Daily").getFirst(), "Delivered-To")).isEqualTo(ALICE);
    }

    @Test
    void fileintoAMissingMailboxWithoutCreateKeepsTheMessage() throws Exception {
        start();
        script("require \"fileinto\"; fileinto \"Nowhere\";");
        send(message("lost?", ""));
        assertThat(mailbox("INBOX")).hasSize(1);
        assertThat(metas("Nowhere")).isEmpty();
    }

    @Test
    void aCopyGoesToEveryMailboxAndImplicitKeepToInbox() throws Exception {
        start();
        script("""
                require ["fileinto", "copy", "imap4flags"];
                addflag "\\\\Flagged";
                fileinto :copy "Archive";
                """);
        send(message("twice", ""));
        assertThat(metas("Archive")).hasSize(1);
        assertThat(metas("INBOX")).hasSize(1).first().satisfies(m -> assertThat(m.flags().system()).containsExactly(Flag.FLAGGED));
    }

    @Test
    void discardStoresNothingAndFinishesTheRecord() throws Exception {
        start();
        script("if header :contains \"subject\" \"junk\" { discard; }");
        send(message("junk offer", ""));
        assertThat(mailbox("INBOX")).isEmpty();
        assertThat(server.queue().list()).isEmpty();
    }

    @Test
    void aFailingScriptKeepsTheMessageInInbox() throws Exception {
        start();
        // five redirects: over the run-time limit of 4 (RFC 5228 §2.10.6: the run fails, implicit keep)
        script("redirect \"a@remote.test\"; redirect \"b@remote.test\"; redirect \"c@remote.test\"; "
                + "redirect \"d@remote.test\"; redirect \"e@remote.test\";");
        send(message("too many", ""));
        assertThat(mailbox("INBOX")).hasSize(1);
        Thread.sleep(300);
        assertThat(peer.received()).isEmpty();
    }

    @Test
    void aScriptThatNoLongerCompilesKeepsTheMessage() throws Exception {
        start();
        script("require \"fileinto\";\nfileinto \"Archive\"\n"); // stored unchecked: the missing ";" is a syntax error
        send(message("broken", ""));
        assertThat(mailbox("INBOX")).hasSize(1);
        assertThat(metas("Archive")).isEmpty();
    }

    @Test
    void vacationRepliesOncePerSenderAndNeverToListsOrBlindCopies() throws Exception {
        start();
        script("""
                require "vacation";
                vacation :days 1 :subject "Away until Monday" "I am away.";
                """);
        send(message("first", ""));
        List<TestSmtpPeer.Received> sent = sentOn(1);
        TestSmtpPeer.Received reply = sent.getFirst();
        assertThat(reply.mailFrom()).isEmpty(); // RFC 5230 §5.1: the null reverse-path
        assertThat(reply.rcptTo()).containsExactly("carol@example.org");
        String text = reply.text();
        assertThat(field(text, "Auto-Submitted")).startsWith("auto-replied");
        assertThat(field(text, "Subject")).isEqualTo("Away until Monday");
        assertThat(field(text, "From")).isEqualTo("<alice@example.test>");
        assertThat(field(text, "In-Reply-To")).isEqualTo("<" + Math.abs("first".hashCode()) + ".0@example.org>");
        assertThat(text).contains("I am away.");

        send(message("second", "")); // the same sender within the period
        send("dave@example.org", ALICE, message("news", "List-Id: <news.example.org>\r\n"));
        send("erin@example.org", ALICE, message("bcc", "").replace("To: alice@example.test", "To: someone@example.org"));
        send("frank@example.org", ALICE, message("bulk", "Precedence: bulk\r\n"));
        Thread.sleep(500);
        assertThat(peer.received()).hasSize(1);
        assertThat(mailbox("INBOX")).hasSize(5); // vacation keeps the message

        send("grace@example.org", ALICE, message("other sender", ""));
        assertThat(sentOn(2).get(1).rcptTo()).containsExactly("grace@example.org");
    }

    @Test
    void redirectSendsTheMessageOnFromAnSrsAddressAndKeepsNothing() throws Exception {
        start();
        script("redirect \"carol@remote.test\";");
        send(message("for carol", ""));
        TestSmtpPeer.Received d = sentOn(1).getFirst();
        assertThat(d.rcptTo()).containsExactly("carol@remote.test");
        assertThat(d.mailFrom()).startsWithIgnoringCase("SRS0=").endsWith("@example.test");
        assertThat(field(d.text(), "Delivered-To")).isEqualTo(ALICE);
        assertThat(d.text()).contains("Hello.");
        assertThat(mailbox("INBOX")).isEmpty();
    }

    @Test
    void redirectCopyToALocalUserAlsoKeeps() throws Exception {
        start();
        script("require \"copy\"; redirect :copy \"bob@example.test\";");
        send(message("share", ""));
        assertThat(mailbox("INBOX")).hasSize(1);
        await("bob's copy", () -> server.inbox(server.bob()).size() == 1);
        assertThat(server.inbox(server.bob()).getFirst()).contains("Delivered-To: " + BOB).contains("Delivered-To: " + ALICE);
    }

    @Test
    void aMessageThatWasHereBeforeIsNotRedirectedAgainButKept() throws Exception {
        start();
        script("redirect \"carol@remote.test\";");
        send(message("loop", "Delivered-To: alice@example.test\r\n"));
        assertThat(mailbox("INBOX")).hasSize(1);
        Thread.sleep(300);
        assertThat(peer.received()).isEmpty();
    }

    /** Sends one message over port 25 to several recipients; returns the reply to the end of data. */
    String sendTo(String from, List<String> to, String content) throws IOException {
        try (LineClient c = LineClient.plain(server.address(Endpoint.SMTP))) {
            c.sendLine("EHLO client.example.org");
            c.until(l -> l.startsWith("250 "));
            c.sendLine("MAIL FROM:<" + from + ">");
            assertThat(c.line()).startsWith("250");
            for (String t : to) {
                c.sendLine("RCPT TO:<" + t + ">");
                assertThat(c.line()).startsWith("250");
            }
            c.sendLine("DATA");
            assertThat(c.line()).startsWith("354");
            c.send((content + ".\r\n").getBytes(StandardCharsets.UTF_8));
            return c.line();
        }
    }

    @Test
    void rejectForOneRecipientIsRefusedAtData() throws Exception {
        start();
        script("require \"reject\"; if header :contains \"subject\" \"buy\" { reject \"I do not want this.\"; }");
        // RFC 5429 §2.1: refused in the SMTP transaction, so the sender's own server tells the sender; nothing queued
        assertThat(sendTo("carol@example.org", List.of(ALICE), message("buy now", ""))).startsWith("550 5.7.1 ")
                .contains("I do not want this.");
        assertThat(server.queue().list()).isEmpty();
        assertThat(mailbox("INBOX")).isEmpty();
        send(message("hello", "")); // a message the script does not reject is taken as usual
        assertThat(mailbox("INBOX")).hasSize(1);
        Thread.sleep(300);
        assertThat(peer.received()).isEmpty();
    }

    @Test
    void rejectForOneOfSeveralRecipientsSendsAnMdnAndStoresNothingForThem() throws Exception {
        start();
        script("require \"reject\"; reject \"I do not want this.\";");
        // a 5xx after DATA would refuse bob too: taken, then the notice (RFC 5429 §2.1.1)
        assertThat(sendTo("carol@example.org", List.of(ALICE, BOB), message("unwanted", ""))).startsWith("250");
        await("the queue to empty", () -> server.queue().list().isEmpty());
        TestSmtpPeer.Received d = sentOn(1).getFirst();
        assertThat(d.mailFrom()).isEmpty();
        assertThat(d.rcptTo()).containsExactly("carol@example.org");
        assertThat(field(d.text(), "Content-Type")).contains("multipart/report").contains("disposition-notification");
        assertThat(d.text()).contains("Disposition: automatic-action/MDN-sent-automatically; deleted")
                .contains("I do not want this.").contains("Final-Recipient: rfc822; " + ALICE);
        assertThat(mailbox("INBOX")).isEmpty();
        assertThat(server.inbox(server.bob())).hasSize(1);
    }

    @Test
    void duplicateSeesTheSecondCopyOfAMessageId() throws Exception {
        start();
        script("""
                require ["duplicate", "fileinto", "mailbox"];
                if duplicate { fileinto :create "Duplicates"; }
                """);
        send(message("once", ""));
        send(message("once", ""));
        assertThat(metas("INBOX")).hasSize(1);
        assertThat(metas("Duplicates")).hasSize(1);
    }

    @Test
    void editheaderChangesTheStoredCopy() throws Exception {
        start();
        script("""
                require "editheader";
                addheader "X-Sorted" "yes, für dich";
                deleteheader "X-Tracking";
                """);
        send(message("edit me", "X-Tracking: 123\r\n"));
        String stored = mailbox("INBOX").getFirst();
        assertThat(field(stored, "X-Tracking")).isNull();
        assertThat(field(stored, "X-Sorted")).startsWith("=?UTF-8?").doesNotContain("ü");
        assertThat(stored).startsWith("X-Sorted: ").endsWith("\r\n\r\nHello.\r\n");
        assertThat(field(stored, "Subject")).isEqualTo("edit me");
    }

    @Test
    void subaddressAndVariablesFileByDetail() throws Exception {
        start();
        script("""
                require ["envelope", "subaddress", "variables", "fileinto", "mailbox"];
                if envelope :detail :matches "to" "*" { fileinto :create "lists/${1}"; }
                """);
        send("carol@example.org", "alice+news@example.test", message("detail", ""));
        assertThat(metas("lists/news")).hasSize(1);
    }

    @Test
    void spamtestReadsTheFiltersScore() throws Exception {
        start(s -> s.toml("filter", "enabled = true"));
        script("""
                require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto", "mailbox"];
                if spamtest :value "ge" :comparator "i;ascii-numeric" "1" { fileinto :create "Scored"; }
                """);
        send(message("scored", ""));
        assertThat(metas("Scored")).hasSize(1);
    }

    @Test
    void spamtestWithoutTheFilterIsNotTested() throws Exception {
        start();
        script("""
                require ["spamtest", "relational", "comparator-i;ascii-numeric", "fileinto", "mailbox"];
                if spamtest :value "ge" :comparator "i;ascii-numeric" "1" { fileinto :create "Scored"; }
                """);
        send(message("unscored", ""));
        assertThat(metas("Scored")).isEmpty();
        assertThat(metas("INBOX")).hasSize(1);
    }

    @Test
    void theGlobalBeforeScriptRunsForUsersWithAndWithoutScripts() throws Exception {
        Path before = dir.resolve("before.sieve");
        Files.writeString(before, """
                require ["fileinto", "mailbox"];
                if header :contains "subject" "[site]" { fileinto :create "Site"; stop; }
                """);
        start(s -> s.toml("sieve", "before = \"" + before.toString().replace("\\", "\\\\") + "\""));
        script("require \"fileinto\"; fileinto \"Archive\";");
        send(message("[site] notice", ""));
        send(message("personal", ""));
        assertThat(metas("Site")).hasSize(1);
        assertThat(metas("Archive")).hasSize(1); // the user's script ran for the second only (stop)
        send("carol@example.org", BOB, message("[site] for bob", ""));
        long box = server.mailbox(server.bob(), "Site");
        assertThat(server.store().messages(server.bob(), box, UidRange.ALL)).hasSize(1);
    }
}
