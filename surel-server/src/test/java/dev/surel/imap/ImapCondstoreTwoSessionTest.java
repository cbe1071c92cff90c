package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.MessageMeta;
import dev.surel.testkit.TestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 7162 across sessions of one user, each over its own socket: flag changes reach the other
 * sessions with their new MODSEQ, a conditional STORE loses to an earlier change elsewhere
 * ([MODIFIED]), and a QRESYNC session hears expunges as VANISHED, only where RFC 9051 §7.5.1
 * allows EXPUNGE.
 */
class ImapCondstoreTwoSessionTest {
    static final String PASSWORD = "secret";

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).perTest();
    ImapClient a;
    ImapClient b;
    long inbox;

    @BeforeEach
    void start() throws Exception {
        for (int i = 1; i <= 4; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "body " + i));
        inbox = srv.store().mailbox(srv.alice(), "INBOX").id();
        srv.recentTaken(srv.alice(), "INBOX");
        a = ImapClient.login(srv, "alice");
        b = ImapClient.login(srv, "alice");
    }

    private long storeModseq(long uid) {
        return srv.store().fetch(srv.alice(), inbox, List.of(uid)).getFirst().modseq();
    }

    private static long number(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.matches()) return Long.parseLong(m.group(1));
        }
        throw new AssertionError("no line matches " + regex + " in " + lines);
    }

    @Test
    void flagChangesReachTheOtherSessionWithTheirModseq() throws Exception {
        a.expectOk(a.command("SELECT INBOX (CONDSTORE)"));
        b.expectOk(b.command("SELECT INBOX (CONDSTORE)"));
        try (ImapClient plain = ImapClient.login(srv, "alice")) {
            plain.expectOk(plain.command("SELECT INBOX"));
            List<String> st = a.command("STORE 2 +FLAGS (\\Flagged)");
            long n = number(st, "\\* 2 FETCH \\(FLAGS \\(\\\\Flagged\\) MODSEQ \\((\\d+)\\)\\)");
            assertThat(n).isEqualTo(storeModseq(2));
            assertThat(b.command("NOOP")).contains("* 2 FETCH (UID 2 FLAGS (\\Flagged) MODSEQ (" + n + "))");
            // a session that never turned CONDSTORE on gets no MODSEQ
            assertThat(plain.command("NOOP")).contains("* 2 FETCH (UID 2 FLAGS (\\Flagged))");
            assertThat(b.command("STATUS INBOX (HIGHESTMODSEQ)")).contains("* STATUS \"INBOX\" (HIGHESTMODSEQ " + n + ")");
            // during IDLE, without asking
            b.send("i1 IDLE\r\n");
            assertThat(b.line()).startsWith("+");
            a.expectOk(a.command("UID STORE 3 +FLAGS.SILENT (\\Answered $Work)"));
            long n2 = storeModseq(3);
            assertThat(n2).isGreaterThan(n);
            // $Work is new to the mailbox: FLAGS and PERMANENTFLAGS come first (RFC 3501 §7.2.6)
            assertThat(b.line()).isEqualTo("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)");
            assertThat(b.line()).isEqualTo("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work \\*)] Flags permitted");
            assertThat(b.line()).isEqualTo("* 3 FETCH (UID 3 FLAGS (\\Answered $Work) MODSEQ (" + n2 + "))");
            b.send("DONE\r\n");
            assertThat(b.until("i1 .*").getLast()).isEqualTo("i1 OK IDLE terminated");
            // a fresh SELECT elsewhere starts from the new HIGHESTMODSEQ
            assertThat(plain.command("EXAMINE INBOX (CONDSTORE)")).contains("* OK [HIGHESTMODSEQ " + n2 + "] Highest");
        }
    }

    @Test
    void conditionalStoreLosesToAnEarlierChangeInAnotherSession() throws Exception {
        a.expectOk(a.command("SELECT INBOX"));
        b.expectOk(b.command("SELECT INBOX"));
        long m = number(b.command("FETCH 1 (MODSEQ)"), "\\* 1 FETCH \\(MODSEQ \\((\\d+)\\)\\)");
        List<String> won = a.command("STORE 1 (UNCHANGEDSINCE " + m + ") +FLAGS (\\Answered)");
        long m2 = number(won, "\\* 1 FETCH \\(FLAGS \\(\\\\Answered\\) MODSEQ \\((\\d+)\\)\\)");
        assertThat(ImapClient.tagged(won)).isEqualTo("OK STORE completed");
        // B still believes m: its replacing STORE must not wipe out \Answered
        List<String> lost = b.command("STORE 1 (UNCHANGEDSINCE " + m + ") FLAGS (\\Seen)");
        assertThat(lost).containsExactly("* 1 FETCH (UID 1 FLAGS (\\Answered) MODSEQ (" + m2 + "))",
                lost.getLast());
        assertThat(ImapClient.tagged(lost)).isEqualTo("OK [MODIFIED 1] Conditional STORE failed");
        MessageMeta now = srv.store().fetch(srv.alice(), inbox, List.of(1L)).getFirst();
        assertThat(now.flags().has(Flag.ANSWERED)).isTrue();
        assertThat(now.flags().has(Flag.SEEN)).isFalse();
        assertThat(now.modseq()).isEqualTo(m2);
        // with the new MODSEQ it succeeds; MODIFIED of UID STORE lists UIDs, of STORE sequence numbers
        b.expectOk(b.command("STORE 1 (UNCHANGEDSINCE " + m2 + ") +FLAGS (\\Seen)"));
        a.expectOk(a.command("UID STORE 2 +FLAGS.SILENT (\\Deleted)"));
        a.expectOk(a.command("UID EXPUNGE 2"));
        b.expectOk(b.command("NOOP"));
        a.expectOk(a.command("UID STORE 4 +FLAGS.SILENT ($Later)"));
        List<String> uidStore = b.command("UID STORE 3,4 (UNCHANGEDSINCE " + m2 + ") +FLAGS.SILENT (\\Flagged)");
        assertThat(ImapClient.tagged(uidStore)).isEqualTo("OK [MODIFIED 4] Conditional STORE failed");
        assertThat(uidStore).anyMatch(l -> l.matches("\\* 2 FETCH \\(UID 3 MODSEQ \\(\\d+\\)\\)"));
        a.expectOk(a.command("UID STORE 4 +FLAGS.SILENT ($Later2)"));
        List<String> seqStore = b.command("STORE 3 (UNCHANGEDSINCE " + m2 + ") +FLAGS.SILENT (\\Flagged)");
        assertThat(ImapClient.tagged(seqStore)).isEqualTo("OK [MODIFIED 3] Conditional STORE failed");
    }

    @Test
    void aQresyncSessionHearsExpungesAsVanishedOnlyWhereExpungeIsAllowed() throws Exception {
        b.expectOk(b.command("ENABLE QRESYNC"));
        a.expectOk(a.command("SELECT INBOX"));
        List<String> sel = b.command("SELECT INBOX");
        long h = number(sel, "\\* OK \\[HIGHESTMODSEQ (\\d+)] .*");
        a.expectOk(a.command("STORE 2 +FLAGS.SILENT (\\Deleted)"));
        assertThat(a.command("EXPUNGE")).contains("* 2 EXPUNGE"); // A did not enable QRESYNC
        // FETCH / SEARCH / STORE by sequence number: neither VANISHED nor the flag changes behind it
        a.expectOk(a.command("UID STORE 3 +FLAGS.SILENT (\\Flagged)"));
        List<String> f = b.command("FETCH 1:4 (UID)");
        assertThat(f).noneMatch(l -> l.startsWith("* VANISHED")).noneMatch(l -> l.contains("Flagged"));
        assertThat(ImapClient.tagged(f)).startsWith("NO [EXPUNGEISSUED]");
        List<String> search = b.command("SEARCH ALL");
        assertThat(search).hasSize(2).first().isEqualTo("* SEARCH 1 3 4");
        // a UID FETCH may renumber: VANISHED (EARLIER) leaves out what the session has not announced
        List<String> u = b.command("UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + h + " VANISHED)");
        assertThat(u).noneMatch(l -> l.startsWith("* VANISHED (EARLIER)"));
        assertThat(u).contains("* 3 FETCH (UID 3 FLAGS (\\Flagged) MODSEQ (" + storeModseq(3) + "))", "* VANISHED 2");
        assertThat(u.indexOf("* VANISHED 2")).isEqualTo(u.size() - 2); // the flag change is not repeated unasked
        assertThat(u).filteredOn(l -> l.contains("Flagged")).hasSize(1);
        // during IDLE
        b.send("i1 IDLE\r\n");
        assertThat(b.line()).startsWith("+");
        a.expectOk(a.command("UID STORE 3 +FLAGS.SILENT (\\Deleted)"));
        a.expectOk(a.command("EXPUNGE"));
        List<String> idle = b.until("\\* VANISHED .*");
        assertThat(idle.getLast()).isEqualTo("* VANISHED 3");
        b.send("DONE\r\n");
        b.until("i1 OK .*");
        // B's own MOVE: COPYUID, then VANISHED; A hears EXPUNGE
        List<String> mv = b.command("UID MOVE 4 Trash");
        assertThat(mv).containsSubsequence("* VANISHED 4", mv.getLast());
        assertThat(mv.getFirst()).startsWith("* OK [COPYUID ");
        assertThat(a.command("NOOP")).contains("* 2 EXPUNGE");
        List<String> left = b.command("UID FETCH 1:* (UID)");
        assertThat(left).hasSize(2).first().isEqualTo("* 1 FETCH (UID 1)");
    }
}
