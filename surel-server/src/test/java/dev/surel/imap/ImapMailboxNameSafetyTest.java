package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.sql.SqlMailStore;
import dev.surel.testkit.TestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mailbox names that would be paths elsewhere: a "." or ".." hierarchy level, or a leading "/",
 * is refused with NO [CANNOT] (RFC 9051 §7.1 CANNOT, §5.1 leaves names to the server) by CREATE
 * and as a RENAME target; a name of that kind already in the store stays reachable and can be
 * renamed away.
 */
class ImapMailboxNameSafetyTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        c = ImapClient.login(srv, "alice");
    }

    @Test
    void dotLevelsAndALeadingDelimiterAreRefused() throws Exception {
        Transcript.run(c, """
                C: a1 CREATE ..
                S: a1 NO \\[CANNOT] .*
                C: a2 CREATE .
                S: a2 NO \\[CANNOT] .*
                C: a3 CREATE a/../b
                S: a3 NO \\[CANNOT] .*
                C: a4 CREATE a/.
                S: a4 NO \\[CANNOT] .*
                C: a5 CREATE "./x"
                S: a5 NO \\[CANNOT] .*
                C: a6 CREATE /etc
                S: a6 NO \\[CANNOT] .*
                C: a7 CREATE "a/../"
                S: a7 NO \\[CANNOT] .*
                C: a8 LIST "" "a*"
                S: a8 OK LIST completed
                # dots inside a level are ordinary characters
                C: b1 CREATE "v1.2/..hidden"
                S: b1 OK CREATE completed
                C: b2 CREATE x
                S: b2 OK CREATE completed
                C: b3 RENAME x "y/../z"
                S: b3 NO \\[CANNOT] .*
                C: b4 RENAME x ..
                S: b4 NO \\[CANNOT] .*
                C: b5 RENAME x /x
                S: b5 NO \\[CANNOT] .*
                C: b6 LIST "" "*"
                S: \\* LIST .* "Archive"
                S: \\* LIST .* "Drafts"
                S: \\* LIST .* "INBOX"
                S: \\* LIST .* "Junk"
                S: \\* LIST .* "Sent"
                S: \\* LIST .* "Trash"
                S: \\* LIST \\(\\\\HasChildren\\) "/" "v1.2"
                S: \\* LIST \\(\\\\HasNoChildren\\) "/" "v1.2/..hidden"
                S: \\* LIST \\(\\\\HasNoChildren\\) "/" "x"
                S: b6 OK LIST completed
                """);
    }

    @Test
    void aDotNameFromBeforeTheRuleIsReachableAndCanBeRenamed() throws Exception {
        long id = srv.store().createMailbox(srv.alice(), "old", null).id();
        ((SqlMailStore) srv.store()).database().write(c -> {
            try (var ps = c.prepareStatement("UPDATE mailboxes SET name = '../old' WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
        assertThat(srv.store().check().problems()).anyMatch(p -> p.contains("(../old)"));
        Transcript.run(c, """
                C: a1 LIST "" "*old"
                S: \\* LIST \\(\\\\HasNoChildren\\) "/" "../old"
                S: a1 OK LIST completed
                C: a2 SELECT ../old
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 0 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 1] .*
                S: a2 OK \\[READ-WRITE] SELECT completed
                C: a3 UNSELECT
                S: a3 OK UNSELECT completed
                C: a4 RENAME ../old old
                S: a4 OK RENAME completed
                """);
        assertThat(srv.store().check().problems()).isEmpty();
    }
}
