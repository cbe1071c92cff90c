package dev.surel.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Workload {@code imap-mixed}: many mail clients at work on the same server. {@code --clients}
 * virtual threads each loop sessions for {@code --warmup-seconds} + {@code --duration} seconds;
 * client i (from 0) is user (i mod user-count)+1. One session, the fixed ratio of the mix:
 *
 * <ol>
 *   <li>connect (+ STARTTLS), LOGIN, SELECT {@code --mailbox};</li>
 *   <li>{@code --rounds} times (default 5): FETCH (ENVELOPE FLAGS) of the 10 most recent stable
 *       messages; FETCH BODY.PEEK[] of a random stable message; STORE +FLAGS (\Seen) on another;
 *       APPEND a 1 KiB message (its UID from APPENDUID, RFC 4315); SEARCH, alternately UNSEEN and
 *       SUBJECT "bench"; UID STORE +FLAGS (\Deleted) on the message it appended; UID EXPUNGE of
 *       that UID (RFC 4315 §2.1), so the mailbox keeps its size;</li>
 *   <li>LOGOUT.</li>
 * </ol>
 * So per session: 1 LOGIN, 1 SELECT, 5 x 7 commands, 1 LOGOUT (38 commands at the defaults).
 *
 * <p>"Stable" messages are the first {@code EXISTS - (clients of this user)} sequence numbers at
 * SELECT: only messages appended by the mix are ever expunged, each client has at most one of
 * them at a time and they sort last, so those sequence numbers never move or vanish during the
 * session. A mailbox with no stable message skips the three commands on existing messages.
 *
 * <p>Measured: every command that started after the warm-up and ended before the end of the
 * duration, its latency from sending to its tagged OK; {@code login} is the whole way in: TCP
 * connect, greeting, STARTTLS when asked, LOGIN. {@code RESULT imap_mixed_ops value=<ops/s>
 * unit=ops/s p50_ms= p99_ms= ops= errors=} over all commands, then {@code RESULT
 * imap_mixed_<cmd>} per command (value = its p50 in ms). A NO/BAD, a wrong count or a broken
 * connection is an error (counted for its command, warm-up included); the session is then closed
 * and the client starts a new one.
 */
@Command(name = "imap-mixed", mixinStandardHelpOptions = true,
        description = "Clients looping LOGIN, SELECT, FETCH, STORE, APPEND, SEARCH, EXPUNGE, LOGOUT; ops/s and p50/p99.")
final class ImapMixed implements Callable<Integer> {

    /** The commands of the mix, in the order of a round; the RESULT name is {@code imap_mixed_<lower case name>}. */
    enum Op { LOGIN, SELECT, FETCH_ENVELOPE, FETCH_BODY, STORE_SEEN, APPEND, SEARCH, STORE_DELETED, EXPUNGE, LOGOUT }

    @Mixin
    LoadOptions options;

