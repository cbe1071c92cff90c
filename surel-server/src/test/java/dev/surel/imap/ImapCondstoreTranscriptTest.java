package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.FlagOp;
import dev.surel.store.Flags;
import dev.surel.store.MailboxInfo;
import dev.surel.testkit.TestServer;
import dev.surel.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of RFC 7162 (CONDSTORE, QRESYNC) as C:/S: transcripts over a real socket,
 * adapted only in the numbers (UIDs, sequence numbers, MODSEQs are this server's; the MODSEQs
 * are read from the store before the script runs). "Another session" is the store itself,
 * committing and publishing exactly as an IMAP session would.
 */
class ImapCondstoreTranscriptTest {
    static final String PASSWORD = "secret";

    MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).clock(clock).perTest();
    ImapClient c;
    long inbox;

    @BeforeEach
    void start() throws Exception {
        inbox = srv.store().mailbox(srv.alice(), "INBOX").id();
    }

    /** n messages, already seen by an earlier session (not \Recent: these transcripts are about MODSEQs). */
    private void deliver(int n) {
        for (int i = 1; i <= n; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "body " + i));
        srv.recentTaken(srv.alice(), "INBOX");
    }

    private MailboxInfo info() {
        return srv.store().mailbox(srv.alice(), inbox);
    }

    private long modseq(long uid) {
        return srv.store().fetch(srv.alice(), inbox, List.of(uid)).getFirst().modseq();
    }

    private void otherSessionFlags(Flag flag, Long... uids) {
        srv.store().updateFlags(srv.alice(), inbox, List.of(uids), FlagOp.ADD, Flags.of(flag), -1);
    }

    private void otherSessionExpunges(Long... uids) {
        otherSessionFlags(Flag.DELETED, uids);
        srv.store().expunge(srv.alice(), inbox, List.of(uids));
    }

    @Test
    void rfc7162CondstoreExamples() throws Exception {
        deliver(5);
        long h = info().highestModseq();
        long n1 = h + 1;
        long n2 = h + 2;
        c = ImapClient.connect(srv);
        Transcript.run(c, """
                # §3.1.1 advertising
                C: a001 CAPABILITY
                S: \\* CAPABILITY IMAP4rev1 .* CONDSTORE QRESYNC( .*)?
                S: a001 OK CAPABILITY completed
                C: a002 LOGIN alice@example.test secret
                S: a002 OK .*
                # §3.1.6 example 5: STATUS HIGHESTMODSEQ (an empty mailbox still has one >= 1)
                C: A042 STATUS Trash (UIDNEXT MESSAGES HIGHESTMODSEQ)
                S: \\* STATUS "Trash" \\(UIDNEXT 1 MESSAGES 0 HIGHESTMODSEQ [1-9]\\d*\\)
                S: A042 OK STATUS completed
                # §3.1.8 example 15: SELECT (CONDSTORE); §3.1.2.1 HIGHESTMODSEQ
                C: A142 SELECT INBOX (CONDSTORE)
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 5 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 6] .*
                S: \\* OK \\[HIGHESTMODSEQ %1$d] .*
                S: A142 OK \\[READ-WRITE] SELECT completed
                # §3.1.4.1 example 13: FETCH MODSEQ
                C: a FETCH 1:2 (MODSEQ)
                S: \\* 1 FETCH \\(MODSEQ \\(%4$d\\)\\)
                S: \\* 2 FETCH \\(MODSEQ \\(%5$d\\)\\)
                S: a OK FETCH completed
                # §3.1.3 example 6: every message passes UNCHANGEDSINCE; untagged FETCH with MODSEQ although .SILENT
                C: a103 UID STORE 4,2,3 (UNCHANGEDSINCE %1$d) +FLAGS.SILENT (\\Deleted)
                S: \\* 2 FETCH \\(UID 2 MODSEQ \\(%2$d\\)\\)
                S: \\* 3 FETCH \\(UID 3 MODSEQ \\(%2$d\\)\\)
                S: \\* 4 FETCH \\(UID 4 MODSEQ \\(%2$d\\)\\)
                S: a103 OK STORE completed
                # §3.1.3 example 8: UNCHANGEDSINCE 0 always fails
                C: c104 STORE 1 (UNCHANGEDSINCE 0) +FLAGS.SILENT ($MDNSent)
                S: c104 OK \\[MODIFIED 1] Conditional STORE failed
                # §3.1.3 example 9: some pass, some fail (messages 2 and 3 changed since)
                C: d105 STORE 3,5,2 (UNCHANGEDSINCE %1$d) +FLAGS.SILENT ($Processed)
                # a keyword new to the mailbox: FLAGS and PERMANENTFLAGS first (RFC 3501 §7.2.6)
                S: \\* FLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Processed\\)
                S: \\* OK \\[PERMANENTFLAGS \\(\\\\Answered \\\\Flagged \\\\Deleted \\\\Seen \\\\Draft \\$Processed \\\\\\*\\)] .*
                S: \\* 5 FETCH \\(MODSEQ \\(%3$d\\)\\)
                S: d105 OK \\[MODIFIED 2:3] Conditional STORE failed
                # §3.1.3: a message that already has the flags has nothing to lose: it passes
                C: e106 STORE 2 (UNCHANGEDSINCE %1$d) +FLAGS (\\Deleted)
                S: \\* 2 FETCH \\(FLAGS \\(\\\\Deleted\\) MODSEQ \\(%2$d\\)\\)
                S: e106 OK STORE completed
                # once CONDSTORE is on, a plain STORE's FETCH carries MODSEQ too
                C: e107 STORE 1 +FLAGS (\\Seen)
                S: \\* 1 FETCH \\(FLAGS \\(\\\\Seen\\) MODSEQ \\(%6$d\\)\\)
                S: e107 OK STORE completed
                # §3.1.4 example 12: FETCH CHANGEDSINCE (MODSEQ implied)
                C: s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE %2$d)
                S: \\* 1 FETCH \\(UID 1 FLAGS \\(\\\\Seen\\) MODSEQ \\(%6$d\\)\\)
                S: \\* 5 FETCH \\(UID 5 FLAGS \\(\\$Processed\\) MODSEQ \\(%3$d\\)\\)
                S: s100 OK FETCH completed
                C: s101 FETCH 2:4 (FLAGS) (CHANGEDSINCE %6$d)
                S: s101 OK FETCH completed
                # §3.1.5 example 14: SEARCH MODSEQ, (MODSEQ n) = the highest of the messages found
                C: a SEARCH MODSEQ "/flags/\\\\draft" all %2$d
                S: \\* SEARCH 1 2 3 4 5 \\(MODSEQ %6$d\\)
                S: a OK SEARCH completed
                C: t SEARCH OR NOT MODSEQ %3$d LARGER 50000
                S: \\* SEARCH 2 3 4 \\(MODSEQ %2$d\\)
                S: t OK SEARCH completed
                C: u SEARCH MODSEQ 999999999
                S: \\* SEARCH
                S: u OK SEARCH completed
                C: v UID SEARCH MODSEQ %3$d
                S: \\* SEARCH 1 5 \\(MODSEQ %6$d\\)
                S: v OK SEARCH completed
                # §3.1.2.1: STATUS sees the new HIGHESTMODSEQ
                C: w STATUS INBOX (HIGHESTMODSEQ)
                S: \\* STATUS "INBOX" \\(HIGHESTMODSEQ %6$d\\)
                S: w OK STATUS completed
                """.formatted(h, n1, n2, modseq(1), modseq(2), h + 3));
    }

    @Test
    void rfc7162EsearchCarriesModseq() throws Exception {
        deliver(3);
        long h = info().highestModseq();
        c = ImapClient.login(srv, "alice");
        Transcript.run(c, """
                C: a ENABLE IMAP4rev2
                S: \\* ENABLED IMAP4rev2
                S: a OK .*
                C: b SELECT INBOX
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: b OK .*
                # §3.1.5 with ESEARCH (RFC 4731 §3.2): MODSEQ search-return-data; §3.1: the first
                # CONDSTORE-enabling command on a selected mailbox is told its HIGHESTMODSEQ first
                C: c UID SEARCH RETURN (MIN COUNT) MODSEQ 1
                S: \\* OK \\[HIGHESTMODSEQ %1$d] .*
                S: \\* ESEARCH \\(TAG "c"\\) UID MIN 1 COUNT 3 MODSEQ %2$d
                S: c OK SEARCH completed
                C: d SEARCH MODSEQ %1$d
                S: \\* ESEARCH \\(TAG "d"\\) ALL 3 MODSEQ %1$d
                S: d OK SEARCH completed
                """.formatted(h, modseq(1)));
    }

    @Test
    void theFirstCondstoreEnablingCommandOnASelectedMailboxIsToldHighestModseq() throws Exception {
        deliver(2);
        long h = info().highestModseq();
        c = ImapClient.login(srv, "alice");
        // RFC 7162 §3.1: a CONDSTORE-enabling command other than SELECT/EXAMINE (CONDSTORE) while a
        // mailbox is selected: OK [HIGHESTMODSEQ] first, once, as Dovecot 2.3.19 does
        Transcript.run(c, """
                C: a SELECT INBOX
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 2 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY \\d+] .*
                S: \\* OK \\[UIDNEXT 3] .*
                S: a OK \\[READ-WRITE] SELECT completed
                C: b FETCH 1 (MODSEQ)
                S: \\* OK \\[HIGHESTMODSEQ %1$d] .*
                S: \\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)
                S: b OK FETCH completed
                C: c FETCH 2 (MODSEQ)
                S: \\* 2 FETCH \\(MODSEQ \\(%1$d\\)\\)
                S: c OK FETCH completed
                """.formatted(h));
        for (String enabling : List.of("UID STORE 1 (UNCHANGEDSINCE %d) +FLAGS.SILENT (\\Seen)".formatted(h),
                "SEARCH MODSEQ 1", "FETCH 1:* (FLAGS) (CHANGEDSINCE 1)", "STATUS Trash (HIGHESTMODSEQ)")) {
            long now = info().highestModseq();
            try (ImapClient d = ImapClient.login(srv, "alice")) {
                d.expectOk(d.command("SELECT INBOX"));
                List<String> r = d.command(enabling);
                assertThat(r.getFirst()).as(enabling).isEqualTo("* OK [HIGHESTMODSEQ " + now + "] Highest");
                assertThat(r).as(enabling).filteredOn(l -> l.contains("HIGHESTMODSEQ " + now + "]")).hasSize(1);
                assertThat(d.command(enabling)).as(enabling).noneMatch(l -> l.startsWith("* OK [HIGHESTMODSEQ"));
            }
        }
        // with nothing selected there is nothing to tell
        try (ImapClient d = ImapClient.login(srv, "alice")) {
            assertThat(d.command("STATUS INBOX (HIGHESTMODSEQ)")).noneMatch(l -> l.startsWith("* OK [HIGHESTMODSEQ"));
        }
    }

    @Test
    void rfc7162QresyncExamples() throws Exception {
        deliver(10);
        long uv = info().uidValidity();
        long h0 = info().highestModseq();
        // while the client is away
        otherSessionFlags(Flag.SEEN, 3L);
        otherSessionExpunges(4L, 6L);
        srv.deliver(srv.alice(), "INBOX", TestServer.message("m11", "eleven"));
        srv.recentTaken(srv.alice(), "INBOX");
        long m3 = modseq(3);
        long m11 = modseq(11);
        long h1 = info().highestModseq();
        c = ImapClient.login(srv, "alice");
        Transcript.run(c, """
                # §3.2.5: QRESYNC needs ENABLE first
                C: A00 SELECT INBOX (QRESYNC (%1$d %2$d))
                S: A00 BAD .*
                # §3.2.3 example
                C: A01 ENABLE QRESYNC
                S: \\* ENABLED QRESYNC
                S: A01 OK ENABLE completed
                # §3.2.5.1 example: VANISHED (EARLIER) for the expunged UIDs, FETCH for changed and new ones
                C: A02 SELECT INBOX (QRESYNC (%1$d %2$d 1:10))
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 9 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 12] .*
                S: \\* OK \\[HIGHESTMODSEQ %3$d] .*
                S: \\* VANISHED \\(EARLIER\\) 4,6
                S: \\* 3 FETCH \\(UID 3 FLAGS \\(\\\\Seen\\) MODSEQ \\(%4$d\\)\\)
                S: \\* 9 FETCH \\(UID 11 FLAGS \\(\\) MODSEQ \\(%5$d\\)\\)
                S: A02 OK \\[READ-WRITE] SELECT completed
                # §3.2.6 example: UID FETCH ... (CHANGEDSINCE n VANISHED)
                C: A160 UID FETCH 5:* (FLAGS) (CHANGEDSINCE %2$d VANISHED)
                S: \\* VANISHED \\(EARLIER\\) 6
                S: \\* 9 FETCH \\(UID 11 FLAGS \\(\\) MODSEQ \\(%5$d\\)\\)
                S: A160 OK FETCH completed
                # §3.2.7: a UIDVALIDITY that does not match: a plain select (§3.2.11: [CLOSED] first)
                C: A03 EXAMINE INBOX (QRESYNC (%6$d %2$d 1:10))
                S: \\* OK \\[CLOSED] .*
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 9 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 12] .*
                S: \\* OK \\[HIGHESTMODSEQ %3$d] .*
                S: A03 OK \\[READ-ONLY] EXAMINE completed
                # §3.2.10: once QRESYNC is on, EXPUNGE is answered with VANISHED
                C: A04 SELECT INBOX
                S: \\* OK \\[CLOSED] .*
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 9 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 12] .*
                S: \\* OK \\[HIGHESTMODSEQ %3$d] .*
                S: A04 OK \\[READ-WRITE] SELECT completed
                C: A05 UID STORE 7,9,10 +FLAGS.SILENT (\\Deleted)
                S: A05 OK STORE completed
                C: A202 EXPUNGE
                S: \\* VANISHED 7,9:10
                S: A202 OK EXPUNGE completed
                C: A203 FETCH 1:* (UID)
                S: \\* 1 FETCH \\(UID 1\\)
                S: \\* 2 FETCH \\(UID 2\\)
                S: \\* 3 FETCH \\(UID 3\\)
                S: \\* 4 FETCH \\(UID 5\\)
                S: \\* 5 FETCH \\(UID 8\\)
                S: \\* 6 FETCH \\(UID 11\\)
                S: A203 OK FETCH completed
                """.formatted(uv, h0, h1, m3, m11, uv + 1));
    }

    @Test
    void vanishedAndQresyncNeedEnableQresyncNotJustCondstore() throws Exception {
        deliver(2);
        c = ImapClient.login(srv, "alice");
        Transcript.run(c, """
                C: a ENABLE CONDSTORE
                S: \\* ENABLED CONDSTORE
                S: a OK ENABLE completed
                C: b SELECT INBOX (QRESYNC (%d 1))
                S: b BAD .*
                C: c SELECT INBOX
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: .*
                S: \\* OK \\[HIGHESTMODSEQ \\d+] .*
                S: c OK .*
                C: d UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)
                S: d BAD .*
                C: e UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1)
                S: \\* 1 FETCH \\(UID 1 FLAGS \\(\\) MODSEQ \\(\\d+\\)\\)
                S: \\* 2 FETCH \\(UID 2 FLAGS \\(\\) MODSEQ \\(\\d+\\)\\)
                S: e OK FETCH completed
                C: f UID STORE 1 +FLAGS.SILENT (\\Deleted)
                S: f OK STORE completed
                C: g EXPUNGE
                S: \\* 1 EXPUNGE
                S: g OK EXPUNGE completed
                """.formatted(info().uidValidity()));
    }

    @Test
    void rfc7162QresyncAfterTombstonesWerePurgedUsesKnownUidsAndSeqMatch() throws Exception {
        deliver(10);
        long uv = info().uidValidity();
        otherSessionExpunges(2L);
        // the client's state: UIDs 1,3:10 (its message 5 is UID 6) at h0
        long h0 = info().highestModseq();
        otherSessionExpunges(8L);
        otherSessionFlags(Flag.FLAGGED, 9L);
        long m9 = modseq(9);
        clock.advance(Duration.ofDays(31));
        srv.store().gc();
        c = ImapClient.login(srv, "alice");
        Transcript.run(c, """
                C: A01 ENABLE QRESYNC
                S: \\* ENABLED QRESYNC
                S: A01 OK ENABLE completed
                # §3.2.5.2: tombstones since h0 are gone, so every known UID not live is reported (2 too)
                C: A02 EXAMINE INBOX (QRESYNC (%1$d %2$d 1:10))
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 8 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 11] .*
                S: \\* OK \\[HIGHESTMODSEQ \\d+] .*
                S: \\* VANISHED \\(EARLIER\\) 2,8
                S: \\* 7 FETCH \\(UID 9 FLAGS \\(\\\\Flagged\\) MODSEQ \\(%3$d\\)\\)
                S: A02 OK \\[READ-ONLY] EXAMINE completed
                # the seq-match data says the client's messages 1 and 5 are UIDs 1 and 6, as here: nothing at or below 6 vanished
                C: B02 EXAMINE INBOX (QRESYNC (%1$d %2$d 1:10 (1,5 1,6)))
                S: \\* OK \\[CLOSED] .*
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 8 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 11] .*
                S: \\* OK \\[HIGHESTMODSEQ \\d+] .*
                S: \\* VANISHED \\(EARLIER\\) 8
                S: \\* 7 FETCH \\(UID 9 FLAGS \\(\\\\Flagged\\) MODSEQ \\(%3$d\\)\\)
                S: B02 OK \\[READ-ONLY] EXAMINE completed
                # a pair that no longer holds (message 7 is UID 9 here, not 8) stops the match there
                C: C02 EXAMINE INBOX (QRESYNC (%1$d %2$d 1:10 (1,7 1,8)))
                S: \\* OK \\[CLOSED] .*
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 8 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 11] .*
                S: \\* OK \\[HIGHESTMODSEQ \\d+] .*
                S: \\* VANISHED \\(EARLIER\\) 2,8
                S: \\* 7 FETCH \\(UID 9 FLAGS \\(\\\\Flagged\\) MODSEQ \\(%3$d\\)\\)
                S: C02 OK \\[READ-ONLY] EXAMINE completed
                # without known-uids: every UID below UIDNEXT that is not live
                C: D02 EXAMINE INBOX (QRESYNC (%1$d %2$d))
                S: \\* OK \\[CLOSED] .*
                S: \\* FLAGS .*
                S: \\* OK \\[PERMANENTFLAGS .*
                S: \\* 8 EXISTS
                S: \\* 0 RECENT
                S: \\* OK \\[UNSEEN 1] .*
                S: \\* OK \\[UIDVALIDITY %1$d] .*
                S: \\* OK \\[UIDNEXT 11] .*
                S: \\* OK \\[HIGHESTMODSEQ \\d+] .*
                S: \\* VANISHED \\(EARLIER\\) 2,8
                S: \\* 7 FETCH \\(UID 9 FLAGS \\(\\\\Flagged\\) MODSEQ \\(%3$d\\)\\)
                S: D02 OK \\[READ-ONLY] EXAMINE completed
                # §3.2.6 after the purge: the UIDs of the set that are not live
                C: E01 UID FETCH 1:* (FLAGS) (CHANGEDSINCE %2$d VANISHED)
                S: \\* VANISHED \\(EARLIER\\) 2,8
                S: \\* 7 FETCH \\(UID 9 FLAGS \\(\\\\Flagged\\) MODSEQ \\(%3$d\\)\\)
                S: E01 OK FETCH completed
                """.formatted(uv, h0, m9));
    }
}
