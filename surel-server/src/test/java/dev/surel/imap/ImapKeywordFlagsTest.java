package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The FLAGS and PERMANENTFLAGS responses (RFC 3501 §7.2.6, §6.3.1; RFC 9051 §7.3.5, §7.1): they
 * list the keywords of the mailbox at SELECT, and a keyword new to the mailbox is announced in
 * an untagged FLAGS (and PERMANENTFLAGS) before the FETCH that shows it, to the session that
 * stored it and, at their next safe point, to the other sessions. Compared with Dovecot 2.3.19,
 * which does the same. A keyword spelled NIL is refused (BAD).
 */
class ImapKeywordFlagsTest {
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
    }

    @Test
    void storeOfANewKeywordAnnouncesFlagsFirst() throws Exception {
        Transcript.run(c, """
                C: a1 SELECT INBOX
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\\\\\*\\)] Flags permitted
                S: \\* 2 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 3] .*
                S: a1 OK \\[READ-WRITE] SELECT completed
                C: a2 STORE 1 +FLAGS ($Important)
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Important\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Important \\\\\\*\\)] Flags permitted
                S: \\* 1 FETCH \\(FLAGS \\(\\$Important\\)\\)
                S: a2 OK STORE completed
                # known now (in any case): no FLAGS again
                C: a3 STORE 2 +FLAGS ($IMPORTANT)
                S: \\* 2 FETCH \\(FLAGS \\(\\$IMPORTANT\\)\\)
                S: a3 OK STORE completed
                # .SILENT still announces a new keyword (the FETCH is what is silent)
                C: a4 STORE 2 +FLAGS.SILENT (Todo)
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Important Todo\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Important Todo \\\\\\*\\)] Flags permitted
                S: a4 OK STORE completed
                # NIL would read as the NIL token in every FLAGS list a client parses
                C: a5 STORE 1 +FLAGS NIL
                S: a5 BAD .*
                C: a6 STORE 1 FLAGS (NIL)
                S: a6 BAD .*
                C: a7 FETCH 1 FLAGS
                S: \\* 1 FETCH \\(FLAGS \\(\\$Important\\)\\)
                S: a7 OK FETCH completed
                C: a8 UNSELECT
                S: a8 OK UNSELECT completed
                # SELECT lists the keywords the messages carry; EXAMINE: FLAGS too, no permanent flags
                C: a9 EXAMINE INBOX
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Important Todo\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\)] .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: a9 OK \\[READ-ONLY] EXAMINE completed
                """);
    }

    @Test
    void otherSessionsHearOfANewKeywordAtTheirNextSafePoint() throws Exception {
        try (ImapClient other = ImapClient.login(srv, "alice")) {
            c.expectOk(c.command("SELECT INBOX"));
            other.expectOk(other.command("SELECT INBOX"));
            c.expectOk(c.command("STORE 2 +FLAGS (Later)"));
            Transcript.run(other, """
                    C: b1 NOOP
                    S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft Later\\)
                    S: \\* OK \\[PERMANENTFLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft Later \\\\\\*\\)] Flags permitted
                    S: \\* 2 FETCH \\(UID 2 FLAGS \\(Later\\)\\)
                    S: b1 OK NOOP completed
                    """);
            // an APPEND with a new keyword into the selected mailbox: FLAGS before its EXISTS
            String msg = TestServer.message("m3", "three");
            c.expectOk(c.command("APPEND INBOX ($Urgent) {" + msg.length() + "+}\r\n" + msg));
            Transcript.run(other, """
                    C: b2 NOOP
                    S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Urgent Later\\)
                    S: \\* OK \\[PERMANENTFLAGS .*\\$Urgent Later \\\\\\*\\)] Flags permitted
                    S: \\* 3 EXISTS
                    S: \\* 0 RECENT
                    S: b2 OK NOOP completed
                    """);
        }
    }
}