    @Option(names = "--clients", defaultValue = "50", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds after the warm-up (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds of the 7 mailbox commands per session (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--mailbox", defaultValue = "INBOX", description = "Mailbox (default: ${DEFAULT-VALUE}).")
    String mailbox;

    private final Report report;

    ImapMixed(Report report) {
        this.report = report;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (clients < 1 || duration < 1 || rounds < 1) throw new IllegalArgumentException("--clients, --duration and --rounds must be at least 1");
        Connector connector = options.connector(143, 993);
        return new SessionLoop<>("imap-mixed", "imap_mixed_ops", "imap_mixed", Op.class, report).run(options, clients, duration,
                client -> session(client, connector));
    }

    /** Client {@code client}'s sessions. */
    private SessionLoop.Session<Op> session(int client, Connector connector) {
        int peers = 0;
        for (int j = 0; j < clients; j++) if (options.userIndex(j) == options.userIndex(client)) peers++;
        int samePeers = peers;
        long[] serial = {0};
        return t -> {
            ImapClient cl = t.login(Op.LOGIN, options, connector, client);
            long exists = t.select(Op.SELECT, cl, mailbox);
            long stable = Math.max(0, exists - samePeers);
            for (int round = 0; round < rounds && t.running(); round++) {
                if (stable > 0) {
                    long hi = stable;
                    long lo = Math.max(1, hi - 9);
                    t.timed(Op.FETCH_ENVELOPE, () -> {
                        long[] n = {0};
                        ImapClient.expectOk("FETCH", cl.command("FETCH " + lo + ":" + hi + " (ENVELOPE FLAGS)", r -> {
                            if (r.number("FETCH") > 0 && r.text().contains("ENVELOPE")) n[0]++;
                        }));
                        if (n[0] != hi - lo + 1) throw new IOException((hi - lo + 1) + " messages asked, " + n[0] + " FETCH responses");
                    });
                    long seq = 1 + ThreadLocalRandom.current().nextLong(stable);
                    t.timed(Op.FETCH_BODY, () -> {
                        long[] octets = {-1};
                        ImapClient.expectOk("FETCH", cl.command("FETCH " + seq + " BODY.PEEK[]", r -> {
                            if (r.number("FETCH") == seq) octets[0] = Math.max(octets[0], r.literalOctets()); // not an unsolicited FLAGS update
                        }));
                        if (octets[0] <= 0) throw new IOException("FETCH " + seq + " BODY.PEEK[] returned no body");
                    });
                    long other = 1 + ThreadLocalRandom.current().nextLong(stable);
                    t.timed(Op.STORE_SEEN, () -> ImapClient.expectOk("STORE",
                            cl.command("STORE " + other + " +FLAGS (\\Seen)", r -> { })));
                }
                long[] uid = {-1};
                byte[] message = message(client, serial[0]++);
                t.timed(Op.APPEND, () -> {
                    ImapClient.Tagged tagged = cl.append(mailbox, "", message, r -> { });
                    ImapClient.expectOk("APPEND", tagged);
                    uid[0] = tagged.appendUid();
                    if (uid[0] < 0) throw new IOException("APPEND without APPENDUID: " + ImapClient.clip(tagged.text()));
                });
                String criteria = round % 2 == 0 ? "UNSEEN" : "SUBJECT \"bench\"";
                t.timed(Op.SEARCH, () -> {
                    boolean[] answered = {false};
                    ImapClient.expectOk("SEARCH", cl.command("SEARCH " + criteria, r -> {
                        if (r.text().startsWith("* SEARCH")) answered[0] = true;
                    }));
                    if (!answered[0]) throw new IOException("SEARCH " + criteria + " without * SEARCH");
                });
                t.timed(Op.STORE_DELETED, () -> ImapClient.expectOk("UID STORE",
                        cl.command("UID STORE " + uid[0] + " +FLAGS.SILENT (\\Deleted)", r -> { })));
                t.timed(Op.EXPUNGE, () -> {
                    boolean[] gone = {false};
                    ImapClient.expectOk("UID EXPUNGE", cl.command("UID EXPUNGE " + uid[0], r -> {
                        if (r.number("EXPUNGE") > 0 || r.text().startsWith("* VANISHED")) gone[0] = true;
                    }));
                    if (!gone[0]) throw new IOException("UID EXPUNGE " + uid[0] + " expunged nothing");
                });
            }
            t.timed(Op.LOGOUT, () -> ImapClient.expectOk("LOGOUT", cl.command("LOGOUT", r -> { })));
        };
    }

    /** A small message (about 1 KiB, CRLF) that SEARCH SUBJECT "bench" finds. */
    static byte[] message(int client, long serial) {
        StringBuilder b = new StringBuilder(1100);
        b.append("From: Load <load@bench.invalid>\r\nTo: user@bench.test\r\nSubject: bench mixed ").append(client).append(' ').append(serial)
                .append("\r\nDate: Mon, 23 Nov 2026 08:00:00 +0000\r\nMessage-ID: <mixed.").append(client).append('.').append(serial)
                .append('.').append(System.nanoTime()).append("@bench.invalid>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
        while (b.length() < 1000) b.append("The quick brown fox jumps over the lazy dog, again and again.\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
