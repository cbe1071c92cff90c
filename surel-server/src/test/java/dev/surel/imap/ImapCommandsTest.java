package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One session, one command at a time, over a real socket (RFC 9051 §6 and the extensions). */
class ImapCommandsTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.login(srv, "alice");
    }

    private static String tagged(List<String> r) {
        return ImapClient.tagged(r);
    }

    @Test
    void capabilityIdNamespaceEnable() throws Exception {
        List<String> cap = c.command("CAPABILITY");
        assertThat(cap.getFirst()).startsWith("* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ ENABLE IDLE")
                .contains("UIDPLUS", "MOVE", "SPECIAL-USE", "LIST-STATUS", "STATUS=SIZE", "QUOTA", "APPENDLIMIT=67108864")
                .doesNotContain("AUTH=", "STARTTLS");
        assertThat(c.command("ID (\"name\" \"test\")").getFirst()).isEqualTo("* ID (\"name\" \"Surel\" \"vendor\" \"Surel\")");
        assertThat(c.command("NAMESPACE").getFirst()).isEqualTo("* NAMESPACE ((\"\" \"/\")) NIL NIL");
        assertThat(c.command("ENABLE IMAP4rev2 FOO").getFirst()).isEqualTo("* ENABLED IMAP4rev2");
        assertThat(c.command("ENABLE IMAP4rev2").getFirst()).isEqualTo("* ENABLED");
    }

    @Test
    void createDeleteRenameIncludingInboxRules() throws Exception {
        assertThat(tagged(c.command("CREATE owatagusiam/"))).startsWith("OK");
        assertThat(tagged(c.command("CREATE owatagusiam/blurdybloop"))).startsWith("OK");
        assertThat(tagged(c.command("CREATE owatagusiam"))).startsWith("NO [ALREADYEXISTS]");
        assertThat(tagged(c.command("CREATE inbox"))).startsWith("NO [ALREADYEXISTS]");
        assertThat(tagged(c.command("DELETE INBOX"))).startsWith("NO [CANNOT]");
        assertThat(tagged(c.command("DELETE nosuch"))).startsWith("NO [NONEXISTENT]");
        assertThat(tagged(c.command("RENAME nosuch other"))).startsWith("NO [NONEXISTENT]");
        assertThat(tagged(c.command("RENAME owatagusiam Drafts"))).startsWith("NO [ALREADYEXISTS]");
        assertThat(tagged(c.command("RENAME owatagusiam zowie"))).startsWith("OK");
        assertThat(c.command("LIST \"\" zowie*")).contains("* LIST (\\HasChildren) \"/\" \"zowie\"",
                "* LIST (\\HasNoChildren) \"/\" \"zowie/blurdybloop\"");
        // RFC 9051 §6.3.6: renaming INBOX moves its messages and leaves INBOX empty
        srv.deliver(srv.alice(), "INBOX", TestServer.message("one", "1"));
        assertThat(tagged(c.command("RENAME INBOX old-mail"))).startsWith("OK");
        assertThat(c.command("STATUS INBOX (MESSAGES)").getFirst()).isEqualTo("* STATUS \"INBOX\" (MESSAGES 0)");
        assertThat(c.command("STATUS old-mail (MESSAGES)").getFirst()).isEqualTo("* STATUS \"old-mail\" (MESSAGES 1)");
        assertThat(tagged(c.command("DELETE zowie/blurdybloop"))).startsWith("OK");
        assertThat(tagged(c.command("CREATE Bills (USE (\\Flagged))"))).startsWith("OK");
        assertThat(tagged(c.command("CREATE Bills2 (USE (\\Frob))"))).startsWith("NO [USEATTR]");
        assertThat(c.command("LIST \"\" Bills")).contains("* LIST (\\HasNoChildren \\Flagged) \"/\" \"Bills\"");
    }

    @Test
    void listVariants() throws Exception {
        c.expectOk(c.command("CREATE Foo/Bar"));
        c.expectOk(c.command("SUBSCRIBE Foo/Bar"));
        c.expectOk(c.command("SUBSCRIBE Gone"));
        c.expectOk(c.command("UNSUBSCRIBE Junk"));
        assertThat(c.command("LIST \"\" \"\"").getFirst()).isEqualTo("* LIST (\\Noselect) \"/\" \"\"");
        assertThat(c.command("LIST \"\" %")).contains("* LIST (\\HasChildren) \"/\" \"Foo\"", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"")
                .noneMatch(l -> l.contains("Foo/Bar"));
        assertThat(c.command("LIST \"\" inbox").getFirst()).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"INBOX\"");
        assertThat(c.command("LIST Foo/ %").getFirst()).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"Foo/Bar\"");
        // RFC 5258: SUBSCRIBED selection, \NonExistent, RECURSIVEMATCH with CHILDINFO
        List<String> subs = c.command("LIST (SUBSCRIBED) \"\" *");
        assertThat(subs).contains("* LIST (\\NonExistent \\Subscribed) \"/\" \"Gone\"",
                "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"Foo/Bar\"").noneMatch(l -> l.contains("\"Junk\""));
        assertThat(c.command("LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %"))
                .contains("* LIST (\\HasChildren) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
        assertThat(c.command("LIST (SPECIAL-USE) \"\" *")).hasSize(6);
        assertThat(c.command("LIST \"\" (INBOX Drafts) RETURN (SUBSCRIBED STATUS (MESSAGES SIZE))"))
                .containsSubsequence("* LIST (\\HasNoChildren \\Drafts \\Subscribed) \"/\" \"Drafts\"", "* STATUS \"Drafts\" (MESSAGES 0 SIZE 0)",
                        "* LIST (\\HasNoChildren \\Subscribed) \"/\" \"INBOX\"", "* STATUS \"INBOX\" (MESSAGES 0 SIZE 0)");
        assertThat(c.command("LSUB \"\" *")).contains("* LSUB () \"/\" \"Foo/Bar\"", "* LSUB (\\Noselect) \"/\" \"Gone\"");
    }

    @Test
    void mailboxNamesAreModifiedUtf7InRev1AndUtf8InRev2() throws Exception {
        c.expectOk(c.command("CREATE \"Entw&APw-rfe\""));
        assertThat(ImapClient.tagged(c.command("CREATE \"&Jjo\""))).startsWith("NO [CANNOT]"); // not valid modified UTF-7
        assertThat(c.command("LIST \"\" Entw*").getFirst()).isEqualTo("* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"");
        c.expectOk(c.command("ENABLE IMAP4rev2"));
        assertThat(c.command("LIST \"\" Entw*").getFirst()).isEqualTo("* LIST (\\HasNoChildren) \"/\" {9}\nEntw\u00c3\u00bcrfe");
    }

    @Test
    void statusAndQuota() throws Exception {
        srv.deliver(srv.alice(), "INBOX", TestServer.message("one", "1"));
        List<String> st = c.command("STATUS INBOX (MESSAGES UIDNEXT UNSEEN DELETED SIZE RECENT APPENDLIMIT)");
        assertThat(st.getFirst()).matches("\\* STATUS \"INBOX\" \\(MESSAGES 1 UIDNEXT 2 UNSEEN 1 DELETED 0 SIZE \\d+ RECENT 1 APPENDLIMIT 67108864\\)");
        assertThat(tagged(c.command("STATUS nosuch (MESSAGES)"))).startsWith("NO [NONEXISTENT]");
        assertThat(c.command("GETQUOTAROOT INBOX")).containsSubsequence("* QUOTAROOT \"INBOX\" \"\"", "* QUOTA \"\" ()");
        assertThat(tagged(c.command("GETQUOTA \"\""))).startsWith("OK");
        assertThat(tagged(c.command("GETQUOTA other"))).startsWith("NO");
        assertThat(tagged(c.command("SETQUOTA \"\" (STORAGE 10)"))).startsWith("NO [CANNOT]");
        srv.services().directory().setQuota("alice@example.test", new dev.surel.accounts.Quota(java.util.OptionalLong.of(10 * 1024), java.util.OptionalLong.of(5)));
        assertThat(c.command("GETQUOTA \"\"").getFirst()).matches("\\* QUOTA \"\" \\(STORAGE 1 10 MESSAGE 1 5\\)");
        srv.services().directory().setQuota("alice@example.test", new dev.surel.accounts.Quota(java.util.OptionalLong.of(0), java.util.OptionalLong.of(1)));
        assertThat(tagged(c.command("APPEND INBOX {1+}\r\nx"))).startsWith("NO [OVERQUOTA]");
    }

    @Test
    void appendMultiappendAndInternalDatesAtTheExtremeOffsets() throws Exception {
        String m1 = "Subject: a\r\n\r\none\r\n";
        String m2 = "Subject: b\n\ntwo\n"; // bare LF becomes CRLF before the size is fixed
        String t = c.nextTag();
        c.send(t + " APPEND Drafts (\\Draft \\Seen) \"14-Jul-2026 02:44:25 +1400\" {" + m1.length() + "}\r\n");
        assertThat(c.line()).startsWith("+ ");
        c.send(m1 + " \" 1-Jan-2027 00:30:00 -1200\" {" + m2.length() + "+}\r\n" + m2 + "\r\n");
        assertThat(c.until(t + " .*").getLast()).matches(t + " OK \\[APPENDUID \\d+ 1:2] APPEND completed");
        c.expectOk(c.command("SELECT Drafts"));
        List<String> f = c.command("FETCH 1:2 (FLAGS INTERNALDATE RFC822.SIZE)");
        // appended while nobody had Drafts selected: \Recent for this first SELECT (RFC 3501 §2.3.2)
        assertThat(f).contains("* 1 FETCH (FLAGS (\\Seen \\Draft \\Recent) INTERNALDATE \"14-Jul-2026 02:44:25 +1400\" RFC822.SIZE 19)",
                "* 2 FETCH (FLAGS (\\Recent) INTERNALDATE \"01-Jan-2027 00:30:00 -1200\" RFC822.SIZE 19)");
        // BEFORE/ON/SINCE use the internal date in its own offset (RFC 9051 §6.4.4)
        assertThat(c.command("SEARCH ON 14-Jul-2026").getFirst()).isEqualTo("* SEARCH 1");
        assertThat(c.command("SEARCH ON 1-Jan-2027").getFirst()).isEqualTo("* SEARCH 2");
        assertThat(c.command("SEARCH BEFORE 1-Jan-2027").getFirst()).isEqualTo("* SEARCH 1");
        assertThat(c.command("SEARCH SINCE 15-Jul-2026").getFirst()).isEqualTo("* SEARCH 2");
        assertThat(tagged(c.command("APPEND nosuch {1+}\r\nx"))).startsWith("NO [TRYCREATE]");
        assertThat(tagged(c.command("APPEND INBOX (\\Bogus) {1+}\r\nx"))).startsWith("BAD");
    }

    @Test
    void fetchItems() throws Exception {
        String msg = "From: \"Joe Q.\" <joe@example.org>\r\nTo: alice@example.test\r\nSubject: =?UTF-8?Q?caf=C3=A9?=\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n";
        srv.deliver(srv.alice(), "INBOX", msg);
        c.expectOk(c.command("EXAMINE INBOX"));
        assertThat(c.command("FETCH 1 (BODY.PEEK[1] BODY.PEEK[2.MIME] BODY.PEEK[]<0.4>)").getFirst())
                .isEqualTo("* 1 FETCH (BODY[1] {5}\nhello BODY[2.MIME] {77}\nContent-Type: application/octet-stream\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n BODY[]<0> {4}\nFrom)");
        assertThat(c.command("FETCH 1 BODYSTRUCTURE").getFirst()).isEqualTo("* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 1 NIL NIL NIL NIL)"
                + " (\"application\" \"octet-stream\" NIL NIL NIL \"base64\" 4 NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"b\") NIL NIL NIL))");
        assertThat(c.command("FETCH 1 ENVELOPE").getFirst()).contains("\"=?UTF-8?Q?caf=C3=A9?=\" ((\"Joe Q.\" NIL \"joe\" \"example.org\"))");
        List<String> rfc = c.command("FETCH 1 (RFC822.HEADER RFC822.SIZE)");
        assertThat(rfc.getFirst()).startsWith("* 1 FETCH (RFC822.HEADER {").contains("Subject: =?UTF-8?Q?caf=C3=A9?=\r\n");
        // EXAMINE is read-only: BODY[] does not set \Seen, STORE is refused; it shows \Recent without taking it
        assertThat(c.command("FETCH 1 (BODY[TEXT] FLAGS)").getFirst()).endsWith("FLAGS (\\Recent))");
        assertThat(tagged(c.command("STORE 1 +FLAGS (\\Seen)"))).startsWith("NO");
        assertThat(tagged(c.command("FETCH 2 FLAGS"))).isEqualTo("BAD Invalid message sequence number");
        assertThat(tagged(c.command("UID FETCH 2:* FLAGS"))).startsWith("OK");
        assertThat(c.command("UID FETCH 1 (FLAGS)").getFirst()).isEqualTo("* 1 FETCH (UID 1 FLAGS (\\Recent))");
        assertThat(c.command("FETCH 1 (BODY.PEEK[HEADER.FIELDS (From To)])").getFirst())
                .isEqualTo("* 1 FETCH (BODY[HEADER.FIELDS (\"FROM\" \"TO\")] {60}\nFrom: \"Joe Q.\" <joe@example.org>\r\nTo: alice@example.test\r\n\r\n)");
    }

    @Test
    void searchRev1AndEsearchInRev2() throws Exception {
        srv.deliver(srv.alice(), "INBOX", TestServer.message("Meeting", "agenda caf\u00e9"));
        srv.deliver(srv.alice(), "INBOX", TestServer.message("Lunch", "sandwich"));
        c.expectOk(c.command("SELECT INBOX"));
        c.expectOk(c.command("STORE 2 +FLAGS ($Later)"));
        assertThat(c.command("SEARCH SUBJECT meeting").getFirst()).isEqualTo("* SEARCH 1");
        assertThat(c.command("SEARCH BODY SANDWICH").getFirst()).isEqualTo("* SEARCH 2");
        assertThat(c.command("SEARCH OR KEYWORD $later FROM carol").getFirst()).isEqualTo("* SEARCH 1 2");
        assertThat(c.command("UID SEARCH NOT KEYWORD $LATER").getFirst()).isEqualTo("* SEARCH 1");
        assertThat(tagged(c.command("SEARCH CHARSET X-UNKNOWN TEXT x"))).isEqualTo("NO [BADCHARSET (UTF-8 US-ASCII)] Unknown charset");
        assertThat(c.command("SEARCH RETURN () UNSEEN").getFirst()).isEqualTo("* ESEARCH (TAG \"t9\") ALL 1:2"); // RFC 4731 §3.1
        c.expectOk(c.command("UNSELECT"));
        c.expectOk(c.command("ENABLE IMAP4rev2"));
        List<String> sel = c.command("SELECT INBOX");
        assertThat(sel).noneMatch(l -> l.contains("RECENT")).contains("* LIST () \"/\" \"INBOX\"");
        String t = c.nextTag();
        c.send(t + " UID SEARCH ALL\r\n");
        assertThat(c.line()).isEqualTo("* ESEARCH (TAG \"" + t + "\") UID ALL 1:2");
        c.until(t + " OK.*");
        List<String> r = c.command("SEARCH RETURN (MIN MAX COUNT) ALL");
        assertThat(r.getFirst()).matches("\\* ESEARCH \\(TAG \"t\\d+\"\\) MIN 1 MAX 2 COUNT 2");
        assertThat(c.command("SEARCH SUBJECT nothing").getFirst()).matches("\\* ESEARCH \\(TAG \"t\\d+\"\\)");
    }

    @Test
    void storeExpungeCloseUnselect() throws Exception {
        for (int i = 1; i <= 4; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "b"));
        srv.recentTaken(srv.alice(), "INBOX");
        c.expectOk(c.command("SELECT INBOX"));
        assertThat(c.command("STORE 1:2 FLAGS (\\Deleted \\Seen)")).contains("* 1 FETCH (FLAGS (\\Seen \\Deleted))",
                "* 2 FETCH (FLAGS (\\Seen \\Deleted))");
        assertThat(c.command("UID STORE 2 -FLAGS (\\Seen)")).contains("* 2 FETCH (UID 2 FLAGS (\\Deleted))");
        List<String> ux = c.command("UID EXPUNGE 2:3");
        assertThat(ux.subList(0, ux.size() - 1)).containsExactly("* 2 EXPUNGE");
        c.expectOk(c.command("STORE 2 +FLAGS.SILENT (\\Deleted)"));
        c.expectOk(c.command("UNSELECT"));
        assertThat(c.command("STATUS INBOX (MESSAGES)").getFirst()).endsWith("(MESSAGES 3)");
        c.expectOk(c.command("SELECT INBOX"));
        c.expectOk(c.command("CLOSE")); // silently expunges UIDs 1 and 3
        assertThat(c.command("STATUS INBOX (MESSAGES)").getFirst()).endsWith("(MESSAGES 1)");
        assertThat(tagged(c.command("FETCH 1 FLAGS"))).startsWith("BAD Command not allowed without a selected mailbox");
        assertThat(tagged(c.command("SELECT nosuch"))).startsWith("NO [NONEXISTENT]");
        c.expectOk(c.command("SELECT INBOX"));
        assertThat(c.command("SELECT Drafts").getFirst()).isEqualTo("* OK [CLOSED] Previous mailbox closed");
    }

    @Test
    void largeLiteralMessageStreamsBothWays() throws Exception {
        byte[] body = ("Subject: big\r\n\r\n" + "0123456789abcdef".repeat(65536 * 2) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        String t = c.nextTag();
        c.send(t + " APPEND INBOX {" + body.length + "+}\r\n");
        c.sendBytes(body);
        c.send("\r\n");
        assertThat(c.until(t + " .*").getLast()).contains("OK [APPENDUID");
        c.expectOk(c.command("EXAMINE INBOX"));
        List<String> f = c.command("FETCH 1 (RFC822.SIZE BODY.PEEK[])");
        assertThat(f.getFirst()).startsWith("* 1 FETCH (RFC822.SIZE " + body.length + " BODY[] {" + body.length + "}\n")
                .endsWith("abcdef\r\n)");
    }
}
