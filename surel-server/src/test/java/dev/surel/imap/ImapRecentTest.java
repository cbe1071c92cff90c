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
 * IMAP4rev1 \Recent (RFC 3501 §2.3.2, §6.3.1, §6.3.2, §6.3.10, §6.4.4 NEW/RECENT/OLD, §7.3.2):
 * a message is \Recent for the first read-write session that learns of it (at SELECT or as an
 * EXISTS while selected) and for no later one; EXAMINE sees it without taking it; the mark
 * survives a restart; IMAP4rev2 sessions neither see nor take it (RFC 9051 §2.3.2).
 */
class ImapRecentTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.login(srv, "alice");
    }

    private void deliver(String subject) {
        srv.deliver(srv.alice(), "INBOX", TestServer.message(subject, "body of " + subject));
    }

    @Test
    void mailDeliveredWhileNobodyHadTheMailboxSelectedIsRecentForTheFirstSelectOnly() throws Exception {
        deliver("m1");
        deliver("m2");
        Transcript.run(c, """
                # RFC 3501 §6.3.10: STATUS RECENT counts what the next session will see as \\Recent
                C: s1 STATUS INBOX (MESSAGES RECENT UNSEEN)
                S: \\* STATUS "INBOX" \\(MESSAGES 2 RECENT 2 UNSEEN 2\\)
                S: s1 OK STATUS completed
                # EXAMINE sees them without taking them (RFC 3501 §6.3.2)
                C: e1 EXAMINE INBOX
                S: \\* FLAGS \\(.*\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\)] .*
                S: \\* 2 EXISTS
                S: \\* 2 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 3] .*
                S: e1 OK \\[READ-ONLY] EXAMINE completed
                C: e2 FETCH 1:2 (FLAGS)
                S: \\* 1 FETCH \\(FLAGS \\(\\\\Recent\\)\\)
                S: \\* 2 FETCH \\(FLAGS \\(\\\\Recent\\)\\)
                S: e2 OK FETCH completed
                C: e3 UNSELECT
                S: e3 OK UNSELECT completed
                C: s2 STATUS INBOX (RECENT)
                S: \\* STATUS "INBOX" \\(RECENT 2\\)
                S: s2 OK STATUS completed
                # the first SELECT takes them
                C: a1 SELECT INBOX
                S: \\* FLAGS \\(.*\\)
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 2 EXISTS
                S: \\* 2 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 3] .*
                S: a1 OK \\[READ-WRITE] SELECT completed
                C: a2 FETCH 1:2 (UID FLAGS)
                S: \\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Recent\\)\\)
                S: \\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Recent\\)\\)
                S: a2 OK FETCH completed
                # RFC 3501 §6.4.4: NEW is RECENT UNSEEN, OLD is NOT RECENT
                C: a3 STORE 1 +FLAGS.SILENT (\\Seen)
                S: a3 OK STORE completed
                C: a4 SEARCH RECENT
                S: \\* SEARCH 1 2
                S: a4 OK SEARCH completed
                C: a5 SEARCH NEW
                S: \\* SEARCH 2
                S: a5 OK SEARCH completed
                C: a6 SEARCH OLD
                S: \\* SEARCH
                S: a6 OK SEARCH completed
                """);
        // another session (the first still has them) and a later one: not \Recent any more
        try (ImapClient d = ImapClient.login(srv, "alice")) {
            Transcript.run(d, """
                    C: b0 STATUS INBOX (RECENT)
                    S: \\* STATUS "INBOX" \\(RECENT 0\\)
                    S: b0 OK STATUS completed
                    C: b1 SELECT INBOX
                    S: \\* FLAGS \\(.*\\)
                    S: \\* OK \\[PERMANENTFLAGS .*
                    S: \\* 2 EXISTS
                    S: \\* 0 RECENT
                    S: \\* OK \\[UNSEEN 2] .*
                    S: \\* OK \\[UIDVALIDITY \\d+] .*
                    S: \\* OK \\[UIDNEXT 3] .*
                    S: b1 OK \\[READ-WRITE] SELECT completed
                    C: b2 SEARCH RECENT
                    S: \\* SEARCH
                    S: b2 OK SEARCH completed
                    C: b3 FETCH 2 FLAGS
                    S: \\* 2 FETCH \\(FLAGS \\(\\)\\)
                    S: b3 OK FETCH completed
                    """);
        }
        // the first session keeps them
        assertThat(c.command("SEARCH RECENT")).contains("* SEARCH 1 2");
    }

    @Test
    void mailArrivingWhileSelectedIsRecentForTheFirstSessionToAnnounceIt() throws Exception {
        try (ImapClient d = ImapClient.login(srv, "alice")) {
            c.expectOk(c.command("SELECT INBOX"));
            d.expectOk(d.command("SELECT INBOX"));
            deliver("new");
            List<String> first = c.command("NOOP");
            assertThat(first).contains("* 1 EXISTS", "* 1 RECENT");
            List<String> second = d.command("NOOP");
            assertThat(second).contains("* 1 EXISTS", "* 0 RECENT");
            assertThat(c.command("FETCH 1 FLAGS")).contains("* 1 FETCH (FLAGS (\\Recent))");
            assertThat(d.command("FETCH 1 FLAGS")).contains("* 1 FETCH (FLAGS ())");
            // its own APPEND is announced to the appending session first: it takes it
            String msg = TestServer.message("mine", "appended");
            assertThat(d.command("APPEND INBOX {" + msg.length() + "+}\r\n" + msg)).contains("* 2 EXISTS", "* 1 RECENT");
            assertThat(c.command("NOOP")).contains("* 2 EXISTS", "* 1 RECENT");
        }
        // nobody sees them again (the claims made while selected were stored when the sessions left)
        try (ImapClient e = ImapClient.login(srv, "alice")) {
            assertThat(e.command("STATUS INBOX (RECENT)")).contains("* STATUS \"INBOX\" (RECENT 0)");
        }
    }

    @Test
    void theMarkSurvivesARestart() throws Exception {
        deliver("m1");
        c.expectOk(c.command("SELECT INBOX"));
        deliver("m2");
        assertThat(c.command("NOOP")).contains("* 2 EXISTS", "* 2 RECENT"); // taken in memory while selected
        c.expectOk(c.command("LOGOUT"));
        c.close();
        deliver("m3");
        srv.restart();
        c = ImapClient.login(srv, "alice");
        assertThat(c.command("STATUS INBOX (RECENT)")).contains("* STATUS \"INBOX\" (RECENT 1)");
        List<String> sel = c.command("SELECT INBOX");
        assertThat(sel).contains("* 3 EXISTS", "* 1 RECENT");
        assertThat(c.command("SEARCH RECENT")).contains("* SEARCH 3");
    }

    @Test
    void imap4rev2SessionsNeitherSeeNorTakeRecent() throws Exception {
        deliver("m1");
        c.expectOk(c.command("ENABLE IMAP4rev2"));
        List<String> sel = c.command("SELECT INBOX");
        assertThat(sel).noneMatch(l -> l.contains("RECENT"));
        assertThat(c.command("FETCH 1 FLAGS")).contains("* 1 FETCH (FLAGS ())");
        assertThat(c.command("STATUS INBOX (MESSAGES RECENT)")).contains("* STATUS \"INBOX\" (MESSAGES 1)");
        deliver("m2");
        assertThat(c.command("NOOP")).contains("* 2 EXISTS").noneMatch(l -> l.contains("RECENT"));
        c.expectOk(c.command("LOGOUT"));
        // an IMAP4rev1 session still gets both
        try (ImapClient d = ImapClient.login(srv, "alice")) {
            assertThat(d.command("SELECT INBOX")).contains("* 2 EXISTS", "* 2 RECENT");
        }
    }
}
