package dev.surel.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Workload {@code imap-login-heavy}: mail clients that connect, do a little and leave, as phones
 * and webmail back ends do, over a realistic mailbox ({@code make-mail --kind multipart}).
 * {@code --clients} virtual threads (default 10) each loop short sessions for
 * {@code --warmup-seconds} + {@code --duration} seconds; client i (from 0) is user
 * (i mod user-count)+1, and with one user per client (as the kit runs it) no two clients share a
 * mailbox. One session, 9 commands:
 *
 * <ol>
 *   <li>connect (+ STARTTLS), LOGIN; SELECT {@code --mailbox} (n = its EXISTS);</li>
 *   <li>{@code FETCH 1:20 (FLAGS ENVELOPE BODYSTRUCTURE)} (a message list with its attachment
 *       icons); {@code FETCH m BODY.PEEK[]} of a random m below n (opening one message);</li>
 *   <li>{@code STORE m' +FLAGS (\Seen)} on another random m' below n;</li>
 *   <li>{@code STORE n +FLAGS.SILENT (\Deleted)} and {@code EXPUNGE}: the last message goes (the
 *       one the previous session appended, so the mailbox keeps its size; the first session of a
 *       client removes one of the loaded messages);</li>
 *   <li>{@code APPEND} a multipart message of about 20 KB (text, html and a base64 attachment:
 *       a sent mail saved to the mailbox);</li>
 *   <li>LOGOUT.</li>
 * </ol>
 *
 * <p>Measured as in {@link ImapMixed}: every command that started after the warm-up and ended
 * before the end of the duration, from sending it to its tagged OK ({@code login} includes TCP
 * connect and the greeting). {@code RESULT imap_login_heavy value=<commands/s> unit=ops/s p50_ms=
 * p99_ms= ops= errors=} over all commands, then {@code RESULT imap_login_heavy_<cmd>} per command
 * (value = its p50 in ms). A NO/BAD, a wrong count (fewer than the 20 FETCH responses asked for,
 * an EXPUNGE that removed nothing) or a broken connection is an error; the client then starts a
 * new session.
 */
@Command(name = "imap-login-heavy", mixinStandardHelpOptions = true,
        description = "Clients looping short sessions: LOGIN, SELECT, FETCH, STORE, EXPUNGE, APPEND, LOGOUT; ops/s and p50/p99.")
final class ImapLoginHeavy implements Callable<Integer> {

    /** The commands of a session, in order; the RESULT name is {@code imap_login_heavy_<lower case name>}. */
    enum Op { LOGIN, SELECT, FETCH_LIST, FETCH_BODY, STORE_SEEN, STORE_DELETED, EXPUNGE, APPEND, LOGOUT }

    /** The size of the message list fetched ({@code 1:20}). */
    static final int LIST = 20;

    @Mixin
    LoadOptions options;

    @Option(names = "--clients", defaultValue = "10", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "60", description = "Measured seconds after the warm-up (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--mailbox", defaultValue = "INBOX", description = "Mailbox (default: ${DEFAULT-VALUE}).")
    String mailbox;

    private final Report report;

    ImapLoginHeavy(Report report) {
        this.report = report;
    }

    /** One client's figures, merged at the end. */
    private static final class Stats {
        final Histogram[] latency = new Histogram[Op.values().length];
        final int[] errors = new int[Op.values().length];
        final Histogram all = new Histogram();
        long sessions;

        Stats() {
            for (int i = 0; i < latency.length; i++) latency[i] = new Histogram();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        String tooMany = options.tooManyConnections(clients);
        if (tooMany != null) {
            report.info(tooMany);
            return 2;
        }
        if (clients < 1 || duration < 1) throw new IllegalArgumentException("--clients and --duration must be at least 1");
        options.user(0); // fails early on missing --user/--users
        Connector connector = options.connector(143, 993);
        long start = System.nanoTime();
        long from = start + options.warmupSeconds * 1_000_000_000L;
        long to = from + duration * 1_000_000_000L;
        Stats[] stats = new Stats[clients];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Stats s = stats[i] = new Stats();
            int client = i;
            threads.add(Thread.ofVirtual().name("login-" + i).start(() -> client(client, connector, s, from, to)));
        }
        report.info("imap-login-heavy: " + clients + " clients, " + options.warmupSeconds + " s warm-up + " + duration + " s measured");
        for (Thread t : threads) t.join();
        Stats total = new Stats();
        for (Stats s : stats) {
            for (int k = 0; k < total.latency.length; k++) {
                total.latency[k].add(s.latency[k]);
                total.errors[k] += s.errors[k];
            }
            total.all.add(s.all);
            total.sessions += s.sessions;
        }
        int errors = 0;
        for (int e : total.errors) errors += e;
        report.result("imap_login_heavy", total.all.count() / (double) duration, "ops/s", "p50_ms", total.all.percentileMillis(0.5),
                "p99_ms", total.all.percentileMillis(0.99), "ops", total.all.count(), "errors", errors);
        for (Op op : Op.values()) {
            report.latency("imap_login_heavy_" + op.name().toLowerCase(Locale.ROOT), total.latency[op.ordinal()], total.errors[op.ordinal()]);
        }
        report.info("imap-login-heavy: " + total.sessions + " sessions begun");
        return report.exitCode();
    }

    /** A failed command: which one, and why. */
    private static final class OpFailed extends Exception {
        final Op op;

        OpFailed(Op op, Throwable cause) {
            super(op + ": " + cause.getMessage(), cause);
            this.op = op;
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws IOException;
    }

    private void client(int client, Connector connector, Stats stats, long from, long to) {
        long serial = 0;
        while (System.nanoTime() < to) {
            ImapClient[] holder = new ImapClient[1];
            stats.sessions++;
            try {
                timed(stats, Op.LOGIN, from, to, () -> {
                    holder[0] = ImapClient.connect(connector, options.starttls);
                    holder[0].login(options.user(client), options.password);
                });
                ImapClient cl = holder[0];
                long[] exists = {-1};
                timed(stats, Op.SELECT, from, to, () -> ImapClient.expectOk("SELECT", cl.command("SELECT " + ImapClient.quote(mailbox), r -> {
                    long n = r.number("EXISTS");
                    if (n >= 0) exists[0] = n;
                })));
                long n = exists[0];
                if (n < 2) throw new OpFailed(Op.SELECT, new IOException("EXISTS " + n + ": the mailbox needs at least 2 messages"));
                long hi = Math.min(LIST, n);
                timed(stats, Op.FETCH_LIST, from, to, () -> {
                    long[] got = {0};
                    ImapClient.expectOk("FETCH", cl.command("FETCH 1:" + hi + " (FLAGS ENVELOPE BODYSTRUCTURE)", r -> {
                        if (r.number("FETCH") > 0 && r.text().contains("BODYSTRUCTURE")) got[0]++;
                    }));
                    if (got[0] != hi) throw new IOException(hi + " messages asked, " + got[0] + " FETCH responses with BODYSTRUCTURE");
                });
                long open = 1 + ThreadLocalRandom.current().nextLong(n - 1);
                timed(stats, Op.FETCH_BODY, from, to, () -> {
                    long[] octets = {-1};
                    ImapClient.expectOk("FETCH", cl.command("FETCH " + open + " BODY.PEEK[]", r -> {
                        if (r.number("FETCH") == open) octets[0] = Math.max(octets[0], r.literalOctets());
                    }));
                    if (octets[0] <= 0) throw new IOException("FETCH " + open + " BODY.PEEK[] returned no body");
                });
                long seen = 1 + ThreadLocalRandom.current().nextLong(n - 1);
                timed(stats, Op.STORE_SEEN, from, to, () -> ImapClient.expectOk("STORE",
                        cl.command("STORE " + seen + " +FLAGS (\\Seen)", r -> { })));
                timed(stats, Op.STORE_DELETED, from, to, () -> ImapClient.expectOk("STORE",
                        cl.command("STORE " + n + " +FLAGS.SILENT (\\Deleted)", r -> { })));
                timed(stats, Op.EXPUNGE, from, to, () -> {
                    long[] gone = {0};
                    ImapClient.expectOk("EXPUNGE", cl.command("EXPUNGE", r -> {
                        if (r.number("EXPUNGE") > 0) gone[0]++;
                    }));
                    if (gone[0] < 1) throw new IOException("EXPUNGE after STORE " + n + " \\Deleted expunged nothing");
                });
                byte[] message = message(client, serial++);
                timed(stats, Op.APPEND, from, to, () -> ImapClient.expectOk("APPEND", cl.append(mailbox, "\\Seen", message, r -> { })));
                timed(stats, Op.LOGOUT, from, to, () -> ImapClient.expectOk("LOGOUT", cl.command("LOGOUT", r -> { })));
                cl.close();
            } catch (OpFailed e) {
                stats.errors[e.op.ordinal()]++;
                report.error("imap-login-heavy client " + client + ": " + e.getMessage());
                if (holder[0] != null) holder[0].close();
                pause();
            }
        }
    }

    private static void timed(Stats stats, Op op, long from, long to, Step step) throws OpFailed {
        long t0 = System.nanoTime();
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            throw new OpFailed(op, e);
        }
        long t1 = System.nanoTime();
        if (t0 >= from && t1 <= to) {
            stats.latency[op.ordinal()].recordNanos(t1 - t0);
            stats.all.recordNanos(t1 - t0);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The mail a session saves: multipart/mixed, text + html + a 12 KB base64 attachment, CRLF, about 20 KB. */
    static byte[] message(int client, long serial) {
        String boundary = "=_sent_" + client + "_" + serial;
        StringBuilder b = new StringBuilder(21_000);
        b.append("From: =?UTF-8?B?Wm/DqyBNw7xsbGVy?= <user@bench.test>\r\nTo: Ana Souza <ana@example.org>\r\n")
                .append("Subject: =?UTF-8?Q?R=C3=A9ponse_=C3=A0_la_r=C3=A9union?= ").append(client).append(' ').append(serial)
                .append("\r\nDate: Mon, 7 Dec 2026 10:00:00 +0100\r\nMessage-ID: <sent.").append(client).append('.').append(serial)
                .append('.').append(System.nanoTime()).append("@bench.invalid>\r\nMIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\r\n\r\n");
        b.append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        for (int i = 0; i < 30; i++) b.append("Merci pour la r=C3=A9union, voici le compte rendu et les chiffres d=C3=A9j=C3=A0 vus.\r\n");
        b.append("--").append(boundary).append("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<html><body>");
        for (int i = 0; i < 30; i++) b.append("<p>Merci pour la r=C3=A9union, voici le compte rendu.</p>=\r\n");
        b.append("</body></html>\r\n--").append(boundary)
                .append("\r\nContent-Type: application/pdf; name=\"compte-rendu.pdf\"\r\nContent-Transfer-Encoding: base64\r\n")
                .append("Content-Disposition: attachment; filename=\"compte-rendu.pdf\"\r\n\r\n");
        byte[] pdf = new byte[12_000];
        ThreadLocalRandom.current().nextBytes(pdf);
        String b64 = java.util.Base64.getEncoder().encodeToString(pdf);
        for (int i = 0; i < b64.length(); i += 76) b.append(b64, i, Math.min(b64.length(), i + 76)).append("\r\n");
        b.append("--").append(boundary).append("--\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
