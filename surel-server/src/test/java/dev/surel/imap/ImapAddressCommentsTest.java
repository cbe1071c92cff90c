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
 * Comments in addresses over the wire (RFC 9051 §7.5.2 ENVELOPE, §6.4.4 SEARCH FROM/TO/CC/BCC;
 * RFC 5322 §3.4): {@code user@domain (Real Name)} has the comment as its ENVELOPE name, and
 * SEARCH matches addresses as {@code Name <mailbox@host>}, comments inside an address left out.
 * The messages and expected answers are those of imaptest's fetch-envelope and search-addresses
 * scripts, which Dovecot 2.3.19 passes.
 */
class ImapAddressCommentsTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient c;

    @BeforeEach
    void start() throws Exception {
        srv.deliver(srv.alice(), "INBOX", "From: user-from@domain.org\r\nTo: user-to@domain.org\r\n\r\nbody\r\n");
        srv.deliver(srv.alice(), "INBOX", "From: RealFrom <user-from@domain.org>\r\nTo: RealTo <user-to@domain.org>\r\n\r\nbody2\r\n");
        srv.deliver(srv.alice(), "INBOX", "From: <user-from (comment)@ (comment) domain.org>\r\nTo: <user-to@domain.org>\r\n\r\nbody3\r\n");
        srv.deliver(srv.alice(), "INBOX", "From: user-from@domain.org (RealFrom)\r\nTo: user-to@domain.org (RealTo)\r\n\r\nbody4\r\n");
        srv.deliver(srv.alice(), "INBOX", "Date: Sat, 01 Feb 2007 01:02:03 +0200\r\nFrom: user@domain (Real Name)\r\nSender: \r\n"
                + "Reply-To: \r\n\r\nbody\r\n");
        c = ImapClient.login(srv, "alice");
        c.expectOk(c.command("EXAMINE INBOX"));
    }

    @Test
    void aCommentNamesABareAddressAndIsNoPartOfTheAddressInSearch() throws Exception {
        Transcript.run(c, """
                # imaptest fetch-envelope message 5: the comment is the name; empty Sender/Reply-To default to From
                C: e1 FETCH 5 ENVELOPE
                S: \\* 5 FETCH \\(ENVELOPE \\("Sat, 01 Feb 2007 01:02:03 \\+0200" NIL \\(\\("Real Name" NIL "user" "domain"\\)\\) \\(\\("Real Name" NIL "user" "domain"\\)\\) \\(\\("Real Name" NIL "user" "domain"\\)\\) NIL NIL NIL NIL NIL\\)\\)
                S: e1 OK FETCH completed
                C: e2 FETCH 3:4 ENVELOPE
                S: \\* 3 FETCH \\(ENVELOPE \\(NIL NIL \\(\\(NIL NIL "user-from" "domain.org"\\)\\) .*
                S: \\* 4 FETCH \\(ENVELOPE \\(NIL NIL \\(\\("RealFrom" NIL "user-from" "domain.org"\\)\\) .*
                S: e2 OK FETCH completed
                # imaptest search-addresses: full address, name, substrings; a comment inside <...> is not text
                C: s1 SEARCH FROM user-from@domain.org
                S: \\* SEARCH 1 2 3 4
                S: s1 OK SEARCH completed
                C: s2 SEARCH FROM realfrom
                S: \\* SEARCH 2 4
                S: s2 OK SEARCH completed
                C: s3 SEARCH TO ealt
                S: \\* SEARCH 2 4
                S: s3 OK SEARCH completed
                C: s4 SEARCH FROM comment
                S: \\* SEARCH
                S: s4 OK SEARCH completed
                C: s5 SEARCH FROM "Real Name <user@domain>"
                S: \\* SEARCH 5
                S: s5 OK SEARCH completed
                """);
        assertThat(c.command("SEARCH HEADER FROM comment")).contains("* SEARCH 3"); // HEADER still sees the raw field
    }
}
