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
 * LIST and LSUB over hierarchy levels that are not (or no longer) mailboxes (RFC 3501 §6.3.8,
 * §6.3.9; RFC 9051 §6.3.9, §7.3.1; RFC 5258 §3, §3.5, §4). The expected answers are Dovecot
 * 2.3.19's for the same commands (checked by hand with {@code dovecot-imapd} on a Maildir++
 * store), and the LIST-EXTENDED cases follow imaptest's {@code listext} script.
 */
class ImapListHierarchyTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.login(srv, "alice");
    }

    @Test
    void aDeletedParentWithChildrenIsAHierarchyLevel() throws Exception {
        Transcript.run(c, """
                C: a1 CREATE x/y
                S: a1 OK CREATE completed
                C: a2 DELETE x
                S: a2 OK DELETE completed
                # RFC 3501 §6.3.8: "%" last returns the level, \\Noselect as it is no mailbox
                C: a3 LIST "" "%"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Archive\\) "/" "Archive"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Drafts\\) "/" "Drafts"
                S: \\* LIST \\(\\\\HasNoChildren\\) "/" "INBOX"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Junk\\) "/" "Junk"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Sent\\) "/" "Sent"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Trash\\) "/" "Trash"
                S: \\* LIST \\(\\\\Noselect \\\\HasChildren\\) "/" "x"
                S: a3 OK LIST completed
                C: a4 LIST "" "x*"
                S: \\* LIST \\(\\\\Noselect \\\\HasChildren\\) "/" "x"
                S: \\* LIST \\(\\\\HasNoChildren\\) "/" "x/y"
                S: a4 OK LIST completed
                # LIST-EXTENDED (RFC 5258 §3.4) says \\NonExistent instead
                C: a5 LIST () "" "x"
                S: \\* LIST \\(\\\\NonExistent \\\\HasChildren\\) "/" "x"
                S: a5 OK LIST completed
                C: a6 LIST (REMOTE) "" "x%"
                S: \\* LIST \\(\\\\NonExistent \\\\HasChildren\\) "/" "x"
                S: a6 OK LIST completed
                C: a7 LIST "" "x" RETURN (CHILDREN STATUS (MESSAGES))
                S: \\* LIST \\(\\\\NonExistent \\\\HasChildren\\) "/" "x"
                S: a7 OK LIST completed
                C: a8 SELECT x
                S: a8 NO \\[NONEXISTENT] .*
                # and it can be created again
                C: a9 CREATE x
                S: a9 OK CREATE completed
                C: b1 LIST "" "x"
                S: \\* LIST \\(\\\\HasChildren\\) "/" "x"
                S: b1 OK LIST completed
                """);
        // IMAP4rev2 has LIST-EXTENDED built in (RFC 9051 §7.3.1)
        c.expectOk(c.command("DELETE x"));
        c.expectOk(c.command("ENABLE IMAP4rev2"));
        assertThat(c.command("LIST \"\" %")).contains("* LIST (\\NonExistent \\HasChildren) \"/\" \"x\"");
    }

    @Test
    void lsubReturnsTheUnsubscribedLevelsAboveSubscribedNames() throws Exception {
        Transcript.run(c, """
                C: a1 CREATE a/b/c
                S: a1 OK CREATE completed
                C: a2 SUBSCRIBE a/b/c
                S: a2 OK SUBSCRIBE completed
                # RFC 3501 §6.3.9: "%" must return the level, flagged \\Noselect (it is not subscribed)
                C: a3 LSUB "" "a/%"
                S: \\* LSUB \\(\\\\Noselect\\) "/" "a/b"
                S: a3 OK LSUB completed
                C: a4 LSUB "" "a/b/%"
                S: \\* LSUB \\(\\) "/" "a/b/c"
                S: a4 OK LSUB completed
                C: a5 LSUB "" "a*"
                S: \\* LSUB \\(\\) "/" "a/b/c"
                S: a5 OK LSUB completed
                C: a6 SUBSCRIBE a
                S: a6 OK SUBSCRIBE completed
                C: a7 LSUB "" "%"
                S: \\* LSUB \\(\\) "/" "Archive"
                S: \\* LSUB \\(\\) "/" "Drafts"
                S: \\* LSUB \\(\\) "/" "INBOX"
                S: \\* LSUB \\(\\) "/" "Junk"
                S: \\* LSUB \\(\\) "/" "Sent"
                S: \\* LSUB \\(\\) "/" "Trash"
                S: \\* LSUB \\(\\) "/" "a"
                S: a7 OK LSUB completed
                """);
    }

    @Test
    void recursiveMatchNeedsASelectionOptionAndChildInfoAChildThatMeetsIt() throws Exception {
        for (String box : new String[] {"t/test1", "t/test2/test1", "t/test3", "t/test7/test7", "t/test8/test8", "t/test8/test9"}) {
            c.expectOk(c.command("CREATE " + box));
        }
        for (String box : new String[] {"t/test1", "t/test2/test1", "t/test7/test7", "t/test8/test8", "t/test8/test9"}) {
            c.expectOk(c.command("SUBSCRIBE " + box));
        }
        Transcript.run(c, """
                # RFC 5258 §3: RECURSIVEMATCH alone, or only with REMOTE, is BAD
                C: a1 LIST (RECURSIVEMATCH) "" "%"
                S: a1 BAD .*
                C: a2 LIST (REMOTE RECURSIVEMATCH) "" "%"
                S: a2 BAD .*
                C: a3 LIST (SUBSCRIBED REMOTE RECURSIVEMATCH) "" "t/test2"
                S: \\* LIST \\(\\\\HasChildren\\) "/" "t/test2" \\("CHILDINFO" \\("SUBSCRIBED"\\)\\)
                S: a3 OK LIST completed
                # a parent that is not subscribed is listed only for a subscribed child no pattern matches
                C: a4 LIST (SUBSCRIBED RECURSIVEMATCH) "" "*test7"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test7/test7"
                S: a4 OK LIST completed
                C: a5 LIST (SUBSCRIBED RECURSIVEMATCH) "" "*test8"
                S: \\* LIST \\(\\\\HasChildren\\) "/" "t/test8" \\("CHILDINFO" \\("SUBSCRIBED"\\)\\)
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test8/test8"
                S: a5 OK LIST completed
                C: a6 LIST (SUBSCRIBED RECURSIVEMATCH) "" (t/test2 t/test2/test1)
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test2/test1"
                S: a6 OK LIST completed
                # no CHILDINFO where no child meets the selection; STATUS only for what meets it
                C: a7 LIST (SUBSCRIBED RECURSIVEMATCH) "" "t/%" RETURN (STATUS (MESSAGES))
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test1"
                S: \\* STATUS "t/test1" \\(MESSAGES 0\\)
                S: \\* LIST \\(\\\\HasChildren\\) "/" "t/test2" \\("CHILDINFO" \\("SUBSCRIBED"\\)\\)
                S: \\* LIST \\(\\\\HasChildren\\) "/" "t/test7" \\("CHILDINFO" \\("SUBSCRIBED"\\)\\)
                S: \\* LIST \\(\\\\HasChildren\\) "/" "t/test8" \\("CHILDINFO" \\("SUBSCRIBED"\\)\\)
                S: a7 OK LIST completed
                C: a8 LIST (SUBSCRIBED RECURSIVEMATCH) "" "*"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Archive \\\\Subscribed\\) "/" "Archive"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Drafts \\\\Subscribed\\) "/" "Drafts"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "INBOX"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Junk \\\\Subscribed\\) "/" "Junk"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Sent \\\\Subscribed\\) "/" "Sent"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Trash \\\\Subscribed\\) "/" "Trash"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test1"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test2/test1"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test7/test7"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test8/test8"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test8/test9"
                S: a8 OK LIST completed
                # a subscribed mailbox with a subscribed child: CHILDINFO although it is listed anyway
                C: a9 SUBSCRIBE t/test8
                S: a9 OK SUBSCRIBE completed
                C: b1 LIST (SUBSCRIBED RECURSIVEMATCH) "" "t/test8*"
                S: \\* LIST \\(\\\\HasChildren \\\\Subscribed\\) "/" "t/test8" \\("CHILDINFO" \\("SUBSCRIBED"\\)\\)
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test8/test8"
                S: \\* LIST \\(\\\\HasNoChildren \\\\Subscribed\\) "/" "t/test8/test9"
                S: b1 OK LIST completed
                """);
    }
}
