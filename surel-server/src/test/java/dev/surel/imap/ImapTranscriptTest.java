package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scripted C:/S: conversations, most of them the examples of RFC 9051 §6 (and of the extension
 * RFCs), adapted only where the RFC shows server-specific data (UIDVALIDITY, sizes, names).
 */
class ImapTranscriptTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.connect(srv);
    }

    @Test
    void rfc9051CapabilityNoopLoginLogout() throws Exception {
        Transcript.run(c, """
                # RFC 9051 §6.1.1, §6.1.2, §6.2.3, §6.1.3
                C: abcd CAPABILITY
                S: \\* CAPABILITY IMAP4rev1 IMAP4rev2 .*AUTH=PLAIN.*
                S: abcd OK CAPABILITY completed
                C: a002 NOOP
                S: a002 OK NOOP completed
                C: a001 LOGIN SMITH SESAME
                S: a001 NO \\[AUTHENTICATIONFAILED] .*
                C: a001 LOGIN alice@example.test secret
                S: a001 OK \\[CAPABILITY IMAP4rev1 IMAP4rev2 .*] Logged in
                C: A023 LOGOUT
                S: \\* BYE .*
                S: A023 OK LOGOUT completed
                """);
    }

    @Test
    void rfc9051MailboxCommands() throws Exception {
        Transcript.run(c, """
                C: a LOGIN alice@example.test secret
                S: a OK .*
                # RFC 9051 §6.3.4 CREATE
                C: A003 CREATE owatagusiam/
                S: A003 OK CREATE completed
                C: A004 CREATE owatagusiam/blurdybloop
                S: A004 OK CREATE completed
                # RFC 9051 §6.3.6 RENAME (the hierarchy moves along)
                C: A683 RENAME owatagusiam sarasoop
                S: A683 OK RENAME completed
                C: A684 LIST "" sarasoop*
                S: \\* LIST \\(\\\\HasChildren\\) "/" "sarasoop"
                S: \\* LIST \\(\\\\HasNoChildren\\) "/" "sarasoop/blurdybloop"
                S: A684 OK LIST completed
                # RFC 9051 §6.3.5 DELETE
                C: A685 DELETE sarasoop/blurdybloop
                S: A685 OK DELETE completed
                C: A686 DELETE sarasoop/blurdybloop
                S: A686 NO \\[NONEXISTENT] .*
                # RFC 9051 §6.3.7 SUBSCRIBE, §6.3.9 LIST "" ""
                C: A002 SUBSCRIBE #news.comp.mail.mime
                S: A002 OK SUBSCRIBE completed
                C: A101 LIST "" ""
                S: \\* LIST \\(\\\\Noselect\\) "/" ""
                S: A101 OK LIST completed
                # RFC 5258 §5 example 3 style: \\NonExistent for a subscription without a mailbox
                C: A102 LIST (SUBSCRIBED) "" "#news*"
                S: \\* LIST \\(\\\\NonExistent \\\\Subscribed\\) "/" "#news.comp.mail.mime"
                S: A102 OK LIST completed
                # RFC 9051 §6.3.11 STATUS
                C: A042 STATUS INBOX (UIDNEXT MESSAGES)
                S: \\* STATUS "INBOX" \\(UIDNEXT 1 MESSAGES 0\\)
                S: A042 OK STATUS completed
                """);
    }

    @Test
    void rfc9051AppendSelectStoreExpunge() throws Exception {
        Transcript.run(c, """
                C: a LOGIN alice@example.test secret
                S: a OK .*
                C: b CREATE saved-messages
                S: b OK .*
                # RFC 9051 §6.3.12 APPEND, answered with RFC 4315 APPENDUID
                C: A003 APPEND saved-messages (\\Seen) {*}
                M: Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)
                M: From: Fred Foobar <foobar@Blurdybloop.example>
                M: Subject: afternoon meeting
                M: To: mooch@owatagu.siam.edu.example
                M: Message-Id: <B27397-0100000@Blurdybloop.example>
                M: MIME-Version: 1.0
                M: Content-Type: TEXT/PLAIN; CHARSET=US-ASCII
                M:
                M: Hello Joe, do you think we can meet at 3:30 tomorrow?
                C:
                S: A003 OK \\[APPENDUID \\d+ 1] APPEND completed
                # RFC 9051 §6.3.2 SELECT (IMAP4rev1 session: RECENT and UNSEEN too; the appended
                # message is \\Recent for the first session to select the mailbox, RFC 3501 §2.3.2)
                C: A142 SELECT saved-messages
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\\\\\*\\)] .*
                S: \\* 1 EXISTS
                S: \\* 1 RECENT
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 2] .*
                S: A142 OK \\[READ-WRITE] SELECT completed
                # RFC 9051 §6.4.5 FETCH
                C: A654 FETCH 1 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])
                S: \\* 1 FETCH \\(FLAGS \\(\\\\Seen \\\\Recent\\) BODY\\[HEADER.FIELDS \\("DATE" "FROM"\\)] \\{94}\\nDate: Mon, 7 Feb 1994 21:52:25 -0800 \\(PST\\)\\r\\nFrom: Fred Foobar <foobar@Blurdybloop.example>\\r\\n\\r\\n\\)
                S: A654 OK FETCH completed
                # RFC 9051 §6.4.6 STORE
                C: A003 STORE 1 +FLAGS (\\Deleted)
                S: \\* 1 FETCH \\(FLAGS \\(\\\\Seen \\\\Deleted \\\\Recent\\)\\)
                S: A003 OK STORE completed
                # RFC 9051 §6.4.3 EXPUNGE
                C: A202 EXPUNGE
                S: \\* 1 EXPUNGE
                S: A202 OK EXPUNGE completed
                C: A341 CLOSE
                S: A341 OK CLOSE completed
                """);
    }

    @Test
    void rfc9051ExpungeRenumbersAsItGoes() throws Exception {
        // RFC 9051 §6.4.3 example: messages 3, 4, 7 and 11 have \\Deleted
        for (int i = 1; i <= 11; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "b"));
        Transcript.run(c, """
                C: a LOGIN alice@example.test secret
                S: a OK .*
                C: b SELECT INBOX
                S: .*
                S: .*
                S: \\* 11 EXISTS
                S: .*
                S: .*
                S: .*
                S: .*
                S: b OK .*
                C: c STORE 3:4,7,11 +FLAGS.SILENT (\\Deleted)
                S: c OK STORE completed
                C: A202 EXPUNGE
                S: \\* 3 EXPUNGE
                S: \\* 3 EXPUNGE
                S: \\* 5 EXPUNGE
                S: \\* 8 EXPUNGE
                S: A202 OK EXPUNGE completed
                """);
    }

    @Test
    void rfc6851MoveAndRfc4315UidExpunge() throws Exception {
        for (int i = 1; i <= 5; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "b"));
        Transcript.run(c, """
                C: a LOGIN alice@example.test secret
                S: a OK .*
                C: b CREATE foo
                S: b OK .*
                C: c SELECT INBOX
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: c OK .*
                # RFC 6851 §4.4 example (UIDs 1:2 here)
                C: a UID MOVE 1:2 foo
                S: \\* OK \\[COPYUID \\d+ 1:2 1:2] Moved
                S: \\* 1 EXPUNGE
                S: \\* 1 EXPUNGE
                S: a OK MOVE completed
                # RFC 4315 §2.1: UID EXPUNGE only removes the given UIDs
                C: A003 UID STORE 3:5 +FLAGS.SILENT (\\Deleted)
                S: A003 OK STORE completed
                C: A004 UID EXPUNGE 4
                S: \\* 2 EXPUNGE
                S: A004 OK EXPUNGE completed
                C: A005 COPY 1 nosuch
                S: A005 NO \\[TRYCREATE] .*
                """);
    }

    @Test
    void rfc2177Idle() throws Exception {
        Transcript.run(c, """
                C: a LOGIN alice@example.test secret
                S: a OK .*
                C: A001 EXAMINE INBOX
                S: .*
                S: .*
                S: \\* 0 EXISTS
                S: .*
                S: .*
                S: .*
                S: A001 OK \\[READ-ONLY] EXAMINE completed
                C: A002 IDLE
                S: \\+ idling
                """);
        srv.deliver(srv.alice(), "INBOX", TestServer.message("new", "mail"));
        Transcript.run(c, """
                S: \\* 1 EXISTS
                S: \\* 1 RECENT
                C: DONE
                S: A002 OK IDLE terminated
                C: A003 FETCH 1 (FLAGS)
                S: \\* 1 FETCH \\(FLAGS \\(\\\\Recent\\)\\)
                S: A003 OK FETCH completed
                """);
    }

    @Test
    void rfc9051EnableAndRev2Select() throws Exception {
        Transcript.run(c, """
                C: a LOGIN alice@example.test secret
                S: a OK .*
                # RFC 5161 §3.1 / RFC 9051 §6.3.1
                C: t1 ENABLE IMAP4rev2
                S: \\* ENABLED IMAP4rev2
                S: t1 OK ENABLE completed
                C: A142 SELECT INBOX
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 0 EXISTS
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 1] .*
                S: \\* LIST \\(\\) "/" "INBOX"
                S: A142 OK \\[READ-WRITE] SELECT completed
                C: A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"
                S: \\* ESEARCH \\(TAG "A282"\\)
                S: A282 OK SEARCH completed
                C: t2 ENABLE IMAP4rev2
                S: t2 BAD Command not allowed with a mailbox selected
                """);
    }
}
