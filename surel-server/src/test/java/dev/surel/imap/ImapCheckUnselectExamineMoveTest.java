package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The four commands whose handlers are found by their names ({@link CheckCmd},
 * {@link UnselectCmd}, {@link ExamineCmd}, {@link MoveCmd}), each against a started server:
 * CHECK is a NOOP in the selected state (RFC 3501 §6.4.1; removed in IMAP4rev2, RFC 9051
 * Appendix E), UNSELECT leaves without expunging (RFC 3691, RFC 9051 §6.4.2), EXAMINE opens
 * read-only (RFC 9051 §6.3.3) and MOVE refuses what COPY refuses and a read-only source
 * (RFC 6851 §3, RFC 9051 §6.4.8).
 */
class ImapCheckUnselectExamineMoveTest {

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, "secret").user(BOB, "secret").perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 3; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "body " + i));
        srv.recentTaken(srv.alice(), "INBOX");
        c = ImapClient.login(srv, "alice");
    }

    @Test
    void checkIsANoopOfTheSelectedState() throws Exception {
        Transcript.run(c, """
                C: a1 CHECK
                S: a1 BAD Command not allowed without a selected mailbox
                C: a2 SELECT INBOX
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: \\* 3 EXISTS
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: a2 OK \\[READ-WRITE] SELECT completed
                """);
        srv.deliver(srv.alice(), "INBOX", TestServer.message("m4", "body 4"));
        Transcript.run(c, """
                # like NOOP, CHECK is a point where the session hears of changes (RFC 3501 §6.4.1)
                C: a3 CHECK
                S: \\* 4 EXISTS
                S: \\* 1 RECENT
                S: a3 OK .*
                """);
    }

    @Test
    void unselectAndCloseAfterExamineLeaveDeletedMessages() throws Exception {
        c.expectOk(c.command("SELECT INBOX"));
        Transcript.run(c, """
                C: a1 STORE 1 +FLAGS.SILENT (\\Deleted)
                S: a1 OK STORE completed
                # RFC 3691 §2: no EXPUNGE, back to the authenticated state
                C: a2 UNSELECT
                S: a2 OK UNSELECT completed
                C: a3 UNSELECT
                S: a3 BAD Command not allowed without a selected mailbox
                C: a4 FETCH 1 FLAGS
                S: a4 BAD Command not allowed without a selected mailbox
                C: a5 STATUS INBOX (MESSAGES)
                S: \\* STATUS "INBOX" \\(MESSAGES 3\\)
                S: a5 OK STATUS completed
                """);
        c.expectOk(c.command("EXAMINE INBOX"));
        Transcript.run(c, """
                # RFC 9051 §6.4.1: CLOSE expunges nothing in a mailbox opened with EXAMINE
                C: b1 CLOSE
                S: b1 OK CLOSE completed
                C: b2 STATUS INBOX (MESSAGES)
                S: \\* STATUS "INBOX" \\(MESSAGES 3\\)
                S: b2 OK STATUS completed
                """);
    }

    @Test
    void examineOpensReadOnly() throws Exception {
        Transcript.run(c, """
                C: a1 EXAMINE INBOX
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\)] No permanent flags permitted
                S: \\* 3 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] First unseen
                S: \\* OK \\[UIDVALIDITY \\d+] UIDs valid
                S: \\* OK \\[UIDNEXT 4] Predicted next UID
                S: a1 OK \\[READ-ONLY] EXAMINE completed
                C: a2 STORE 1 +FLAGS (\\Seen)
                S: a2 NO \\[READ-ONLY] .*
                C: a3 EXPUNGE
                S: a3 NO \\[READ-ONLY] .*
                C: a4 MOVE 1 Trash
                S: a4 NO \\[READ-ONLY] .*
                # read-only is said before the target is looked up
                C: a5 UID MOVE 1 nosuch
                S: a5 NO \\[READ-ONLY] .*
                C: a6 COPY 2 Trash
                S: a6 OK \\[COPYUID \\d+ 2 1] COPY completed
                # SELECT after EXAMINE: the same mailbox, now read-write
                C: a7 SELECT INBOX
                S: \\* OK \\[CLOSED] Previous mailbox closed
                S: (?:\\* .*)
                S: \\* OK \\[PERMANENTFLAGS \\(.*\\\\\\*\\)] Flags permitted
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: (?:\\* .*)
                S: a7 OK \\[READ-WRITE] SELECT completed
                """);
    }

    @Test
    void moveRefusesWhatCopyRefuses() throws Exception {
        c.expectOk(c.command("SELECT INBOX"));
        Transcript.run(c, """
                C: a1 MOVE 1 nosuch
                S: a1 NO \\[TRYCREATE] No such mailbox
                C: a2 MOVE 9 Trash
                S: a2 BAD Invalid message sequence number
                # RFC 9051 §6.4.9: UIDs that name no message are no error, and nothing moves
                C: a3 UID MOVE 90 Trash
                S: a3 OK MOVE completed
                C: a4 MOVE 1 Trash
                S: \\* OK \\[COPYUID \\d+ 1 1] Moved
                S: \\* 1 EXPUNGE
                S: a4 OK MOVE completed
                C: a5 STATUS Trash (MESSAGES)
                S: \\* STATUS "Trash" \\(MESSAGES 1\\)
                S: a5 OK STATUS completed
                """);
    }
}
