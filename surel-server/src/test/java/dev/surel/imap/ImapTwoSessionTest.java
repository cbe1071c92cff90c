package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many sessions, one truth (RFC 9051 §7.5.1, RFC 2177): session A acts, session B (the same
 * user, over its own socket) must see the untagged EXISTS / EXPUNGE / FETCH it caused, at the
 * moments the RFC allows, and during IDLE without asking.
 */
class ImapTwoSessionTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient a;
    ImapClient b;

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 3; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "body " + i));
        try (ImapClient earlier = ImapClient.login(srv, "alice")) { // takes \Recent of these three (RFC 3501 §2.3.2)
            earlier.expectOk(earlier.command("SELECT INBOX"));
        }
        a = ImapClient.login(srv, "alice");
        b = ImapClient.login(srv, "alice");
        a.expectOk(a.command("SELECT INBOX"));
        b.expectOk(b.command("SELECT INBOX"));
    }

    private static String append(String text) {
        return "APPEND INBOX {" + text.length() + "+}\r\n" + text;
    }

    @Test
    void appendInOneSessionIsExistsInTheOtherAtNoop() throws Exception {
        List<String> r = a.command(append(TestServer.message("m4", "four")));
        assertThat(ImapClient.tagged(r)).matches("OK \\[APPENDUID \\d+ 4] APPEND completed");
        assertThat(r).contains("* 4 EXISTS", "* 1 RECENT"); // the selected target: EXISTS before the tagged OK
        List<String> n = b.command("NOOP");
        // RFC 3501 §2.3.2: \Recent only for the first session told (A, which appended it)
        assertThat(n).contains("* 4 EXISTS", "* 0 RECENT");
        assertThat(b.command("FETCH 4 (UID FLAGS)")).contains("* 4 FETCH (UID 4 FLAGS ())");
        assertThat(a.command("FETCH 4 (UID FLAGS)")).contains("* 4 FETCH (UID 4 FLAGS (\\Recent))");
    }

    @Test
    void storeInOneSessionIsFetchFlagsInTheOther() throws Exception {
        assertThat(a.command("STORE 2 +FLAGS (\\Flagged $Work)")).contains("* 2 FETCH (FLAGS (\\Flagged $Work))");
        assertThat(b.command("NOOP")).contains("* 2 FETCH (UID 2 FLAGS (\\Flagged $Work))");
        // the acting session is not told twice
        assertThat(a.command("NOOP")).hasSize(1);
        // .SILENT: no FETCH to the actor, still one to the other session
        assertThat(a.command("STORE 1 +FLAGS.SILENT (\\Seen)")).hasSize(1);
        assertThat(b.command("NOOP")).contains("* 1 FETCH (UID 1 FLAGS (\\Seen))");
    }

    @Test
    void expungeIsNotSentDuringFetchStoreSearchBySequenceNumber() throws Exception {
        a.expectOk(a.command("STORE 2 +FLAGS.SILENT (\\Deleted)"));
        List<String> ex = a.command("EXPUNGE");
        assertThat(ex).containsExactly("* 2 EXPUNGE", ex.getLast());
        // B has not been told: its sequence numbers are unchanged during FETCH, STORE and SEARCH
        List<String> f = b.command("FETCH 1:3 (UID)");
        assertThat(f).noneMatch(l -> l.matches("\\* \\d+ EXPUNGE"));
        assertThat(f).contains("* 1 FETCH (UID 1)", "* 3 FETCH (UID 3)");
        assertThat(ImapClient.tagged(f)).startsWith("NO [EXPUNGEISSUED]");
        assertThat(b.command("SEARCH ALL")).noneMatch(l -> l.matches("\\* \\d+ EXPUNGE")).contains("* SEARCH 1 3");
        assertThat(b.command("STORE 3 +FLAGS (\\Answered)")).noneMatch(l -> l.matches("\\* \\d+ EXPUNGE"))
                .contains("* 3 FETCH (FLAGS (\\Answered))");
        // a UID command may carry the EXPUNGE
        List<String> u = b.command("UID FETCH 1:* (FLAGS)");
        assertThat(u).contains("* 2 EXPUNGE");
        assertThat(b.command("FETCH 2 (UID)")).contains("* 2 FETCH (UID 3)");
    }

    @Test
    void noopAnnouncesExpungeAndExists() throws Exception {
        srv.deliver(srv.alice(), "INBOX", TestServer.message("m4", "four"));
        a.expectOk(a.command("STORE 1 +FLAGS.SILENT (\\Deleted)"));
        a.expectOk(a.command("EXPUNGE"));
        List<String> n = b.command("NOOP");
        assertThat(n).containsSubsequence("* 1 EXPUNGE", "* 3 EXISTS");
    }

    @Test
    void idleSeesAppendsFromOtherSessionsAndFromDelivery() throws Exception {
        String tag = b.nextTag();
        b.send(tag + " IDLE\r\n");
        assertThat(b.line()).startsWith("+ ");
        long t0 = System.nanoTime();
        a.expectOk(a.command(append(TestServer.message("m4", "four"))));
        b.until("\\* 4 EXISTS");
        long viaImap = (System.nanoTime() - t0) / 1_000_000;
        t0 = System.nanoTime();
        srv.deliver(srv.alice(), "INBOX", TestServer.message("m5", "delivered"));
        b.until("\\* 5 EXISTS");
        long viaDelivery = (System.nanoTime() - t0) / 1_000_000;
        a.expectOk(a.command("STORE 1 +FLAGS.SILENT (\\Flagged)"));
        b.until("\\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Flagged\\)\\)");
        a.expectOk(a.command("STORE 2 +FLAGS.SILENT (\\Deleted)"));
        a.expectOk(a.command("EXPUNGE"));
        b.until("\\* 2 EXPUNGE");
        b.send("DONE\r\n");
        assertThat(b.line()).isEqualTo(tag + " OK IDLE terminated");
        System.out.printf("IDLE push latency: %d ms after an IMAP APPEND, %d ms after a store delivery%n", viaImap, viaDelivery);
    }

    @Test
    void moveExpungesHereAndAppearsThere() throws Exception {
        try (ImapClient c = ImapClient.login(srv, "alice")) {
            c.expectOk(c.command("SELECT Archive"));
            List<String> m = a.command("MOVE 1:2 Archive");
            assertThat(m.subList(1, 3)).containsExactly("* 1 EXPUNGE", "* 1 EXPUNGE");
            assertThat(m.getFirst()).matches("\\* OK \\[COPYUID \\d+ 1:2 1:2] Moved");
            assertThat(b.command("NOOP")).containsSubsequence("* 1 EXPUNGE", "* 1 EXPUNGE");
            assertThat(c.command("NOOP")).contains("* 2 EXISTS");
            assertThat(ImapClient.tagged(a.command("COPY 1 Nowhere"))).startsWith("NO [TRYCREATE]");
            assertThat(ImapClient.tagged(a.command("COPY 1 Archive"))).matches("OK \\[COPYUID \\d+ 3 3] COPY completed");
            assertThat(c.command("NOOP")).contains("* 3 EXISTS");
        }
    }

    @Test
    void deletingTheSelectedMailboxEndsTheOtherSession() throws Exception {
        a.expectOk(a.command("CREATE Projects/2026"));
        b.expectOk(b.command("SELECT Projects/2026"));
        assertThat(a.command("LIST \"\" Projects*")).contains("* LIST (\\HasChildren) \"/\" \"Projects\"",
                "* LIST (\\HasNoChildren) \"/\" \"Projects/2026\"");
        a.expectOk(a.command("RENAME Projects Work"));
        assertThat(b.command("LIST \"\" Work/*")).contains("* LIST (\\HasNoChildren) \"/\" \"Work/2026\"");
        a.expectOk(a.command("DELETE Work/2026"));
        assertThat(b.command("NOOP")).contains("* BYE Selected mailbox was deleted");
        assertThat(b.closedByServer()).isTrue();
    }

    @Test
    void fetchSetsSeenAndTellsBothSessions() throws Exception {
        List<String> f = a.command("FETCH 1 (BODY[TEXT])");
        assertThat(f.getFirst()).isEqualTo("* 1 FETCH (BODY[TEXT] {8}\nbody 1\r\n FLAGS (\\Seen))");
        assertThat(b.command("NOOP")).contains("* 1 FETCH (UID 1 FLAGS (\\Seen))");
        assertThat(a.command("FETCH 2 (BODY.PEEK[TEXT] FLAGS)").getFirst()).endsWith("FLAGS ())");
    }

    @Test
    void otherUsersDoNotHearMyChanges() throws Exception {
        try (ImapClient bob = ImapClient.login(srv, "bob")) {
            bob.expectOk(bob.command("SELECT INBOX"));
            a.expectOk(a.command(append(TestServer.message("m4", "four"))));
            assertThat(bob.command("NOOP")).hasSize(1);
        }
    }
}
