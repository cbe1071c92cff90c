package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 4731 (ESEARCH) and RFC 5182 (SEARCHRES) over a real socket: the RFCs' examples as C:/S:
 * transcripts (numbers adapted to the mailbox built here, shapes kept), then the rules of
 * RFC 5182 §2.1 / §2.2 one by one, and a second session whose expunge shrinks {@code $}.
 *
 * <p>The mailbox: 11 messages from 2026; 2, 10 and 11 are \Flagged and not from Smith; 3 is
 * \Flagged but from Smith; 5 is from 1990 (before 1-Feb-1994).
 */
class ImapEsearchSearchresTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 11; i++) {
            String from = i == 3 ? "Smith <smith@example.org>" : "Carol <carol@example.org>";
            OffsetDateTime date = i == 5 ? OffsetDateTime.of(1990, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                    : OffsetDateTime.of(2026, 11, i, 10, 0, 0, 0, ZoneOffset.UTC);
            srv.deliver(srv.alice(), "INBOX", "From: " + from + "\r\nSubject: m" + i + "\r\n\r\nbody " + i + "\r\n", date);
        }
        srv.recentTaken(srv.alice(), "INBOX");
        c = ImapClient.login(srv, "alice");
        c.expectOk(c.command("SELECT INBOX"));
        c.expectOk(c.command("STORE 2,3,5,10,11 +FLAGS.SILENT (\\Flagged)"));
    }

    @Test
    void capabilities() throws Exception {
        assertThat(c.command("CAPABILITY").getFirst()).contains(" ESEARCH").contains(" SEARCHRES").contains(" BINARY").contains(" UTF8=ACCEPT");
    }

    @Test
    void rfc4731Examples() throws Exception {
        Transcript.run(c, """
                # RFC 4731 §3.1 examples
                C: A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
                S: \\* ESEARCH \\(TAG "A282"\\) MIN 2 COUNT 3
                S: A282 OK SEARCH completed
                C: A283 SEARCH RETURN () FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
                S: \\* ESEARCH \\(TAG "A283"\\) ALL 2,10:11
                S: A283 OK SEARCH completed
                C: A284 SEARCH RETURN (MIN) SEEN
                S: \\* ESEARCH \\(TAG "A284"\\)
                S: A284 OK SEARCH completed
                C: A285 UID SEARCH RETURN (MIN MAX) 1:5000
                S: \\* ESEARCH \\(TAG "A285"\\) UID MIN 1 MAX 11
                S: A285 OK SEARCH completed
                C: A286 SEARCH RETURN (COUNT) SEEN
                S: \\* ESEARCH \\(TAG "A286"\\) COUNT 0
                S: A286 OK SEARCH completed
                C: A287 SEARCH RETURN (ALL MIN MAX COUNT) NOT FLAGGED
                S: \\* ESEARCH \\(TAG "A287"\\) MIN 1 MAX 9 ALL 1,4,6:9 COUNT 6
                S: A287 OK SEARCH completed
                # without RETURN an IMAP4rev1 client keeps the SEARCH response
                C: A288 SEARCH FLAGGED NOT FROM "Smith"
                S: \\* SEARCH 2 5 10 11
                S: A288 OK SEARCH completed
                # RFC 4731 §3.1: an unknown return option is BAD
                C: A289 SEARCH RETURN (PARTIAL) ALL
                S: A289 BAD .*
                """);
    }

    @Test
    void rfc5182Examples() throws Exception {
        srv.store().createMailbox(srv.alice(), "SavedMessages", null);
        Transcript.run(c, """
                # RFC 5182 §2.1 example: SAVE alone sends no ESEARCH, then FETCH $
                C: A282 SEARCH RETURN (SAVE) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
                S: A282 OK SEARCH completed, result saved
                C: A283 FETCH $ (UID FLAGS)
                S: \\* 2 FETCH \\(UID 2 FLAGS \\(\\\\Flagged\\)\\)
                S: \\* 10 FETCH \\(UID 10 FLAGS \\(\\\\Flagged\\)\\)
                S: \\* 11 FETCH \\(UID 11 FLAGS \\(\\\\Flagged\\)\\)
                S: A283 OK FETCH completed
                # $ combined with other keys, by sequence number and by UID
                C: A284 SEARCH $ SMALLER 4096 NOT 10
                S: \\* SEARCH 2 11
                S: A284 OK SEARCH completed
                C: A285 UID SEARCH RETURN (COUNT) UID $
                S: \\* ESEARCH \\(TAG "A285"\\) UID COUNT 3
                S: A285 OK SEARCH completed
                # RFC 5182 §2.1: SAVE with MIN and MAX saves those two only
                C: A286 UID SEARCH RETURN (SAVE MIN MAX) FLAGGED
                S: \\* ESEARCH \\(TAG "A286"\\) UID MIN 2 MAX 11
                S: A286 OK SEARCH completed, result saved
                C: A287 FETCH $ (UID)
                S: \\* 2 FETCH \\(UID 2\\)
                S: \\* 11 FETCH \\(UID 11\\)
                S: A287 OK FETCH completed
                # ... with COUNT (or ALL) every match is saved
                C: A288 SEARCH RETURN (SAVE MIN COUNT) FLAGGED
                S: \\* ESEARCH \\(TAG "A288"\\) MIN 2 COUNT 5
                S: A288 OK SEARCH completed, result saved
                # RFC 5182 §3 example 2, pipelined: COPY, STORE and UID EXPUNGE of $
                C: A301 UID SEARCH RETURN (SAVE) SINCE 1-Jan-2004 NOT FROM "Smith" UID 9:*
                C: A302 UID COPY $ "SavedMessages"
                C: A303 UID STORE $ +FLAGS.SILENT (\\Deleted)
                C: A304 UID EXPUNGE $
                S: A301 OK SEARCH completed, result saved
                S: A302 OK \\[COPYUID \\d+ 9:11 1:3] COPY completed
                S: A303 OK STORE completed
                S: \\* 9 EXPUNGE
                S: \\* 9 EXPUNGE
                S: \\* 9 EXPUNGE
                S: A304 OK EXPUNGE completed
                # the expunged messages dropped out of $: nothing left to fetch
                C: A305 FETCH $ (UID)
                S: A305 OK FETCH completed
                C: A306 SEARCH RETURN (SAVE) 1:2
                S: A306 OK SEARCH completed, result saved
                C: A306 MOVE $ SavedMessages
                S: \\* OK \\[COPYUID \\d+ 1:2 4:5] Moved
                S: \\* 1 EXPUNGE
                S: \\* 1 EXPUNGE
                S: A306 OK MOVE completed
                """);
    }

    @Test
    void failedSaveEmptiesTheResultAndSelectResetsIt() throws Exception {
        Transcript.run(c, """
                C: A1 SEARCH RETURN (SAVE) FLAGGED
                S: A1 OK SEARCH completed, result saved
                C: A2 FETCH $ (UID)
                S: \\* 2 FETCH \\(UID 2\\)
                S: \\* 3 FETCH \\(UID 3\\)
                S: \\* 5 FETCH \\(UID 5\\)
                S: \\* 10 FETCH \\(UID 10\\)
                S: \\* 11 FETCH \\(UID 11\\)
                S: A2 OK FETCH completed
                # RFC 5182 §2.1: a SEARCH with SAVE that fails leaves $ empty
                C: A3 SEARCH RETURN (SAVE) CHARSET X-NOPE TEXT x
                S: A3 NO \\[BADCHARSET .*
                C: A4 FETCH $ (UID)
                S: A4 OK FETCH completed
                C: A5 SEARCH RETURN (SAVE) 1:2
                S: A5 OK SEARCH completed, result saved
                C: A6 SEARCH RETURN (SAVE) FROBNICATE
                S: A6 BAD .*
                C: A7 UID SEARCH UID $
                S: \\* SEARCH
                S: A7 OK SEARCH completed
                # a SEARCH without SAVE leaves $ alone
                C: A8 SEARCH RETURN (SAVE) 4
                S: A8 OK SEARCH completed, result saved
                C: A9 SEARCH RETURN (COUNT) ALL
                S: \\* ESEARCH \\(TAG "A9"\\) COUNT 11
                S: A9 OK SEARCH completed
                C: A10 FETCH $ (UID)
                S: \\* 4 FETCH \\(UID 4\\)
                S: A10 OK FETCH completed
                # a SEARCH with SAVE that uses $ sees the old value, then replaces it
                C: A11 SEARCH RETURN (SAVE ALL) OR $ 7
                S: \\* ESEARCH \\(TAG "A11"\\) ALL 4,7
                S: A11 OK SEARCH completed, result saved
                # RFC 5182 §2.1: SELECT, EXAMINE, UNSELECT and CLOSE reset $
                C: A12 EXAMINE INBOX
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: A12 OK \\[READ-ONLY] EXAMINE completed
                C: A13 FETCH $ (UID)
                S: A13 OK FETCH completed
                C: A14 SEARCH RETURN (SAVE) 1
                S: A14 OK SEARCH completed, result saved
                C: A15 UNSELECT
                S: A15 OK UNSELECT completed
                C: A16 SELECT INBOX
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: A16 OK \\[READ-WRITE] SELECT completed
                C: A17 STORE $ +FLAGS (\\Seen)
                S: A17 OK STORE completed
                C: A18 SEARCH RETURN (SAVE) 1
                S: A18 OK SEARCH completed, result saved
                C: A19 CLOSE
                S: A19 OK CLOSE completed
                C: A20 SELECT INBOX
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: A20 OK \\[READ-WRITE] SELECT completed
                C: A21 FETCH $ (UID)
                S: A21 OK FETCH completed
                """);
    }

    @Test
    void pipelinedSearchSaveIsSeenByTheNextCommand() throws Exception {
        // RFC 5182 §2.2: the commands after SEARCH ... SAVE in the same pipeline use its result
        c.send("P1 SEARCH RETURN (SAVE) 3:4\r\nP2 FETCH $ (UID)\r\nP3 SEARCH RETURN (SAVE) 6\r\nP4 UID FETCH $ (FLAGS)\r\n");
        List<String> r = c.until("P4 .*");
        assertThat(r).containsExactly("P1 OK SEARCH completed, result saved", "* 3 FETCH (UID 3)", "* 4 FETCH (UID 4)",
                "P2 OK FETCH completed", "P3 OK SEARCH completed, result saved", "* 6 FETCH (UID 6 FLAGS ())", "P4 OK FETCH completed");
    }

    @Test
    void imap4rev2AnswersEsearchAndSaveAloneStaysSilent() throws Exception {
        c.expectOk(c.command("UNSELECT"));
        c.expectOk(c.command("ENABLE IMAP4rev2"));
        c.expectOk(c.command("SELECT INBOX"));
        assertThat(c.command("SEARCH FLAGGED")).contains("* ESEARCH (TAG \"t7\") ALL 2:3,5,10:11");
        assertThat(c.command("UID SEARCH RETURN (SAVE) FLAGGED")).hasSize(1);
        assertThat(c.command("FETCH $ (UID)")).hasSize(6);
    }

    @Test
    void anExpungeInAnotherSessionShrinksTheSavedResult() throws Exception {
        try (ImapClient other = ImapClient.login(srv, "alice")) {
            other.expectOk(other.command("SELECT INBOX"));
            c.expectOk(c.command("SEARCH RETURN (SAVE) FLAGGED"));
            other.expectOk(other.command("STORE 3,10 +FLAGS.SILENT (\\Deleted)"));
            other.expectOk(other.command("EXPUNGE"));
            // not yet announced here: FETCH by sequence number may not send EXPUNGE (RFC 9051 §7.5.1);
            // the expunged messages of $ are reported as such
            List<String> before = c.command("FETCH $ (UID)");
            assertThat(before).contains("* 2 FETCH (UID 2)", "* 5 FETCH (UID 5)", "* 11 FETCH (UID 11)");
            assertThat(ImapClient.tagged(before)).startsWith("NO [EXPUNGEISSUED]");
            assertThat(c.command("NOOP")).contains("* 3 EXPUNGE", "* 9 EXPUNGE");
            // after the EXPUNGEs: $ holds 2, 5, 11 at their new sequence numbers 2, 4, 9
            assertThat(c.command("FETCH $ (UID)")).containsExactly("* 2 FETCH (UID 2)", "* 4 FETCH (UID 5)", "* 9 FETCH (UID 11)",
                    "t7 OK FETCH completed");
            assertThat(c.command("SEARCH RETURN (ALL) $")).contains("* ESEARCH (TAG \"t8\") ALL 2,4,9");
            // the other session's own $ was never set: empty
            assertThat(other.command("FETCH $ (UID)")).hasSize(1);
        }
    }
}
