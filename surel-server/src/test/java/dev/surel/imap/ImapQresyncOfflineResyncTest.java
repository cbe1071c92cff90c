package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static dev.surel.testkit.TestData.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.Flags;
import dev.surel.store.NewMessage;
import dev.surel.store.SpooledMessage;
import dev.surel.testkit.TestServer;
import dev.surel.time.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The phone that was offline for a day (issue 7, RFC 7162 §3.2.5): a client holds UID → flags
 * and HIGHESTMODSEQ of a 5,000-message INBOX; another session then makes 1,000 changes (flag
 * changes, expunges, new mail, some new mail expunged again); ONE {@code SELECT INBOX (QRESYNC
 * (...))} must rebuild the client's state exactly (compared with a full {@code UID FETCH 1:*
 * (FLAGS)}), and the bytes the server sent for it must be far below those of the full fetch.
 * Resynced twice from the same state: with every tombstone kept, and after the tombstones were
 * purged (the server then answers from the client's known-uids and seq-match data, §3.2.5.2).
 */
class ImapQresyncOfflineResyncTest {
    static final String PASSWORD = "secret";

    private static final int MAILBOX = 5_000;
    private static final Pattern FETCH = Pattern.compile("\\* \\d+ FETCH \\(UID (\\d+) FLAGS \\(([^)]*)\\)(?: MODSEQ \\(\\d+\\))?\\)");

    @TempDir Path dir;

    /** What one response cost on the wire: its lines and their octets (CRLF included). */
    record Wire(List<String> lines, long bytes) {
        static Wire of(List<String> lines) {
            long n = 0;
            for (String l : lines) n += l.getBytes(StandardCharsets.ISO_8859_1).length + 2;
            return new Wire(lines, n);
        }
    }

    @Test
    void oneQresyncSelectRebuildsTheStateAfterAThousandChanges() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
        try (TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).user(BOB, PASSWORD).clock(clock).start(dir)) {
            fill(srv);

            // the phone syncs fully once, then goes offline
            TreeMap<Long, String> phone = new TreeMap<>();
            long uidValidity;
            long highest;
            try (ImapClient c = ImapClient.login(srv, "alice")) {
                c.expectOk(c.command("ENABLE QRESYNC"));
                List<String> sel = c.command("SELECT INBOX");
                uidValidity = number(sel, "\\* OK \\[UIDVALIDITY (\\d+)] .*");
                highest = number(sel, "\\* OK \\[HIGHESTMODSEQ (\\d+)] .*");
                phone.putAll(flagsOf(c.command("UID FETCH 1:* (FLAGS)")));
                c.expectOk(c.command("LOGOUT"));
            }
            assertThat(phone).hasSize(MAILBOX);

            int changes;
            try (ImapClient desk = ImapClient.login(srv, "alice")) {
                changes = thousandChanges(desk, new Random(7162));
                desk.expectOk(desk.command("LOGOUT"));
            }
            assertThat(changes).isGreaterThanOrEqualTo(1_000);

            resync(srv, new TreeMap<>(phone), uidValidity, highest, changes, "tombstones kept");

            clock.advance(Duration.ofDays(31));
            // the sessions' leases pin tombstones until the server has ended them: poll
            long purgedNow = 0;
            for (int i = 0; i < 100 && purgedNow == 0; i++) {
                purgedNow = srv.store().gc().tombstonesPurged();
                if (purgedNow == 0) Thread.sleep(100);
            }
            assertThat(purgedNow).isGreaterThan(0);
            assertThat(srv.store().mailbox(srv.alice(), "INBOX").purgedModseq()).isGreaterThan(highest);

            resync(srv, new TreeMap<>(phone), uidValidity, highest, changes, "tombstones purged: known-uids + seq-match");
        }
    }

    /** One {@code SELECT INBOX (QRESYNC (...))} from the phone's state, checked against a full fetch. */
    private static void resync(TestServer srv, TreeMap<Long, String> phone, long uidValidity, long highest,
                               int changes, String label) throws Exception {
        List<Long> phoneUids = new ArrayList<>(phone.keySet());
        try (ImapClient c = ImapClient.login(srv, "alice")) {
            c.expectOk(c.command("ENABLE QRESYNC"));
            // known-uids: what the phone holds; seq-match: every 500th of its messages (RFC 7162 §3.2.5.2)
            StringBuilder seqs = new StringBuilder();
            StringBuilder uids = new StringBuilder();
            for (int i = 499; i < phoneUids.size(); i += 500) {
                seqs.append(seqs.isEmpty() ? "" : ",").append(i + 1);
                uids.append(uids.isEmpty() ? "" : ",").append(phoneUids.get(i));
            }
            Wire resync = Wire.of(c.command("SELECT INBOX (QRESYNC (" + uidValidity + " " + highest + " "
                    + UidSets.format(phoneUids) + " (" + seqs + " " + uids + ")))"));
            c.expectOk(resync.lines());
            int vanishedLines = 0;
            int fetchLines = 0;
            for (String l : resync.lines()) {
                if (l.startsWith("* VANISHED (EARLIER) ")) {
                    vanishedLines++;
                    for (long uid : expand(l.substring("* VANISHED (EARLIER) ".length()))) phone.remove(uid);
                }
                Matcher m = FETCH.matcher(l);
                if (m.matches()) {
                    fetchLines++;
                    phone.put(Long.parseLong(m.group(1)), normalized(m.group(2)));
                }
            }
            long exists = number(resync.lines(), "\\* (\\d+) EXISTS");

            Wire full = Wire.of(c.command("UID FETCH 1:* (FLAGS)"));
            c.expectOk(full.lines());
            TreeMap<Long, String> truth = flagsOf(full.lines());
            assertThat(truth).hasSize((int) exists);
            assertThat(differences(phone, truth)).as("the phone's state against a full fetch").isEmpty();
            assertThat(phone).isEqualTo(truth);
            c.expectOk(c.command("LOGOUT"));

            System.out.printf("QRESYNC offline resync (%s): %d changes; one SELECT (QRESYNC) sent %d bytes"
                            + " (%d VANISHED (EARLIER) line, %d FETCH lines); a full UID FETCH 1:* (FLAGS) of the"
                            + " %d messages sent %d bytes (%.1fx more)%n",
                    label, changes, resync.bytes(), vanishedLines, fetchLines, truth.size(), full.bytes(),
                    (double) full.bytes() / resync.bytes());
            assertThat(vanishedLines).isEqualTo(1);
            assertThat(resync.bytes() * 3).as("resync bytes far below a full resync").isLessThan(full.bytes());
        }
    }

    /** 5,000 messages in one transaction: ten contents, spooled once each, most of them \Seen. */
    private static void fill(TestServer srv) {
        long inbox = srv.store().mailbox(srv.alice(), "INBOX").id();
        List<SpooledMessage> blobs = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                blobs.add(srv.store().spool(new ByteArrayInputStream(TestServer.message("bulk " + i, "text " + i)
                        .getBytes(StandardCharsets.UTF_8))));
            }
            List<NewMessage> all = new ArrayList<>();
            Random r = new Random(5000);
            for (int i = 0; i < MAILBOX; i++) {
                Flags f = r.nextInt(10) < 7 ? Flags.of(Flag.SEEN) : Flags.NONE;
                all.add(new NewMessage(blobs.get(i % 10), f, null));
            }
            srv.store().appendAll(srv.alice(), inbox, all);
        } finally {
            blobs.forEach(SpooledMessage::close);
        }
    }

    /**
     * Another session's day: 600 flag changes (60 STOREs of 10 messages), 200 expunges (20 UID
     * EXPUNGEs of 10), 200 new messages (20 MULTIAPPENDs of 10), interleaved; some of the
     * new messages get flags or are expunged again. Returns the number of message changes.
     */
    private static int thousandChanges(ImapClient desk, Random r) throws Exception {
        desk.expectOk(desk.command("SELECT INBOX"));
        List<String> kinds = new ArrayList<>();
        for (int i = 0; i < 60; i++) kinds.add("flags");
        for (int i = 0; i < 20; i++) kinds.add("expunge");
        for (int i = 0; i < 20; i++) kinds.add("append");
        java.util.Collections.shuffle(kinds, r);
        String[] ops = {"+FLAGS (\\Seen)", "-FLAGS (\\Seen)", "+FLAGS (\\Flagged $Work)", "FLAGS (\\Answered)", "-FLAGS ($Work)"};
        List<Long> live = new ArrayList<>();
        for (String l : desk.command("UID SEARCH ALL")) {
            if (l.startsWith("* SEARCH ")) for (String n : l.substring(9).split(" ")) live.add(Long.parseLong(n));
        }
        int changes = 0;
        for (String kind : kinds) {
            switch (kind) {
                case "flags" -> {
                    String set = pick(live, 10, r);
                    desk.expectOk(desk.command("UID STORE " + set + " " + ops[r.nextInt(ops.length)].replace("FLAGS", "FLAGS.SILENT")));
                }
                case "expunge" -> {
                    String set = pick(live, 10, r);
                    desk.expectOk(desk.command("UID STORE " + set + " +FLAGS.SILENT (\\Deleted)"));
                    desk.expectOk(desk.command("UID EXPUNGE " + set));
                    live.removeAll(expand(set));
                }
                case "append" -> {
                    StringBuilder cmd = new StringBuilder("APPEND INBOX");
                    for (int i = 0; i < 10; i++) {
                        String msg = TestServer.message("new " + changes + "-" + i, "fresh mail " + i);
                        cmd.append(i % 3 == 0 ? " (\\Seen)" : "").append(" {").append(msg.length()).append("+}\r\n").append(msg);
                    }
                    List<String> done = desk.command(cmd.toString());
                    desk.expectOk(done);
                    Matcher m = Pattern.compile("OK \\[APPENDUID \\d+ ([\\d:,]+)] .*").matcher(ImapClient.tagged(done));
                    assertThat(m.matches()).as(done.toString()).isTrue();
                    live.addAll(expand(m.group(1)));
                }
                default -> throw new AssertionError(kind);
            }
            changes += 10;
        }
        return changes;
    }

    /** {@code n} distinct random UIDs of {@code live}, as a UID set. */
    private static String pick(List<Long> live, int n, Random r) {
        TreeSet<Long> chosen = new TreeSet<>();
        while (chosen.size() < n) chosen.add(live.get(r.nextInt(live.size())));
        return UidSets.format(new ArrayList<>(chosen));
    }

    private static TreeMap<Long, String> flagsOf(List<String> lines) {
        TreeMap<Long, String> out = new TreeMap<>();
        for (String l : lines) {
            Matcher m = FETCH.matcher(l);
            if (m.matches()) out.put(Long.parseLong(m.group(1)), normalized(m.group(2)));
        }
        return out;
    }

    /** The first UIDs where the two states differ, readable (a failure must not print 5,000 entries). */
    private static List<String> differences(TreeMap<Long, String> phone, TreeMap<Long, String> truth) {
        List<String> out = new ArrayList<>();
        TreeSet<Long> all = new TreeSet<>(phone.keySet());
        all.addAll(truth.keySet());
        for (long uid : all) {
            if (out.size() == 20) break;
            String p = phone.get(uid);
            String t = truth.get(uid);
            if (p == null ? t != null : !p.equals(t)) out.add("UID " + uid + ": phone " + p + ", server " + t);
        }
        return out;
    }

    private static String normalized(String flags) {
        String[] f = Arrays.stream(flags.split(" ")).filter(x -> !x.isEmpty() && !x.equalsIgnoreCase("\\Recent")).sorted().toArray(String[]::new);
        return String.join(" ", f);
    }

    private static List<Long> expand(String set) {
        List<Long> out = new ArrayList<>();
        for (String part : set.split(",")) {
            String[] ab = part.split(":");
            long a = Long.parseLong(ab[0]);
            long b = ab.length > 1 ? Long.parseLong(ab[1]) : a;
            for (long u = Math.min(a, b); u <= Math.max(a, b); u++) out.add(u);
        }
        return out;
    }

    private static long number(List<String> lines, String regex) {
        Pattern p = Pattern.compile(regex);
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.matches()) return Long.parseLong(m.group(1));
        }
        throw new AssertionError("no line matches " + regex + " in " + lines.subList(0, Math.min(lines.size(), 20)));
    }
}
