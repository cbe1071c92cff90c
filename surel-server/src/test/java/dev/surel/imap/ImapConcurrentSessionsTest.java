package dev.surel.imap;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.store.Flag;
import dev.surel.store.MessageMeta;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twenty sessions of one user change one mailbox at the same time, then each session's view must
 * be the store's (issue 16). Every session SELECTs INBOX with CONDSTORE (RFC 7162 §3.1.8) and runs
 * a seeded random mix for a few seconds: STORE and UID STORE {@code +FLAGS}/{@code -FLAGS} of
 * system flags and keywords (some {@code .SILENT}, RFC 9051 §6.4.6), APPEND (with flags), STORE
 * \Deleted + EXPUNGE and UID STORE \Deleted + UID EXPUNGE (RFC 4315 §2.1), NOOP, FETCH FLAGS.
 * Each session keeps a {@link ClientMailboxView} from the untagged responses it gets, as a
 * client's cache would (and, like a client, fetches UID and FLAGS of the new messages an EXISTS
 * announces). Afterwards every session NOOPs until the server has nothing more to tell it, and:
 *
 * <ul>
 *   <li>its view (sequence numbers, UIDs, FLAGS, MODSEQ) equals the store's, read from the store
 *       itself and from a fresh session's {@code FETCH 1:* (UID FLAGS MODSEQ)}: a dropped untagged
 *       EXPUNGE, EXISTS or flag update leaves a view that differs;</li>
 *   <li>no response contradicted what it had been told before ({@link ClientMailboxView#violations()});</li>
 *   <li>its own {@code FETCH 1:* (UID FLAGS MODSEQ)} equals the store's;</li>
 *   <li>HIGHESTMODSEQ (RFC 7162 §3.1.2) is the same for the store, a fresh SELECT and every session's
 *       STATUS, and no message's MODSEQ exceeds it.</li>
 * </ul>
 * A STORE or FETCH naming a message that another session has expunged meanwhile may answer NO
 * (RFC 9051 §7.1); a BAD, or a NO anywhere else, fails the test.
 */
class ImapConcurrentSessionsTest {
    static final String PASSWORD = "secret";
    static final int SESSIONS = 20;
    static final int MESSAGES = 200;
    static final long WORK_MILLIS = 4_000;
    static final long SEED = 16_2026_12_07L;
    static final List<String> FLAGS = List.of("\\Seen", "\\Flagged", "\\Answered", "\\Draft", "$Work", "$Later", "Project");

    @RegisterExtension
    final TestServer srv = TestServer.setup().listen(Endpoint.IMAP).user(ALICE, PASSWORD).perTest();

    /** One session: its client, its view, its random source, what went wrong in it. */
    private record Session(int id, ImapClient client, ClientMailboxView view, Random random, List<String> problems) {
        List<String> run(String command) throws IOException {
            List<String> lines = client.command(command);
            view.apply(lines);
            return lines;
        }

        /** Runs a command that must end OK (or NO when {@code noAllowed}: its message may be gone). */
        List<String> expect(String command, boolean noAllowed) throws IOException {
            List<String> lines = run(command);
            String tagged = ImapClient.tagged(lines);
            if (!tagged.startsWith("OK") && !(noAllowed && tagged.startsWith("NO"))) {
                problems.add("session " + id + ": " + command.lines().findFirst().orElse("") + " -> " + tagged);
            }
            return lines;
        }
    }

    @Test
    void twentySessionsChangingOneMailboxEachEndWithTheStoresView() throws Exception {
        for (int i = 1; i <= MESSAGES; i++) srv.deliver(srv.alice(), "INBOX", TestServer.message("m" + i, "body " + i));
        List<Session> sessions = new ArrayList<>();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < SESSIONS; i++) {
            Session s = new Session(i, ImapClient.login(srv, "alice"), new ClientMailboxView(), new Random(SEED + i), problems);
            s.expect("SELECT INBOX (CONDSTORE)", false);
            s.expect("FETCH 1:* (UID FLAGS MODSEQ)", false);
            sessions.add(s);
        }
        long until = System.nanoTime() + WORK_MILLIS * 1_000_000;
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        int[] commands = new int[SESSIONS];
        List<Thread> threads = new ArrayList<>();
        for (Session s : sessions) {
            threads.add(Thread.ofVirtual().name("session-" + s.id()).start(() -> {
                try {
                    while (System.nanoTime() < until) {
                        step(s);
                        commands[s.id()]++;
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(failures).as("sessions that failed").isEmpty();
        assertThat(problems).as("commands that did not end OK").isEmpty();
        int total = 0;
        for (int n : commands) total += n;
        assertThat(total).as("commands run by all sessions").isGreaterThan(SESSIONS * 10);

        for (Session s : sessions) settle(s);
        long inbox = srv.mailbox(srv.alice(), "INBOX");
        List<Message> store = new ArrayList<>();
        for (MessageMeta m : srv.messages(srv.alice(), "INBOX")) store.add(Message.of(m));
        long storeHighest = srv.store().mailbox(srv.alice(), inbox).highestModseq();

        try (ImapClient fresh = ImapClient.login(srv, "alice")) {
            List<String> selected = fresh.command("SELECT INBOX (CONDSTORE)");
            fresh.expectOk(selected);
            assertThat(selected).as("a fresh SELECT").contains("* " + store.size() + " EXISTS")
                    .anyMatch(l -> l.matches("\\* OK \\[HIGHESTMODSEQ " + storeHighest + "].*"));
            assertThat(fetchAll(fresh)).as("a fresh session's FETCH 1:*").isEqualTo(store);
        }
        for (Message m : store) assertThat(m.modseq()).as("MODSEQ of UID " + m.uid()).isLessThanOrEqualTo(storeHighest);
        for (Session s : sessions) {
            String who = "session " + s.id() + " (" + commands[s.id()] + " commands)";
            assertThat(s.view().violations()).as(who + ": responses that contradict what it was told").isEmpty();
            assertThat(view(s.view())).as(who + ": its view built from untagged responses").isEqualTo(store);
            assertThat(fetchAll(s.client())).as(who + ": its FETCH 1:*").isEqualTo(store);
            assertThat(s.view().highestModseqSeen()).as(who + ": highest MODSEQ it was told").isLessThanOrEqualTo(storeHighest);
            List<String> status = s.client().command("STATUS INBOX (HIGHESTMODSEQ)");
            assertThat(status).as(who + ": STATUS").contains("* STATUS \"INBOX\" (HIGHESTMODSEQ " + storeHighest + ")");
        }
    }

    /** One random command of the mix (or, first, the FETCH a client makes of new messages). */
    private static void step(Session s) throws IOException {
        ClientMailboxView v = s.view();
        int unknown = v.firstUnknown();
        if (unknown > 0) {
            s.expect("FETCH " + unknown + ":* (UID FLAGS MODSEQ)", true);
            // a message expunged elsewhere is left out of a FETCH until the session may hear the EXPUNGE
            if (v.firstUnknown() > 0) s.expect("NOOP", false);
            return;
        }
        Random r = s.random();
        int n = v.size();
        int op = r.nextInt(100);
        String flag = FLAGS.get(r.nextInt(FLAGS.size()));
        String sign = r.nextBoolean() ? "+" : "-";
        if (n == 0 && op < 85) op = 43; // nothing to change: APPEND
        int seq = n == 0 ? 0 : 1 + r.nextInt(n);
        long uid = n == 0 ? 0 : v.at(seq).uid;
        if (op < 20) {
            s.expect("STORE " + seq + " " + sign + "FLAGS (" + flag + ")", true);
        } else if (op < 35) {
            String second = FLAGS.get(r.nextInt(FLAGS.size()));
            s.expect("UID STORE " + uid + " " + sign + "FLAGS (" + flag + " " + second + ")", true);
        } else if (op < 43) {
            // .SILENT: the server need not tell this session; a client that wants the result fetches it
            s.expect((r.nextBoolean() ? "UID STORE " + uid : "STORE " + seq) + " " + sign + "FLAGS.SILENT (" + flag + ")", true);
            s.expect("UID FETCH " + uid + " (FLAGS MODSEQ)", true);
        } else if (op < 58) {
            String flags = r.nextInt(3) == 0 ? "(" + flag + ") " : "";
            String text = TestServer.message("s" + s.id() + " " + r.nextLong(), "appended by session " + s.id());
            List<String> lines = s.expect("APPEND INBOX " + flags + "{" + text.length() + "+}\r\n" + text, false);
            String tagged = ImapClient.tagged(lines);
            if (!tagged.matches("OK \\[APPENDUID \\d+ \\d+].*")) s.problems().add("session " + s.id() + ": APPEND -> " + tagged);
        } else if (op < 66) {
            s.expect("STORE " + seq + " +FLAGS (\\Deleted)", true);
            s.expect("EXPUNGE", false);
        } else if (op < 74) {
            s.expect("UID STORE " + uid + " +FLAGS (\\Deleted)", true);
            s.expect("UID EXPUNGE " + uid, false);
        } else if (op < 85) {
            s.expect("NOOP", false);
        } else {
            int to = Math.min(n, seq + r.nextInt(5));
            s.expect("FETCH " + seq + ":" + to + " (FLAGS)", true);
        }
    }

    /** NOOP (and FETCH of new messages) until the server has nothing more to tell the session. */
    private static void settle(Session s) throws IOException {
        int quiet = 0;
        List<String> last = List.of();
        for (int round = 0; round < 100 && quiet < 2; round++) {
            last = s.expect("NOOP", false);
            quiet = last.size() == 1 ? quiet + 1 : 0;
            int unknown = s.view().firstUnknown();
            if (unknown > 0) {
                last = s.expect("FETCH " + unknown + ":* (UID FLAGS MODSEQ)", false);
                quiet = 0;
            }
        }
        assertThat(quiet).as("session " + s.id() + " quiet after NOOPs; last responses " + last + "; view " + s.view().entries()
                + "; violations " + s.view().violations()).isEqualTo(2);
        // a FETCH (FLAGS) need not carry MODSEQ (RFC 7162 §3.2): ask for MODSEQ alone, so the flags stay as told
        List<Long> unknown = s.view().modseqUnknown();
        if (!unknown.isEmpty()) {
            StringBuilder set = new StringBuilder();
            for (long uid : unknown) set.append(set.isEmpty() ? "" : ",").append(uid);
            s.expect("UID FETCH " + set + " (MODSEQ)", false);
        }
        assertThat(s.problems()).as("commands that did not end OK").isEmpty();
    }

    /** One message as compared: UID, flags (no \Recent), MODSEQ. */
    record Message(long uid, Set<String> flags, long modseq) {
        static Message of(MessageMeta m) {
            Set<String> f = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            for (Flag flag : m.flags().system()) f.add(flag.imapName());
            f.addAll(m.flags().keywords());
            return new Message(m.uid(), f, m.modseq());
        }

        @Override
        public boolean equals(Object o) {
            // TreeSet.equals with the case-insensitive order is what IMAP flags need; records compare sets by equals
            return o instanceof Message m && uid == m.uid && modseq == m.modseq && flags.equals(m.flags);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(uid);
        }
    }

    private static List<Message> view(ClientMailboxView v) {
        List<Message> out = new ArrayList<>();
        for (ClientMailboxView.Entry e : v.entries()) out.add(new Message(e.uid, e.flags == null ? Set.of() : e.flags, e.modseq));
        return out;
    }

    private static final Pattern FETCH_ALL = Pattern.compile("\\* (\\d+) FETCH \\((.*)\\)");

    /** {@code FETCH 1:* (UID FLAGS MODSEQ)} in sequence order, parsed by a view of its own. */
    private static List<Message> fetchAll(ImapClient c) throws IOException {
        List<String> lines = c.command("FETCH 1:* (UID FLAGS MODSEQ)");
        c.expectOk(lines);
        ClientMailboxView v = new ClientMailboxView();
        int max = 0;
        for (String l : lines) {
            Matcher m = FETCH_ALL.matcher(l);
            if (m.matches()) max = Math.max(max, Integer.parseInt(m.group(1)));
        }
        v.apply("* " + max + " EXISTS");
        v.apply(lines);
        assertThat(v.violations()).isEmpty();
        return view(v);
    }
}
