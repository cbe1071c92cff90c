package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.sql.SqlMailStore;
import dev.surel.testkit.TestServer;
import dev.surel.testkit.TestSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FETCH response path of issue 16 (RFC 9051 §6.4.5, §7.5.2): many messages' responses collected
 * in one builder and written a batch at a time, only the stored items a FETCH sends read from the
 * store, sequence sets resolved to ascending distinct messages, flag lists rendered once per flag
 * set, a whole message opened by its hash. Each answer must be the one the same command gives
 * message by message.
 */
class ImapFetchResponsePathTest {

    static final String PASSWORD = "secret-pw";

    @TempDir Path dir;

    private static TestSetup setup() {
        return TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).toml("search", "full_text = false");
    }

    private static final List<String> SHAPES = ImapPreparedItemsTest.messages();

    /** Message n: one of the varied shapes of {@link ImapPreparedItemsTest#messages()} (encoded words, UTF-8, groups, multipart), its own content. */
    private static String message(int n) {
        return "X-Seq: " + n + "\r\n" + SHAPES.get(n % SHAPES.size());
    }

    private static String numbers(int from, int to, int step) {
        StringJoiner j = new StringJoiner(",");
        for (int i = from; i <= to; i += step) j.add(Integer.toString(i));
        return j.toString();
    }

    /** The FETCH responses of a command's answer (the tagged line checked; others, e.g. HIGHESTMODSEQ once CONDSTORE is on, dropped). */
    private static List<String> fetched(ImapClient c, String command) throws Exception {
        List<String> r = c.command(command);
        c.expectOk(r);
        return r.stream().filter(l -> l.matches("\\* \\d+ FETCH .*")).toList();
    }

    @Test
    void manyMessagesInOneFetchAnswerAsOneByOneAndEachItemAsAlone() throws Exception {
        int n = 300;
        try (TestServer fx = setup().start(dir)) {
            for (int i = 1; i <= n; i++) fx.deliver(fx.alice(), message(i));
            ImapClient c = ImapClient.login(fx, ALICE);
            c.expectOk(c.command("SELECT INBOX"));
            // several distinct flag sets, keywords among them (each rendered once per session)
            c.expectOk(c.command("STORE " + numbers(3, n, 3) + " +FLAGS.SILENT (\\Seen)"));
            c.expectOk(c.command("STORE " + numbers(7, n, 7) + " +FLAGS.SILENT (\\Flagged $Work)"));
            c.expectOk(c.command("STORE " + numbers(11, n, 11) + " +FLAGS.SILENT (\\Answered Later)"));

            String items = "UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY BODYSTRUCTURE MODSEQ";
            List<String> all = fetched(c, "FETCH 1:* (" + items + ")");
            assertThat(all).hasSize(n);
            assertThat(String.join("\r\n", all).length()).as("more than a few batches of responses")
                    .isGreaterThan(3 * FetchCmd.BATCH);
            List<String> oneByOne = new ArrayList<>();
            for (int i = 1; i <= n; i++) oneByOne.addAll(fetched(c, "FETCH " + i + " (" + items + ")"));
            assertThat(all).isEqualTo(oneByOne);
            assertThat(all.get(20)).startsWith("* 21 FETCH (UID 21 FLAGS (\\Seen \\Flagged \\Recent $Work) ");

            // ENVELOPE alone and BODYSTRUCTURE alone read only their own stored values: together
            // they make exactly the answer to both at once
            List<String> envelopes = fetched(c, "FETCH 1:* (ENVELOPE)");
            List<String> structures = fetched(c, "FETCH 1:* (BODYSTRUCTURE)");
            List<String> bodies = fetched(c, "UID FETCH 1:* (BODY)");
            List<String> both = fetched(c, "FETCH 1:* (BODYSTRUCTURE BODY ENVELOPE)");
            // message 1 (text/plain, "body 1"): each value is its own (RFC 9051 §7.5.2 BODY is BODYSTRUCTURE without extension data)
            assertThat(structures.getFirst()).isEqualTo("* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 1 NIL NIL NIL NIL))");
            assertThat(bodies.getFirst()).isEqualTo("* 1 FETCH (UID 1 BODY (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 8 1))");
            assertThat(envelopes.getFirst()).startsWith("* 1 FETCH (ENVELOPE (NIL \"=?UTF-8?Q?Caf=C3=A9?= 1\" ((");
            for (int i = 1; i <= n; i++) {
                String env = value(envelopes.get(i - 1), "* " + i + " FETCH (ENVELOPE ");
                String st = value(structures.get(i - 1), "* " + i + " FETCH (BODYSTRUCTURE ");
                String body = value(bodies.get(i - 1), "* " + i + " FETCH (UID " + i + " BODY ");
                assertThat(both.get(i - 1)).isEqualTo("* " + i + " FETCH (BODYSTRUCTURE " + st + " BODY " + body + " ENVELOPE " + env + ")");
                assertThat(all.get(i - 1)).contains(" ENVELOPE " + env + " BODY " + body + " BODYSTRUCTURE " + st + " MODSEQ (");
            }
            c.expectOk(c.command("LOGOUT"));
        }
    }

    /** The value after {@code prefix} up to the closing parenthesis of the response. */
    private static String value(String line, String prefix) {
        assertThat(line).startsWith(prefix).endsWith(")");
        return line.substring(prefix.length(), line.length() - 1);
    }

    @Test
    void sequenceSetsNameAscendingDistinctMessages() throws Exception {
        try (TestServer fx = setup().start(dir)) {
            for (int i = 1; i <= 10; i++) fx.deliver(fx.alice(), message(i));
            ImapClient c = ImapClient.login(fx, ALICE);
            c.expectOk(c.command("SELECT INBOX"));
            c.expectOk(c.command("STORE 4,6 +FLAGS.SILENT (\\Deleted)"));
            c.expectOk(c.command("EXPUNGE")); // UIDs 1 2 3 5 7 8 9 10 at 1..8

            // RFC 9051 §9 sequence-set: ranges in any order, overlapping, reversed, with *
            assertThat(fetched(c, "FETCH 7,1:3,2,5:4,* (UID)")).containsExactly("* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)",
                    "* 3 FETCH (UID 3)", "* 4 FETCH (UID 5)", "* 5 FETCH (UID 7)", "* 7 FETCH (UID 9)", "* 8 FETCH (UID 10)");
            assertThat(fetched(c, "FETCH *:7 (UID)")).containsExactly("* 7 FETCH (UID 9)", "* 8 FETCH (UID 10)");
            // UID sets: UIDs without a message are skipped; * is the highest UID, so 20:* is 10
            assertThat(fetched(c, "UID FETCH 6:4,1,3:2,9:9,20:* (FLAGS)")).containsExactly("* 1 FETCH (UID 1 FLAGS (\\Recent))",
                    "* 2 FETCH (UID 2 FLAGS (\\Recent))", "* 3 FETCH (UID 3 FLAGS (\\Recent))", "* 4 FETCH (UID 5 FLAGS (\\Recent))",
                    "* 7 FETCH (UID 9 FLAGS (\\Recent))", "* 8 FETCH (UID 10 FLAGS (\\Recent))");
            assertThat(fetched(c, "UID FETCH 4,6,11:15 (FLAGS)")).isEmpty();
            // a message number beyond the mailbox is BAD (RFC 3501 §9 "invalid message sequence number")
            assertThat(ImapClient.tagged(c.command("FETCH 2,9 (UID)"))).startsWith("BAD");
            assertThat(ImapClient.tagged(c.command("STORE 1:9 +FLAGS (\\Seen)"))).startsWith("BAD");
            c.expectOk(c.command("LOGOUT"));
        }
    }

    @Test
    void wholeMessageFetchRunsNoQuery() throws Exception {
        try (TestServer fx = setup().start(dir)) {
            for (int i = 1; i <= 5; i++) fx.deliver(fx.alice(), message(i));
            ImapClient c = ImapClient.login(fx, ALICE);
            c.expectOk(c.command("SELECT INBOX")); // loads the mailbox's index: metadata from memory from now on
            var db = ((SqlMailStore) fx.store()).database();
            long before = db.reads();
            int fetches = 20;
            for (int i = 0; i < fetches; i++) {
                List<String> r = c.command("FETCH " + (1 + i % 5) + " BODY.PEEK[]");
                c.expectOk(r);
                assertThat(r.getFirst()).startsWith("* " + (1 + i % 5) + " FETCH (BODY[] {")
                        .contains(message(1 + i % 5).replace("\r\n", "\n").lines().findFirst().orElseThrow());
            }
            // the content is opened by the hash its metadata carries (the session's lease keeps it);
            // a few reads by background work at most, not one per FETCH
            assertThat(db.reads() - before).isLessThan(fetches / 2);
            c.expectOk(c.command("LOGOUT"));
        }
    }
}
