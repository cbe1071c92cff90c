package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * COPY and MOVE with the selected mailbox as the target (RFC 9051 §6.4.7, §6.4.8; RFC 6851 §3.3,
 * §4.3; RFC 4315 §3): the copies get new UIDs (COPYUID), a MOVE expunges the sources, and the
 * session hears of the new messages like of any other (EXISTS; \Recent for the session that
 * made them, RFC 3501 §2.3.2). Dovecot 2.3.19 answers the same way.
 */
class ImapCopyMoveIntoSelfTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        srv.deliver(srv.alice(), "INBOX", TestServer.message("m1", "one"));
        srv.deliver(srv.alice(), "INBOX", TestServer.message("m2", "two"));
        srv.recentTaken(srv.alice(), "INBOX");
        c = ImapClient.login(srv, "alice");
        c.expectOk(c.command("SELECT INBOX"));
    }

    @Test
    void moveAndCopyIntoTheSelectedMailbox() throws Exception {
        Transcript.run(c, """
                C: a1 STORE 2 +FLAGS.SILENT (\\Flagged)
                S: a1 OK STORE completed
                # RFC 6851 §4.3: COPYUID in an untagged OK, then the EXPUNGE, then the new message
                C: a2 MOVE 2 INBOX
                S: \\* OK \\[COPYUID \\d+ 2 3] Moved
                S: \\* 2 EXPUNGE
                S: \\* 2 EXISTS
                S: \\* 1 RECENT
                S: a2 OK MOVE completed
                C: a3 FETCH 1:* (UID FLAGS)
                S: \\* 1 FETCH \\(UID 1 FLAGS \\(\\)\\)
                S: \\* 2 FETCH \\(UID 3 FLAGS \\(\\\\Flagged \\\\Recent\\)\\)
                S: a3 OK FETCH completed
                C: a4 UID COPY 1 INBOX
                S: \\* 3 EXISTS
                S: \\* 2 RECENT
                S: a4 OK \\[COPYUID \\d+ 1 4] COPY completed
                C: a5 UID MOVE 3:4 "INBOX"
                S: \\* OK \\[COPYUID \\d+ 3:4 5:6] Moved
                S: \\* 2 EXPUNGE
                S: \\* 2 EXPUNGE
                S: \\* 3 EXISTS
                S: \\* 2 RECENT
                S: a5 OK MOVE completed
                C: a6 UID SEARCH ALL
                S: \\* SEARCH 1 5 6
                S: a6 OK SEARCH completed
                C: a7 UID FETCH 5:6 BODY.PEEK[HEADER.FIELDS (SUBJECT)]
                S: \\* 2 FETCH \\(UID 5 BODY\\[HEADER.FIELDS \\("SUBJECT"\\)] \\{15}\\nSubject: m2\\r\\n\\r\\n\\)
                S: \\* 3 FETCH \\(UID 6 BODY\\[HEADER.FIELDS \\("SUBJECT"\\)] \\{15}\\nSubject: m1\\r\\n\\r\\n\\)
                S: a7 OK FETCH completed
                """);
        assertThat(c.command("STATUS INBOX (MESSAGES UIDNEXT)")).contains("* STATUS \"INBOX\" (MESSAGES 3 UIDNEXT 7)");
    }

    @Test
    void anotherSessionSeesTheMoveAsExpungeAndExists() throws Exception {
        try (ImapClient other = ImapClient.login(srv, "alice")) {
            other.expectOk(other.command("SELECT INBOX"));
            c.expectOk(c.command("MOVE 1 INBOX"));
            assertThat(other.command("NOOP")).containsSubsequence("* 1 EXPUNGE", "* 2 EXISTS", "* 0 RECENT");
            assertThat(other.command("FETCH 1:* (UID)")).contains("* 1 FETCH (UID 2)", "* 2 FETCH (UID 3)");
        }
    }
}
