package dev.surel.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

    @Override
    public Integer call() throws InterruptedException {
        if (clients < 1 || duration < 1) throw new IllegalArgumentException("--clients and --duration must be at least 1");
        Connector connector = options.connector(143, 993);
        return new SessionLoop<>("imap-login-heavy", "imap_login_heavy", "imap_login_heavy", Op.class, report).run(options, clients, duration,
                client -> session(client, connector));
    }

    /** Client {@code client}'s sessions. */
    private SessionLoop.Session<Op> session(int client, Connector connector) {
        long[] serial = {0};
        return t -> {
            ImapClient cl = t.login(Op.LOGIN, options, connector, client);
            long n = t.select(Op.SELECT, cl, mailbox);
            if (n < 2) throw t.failed(Op.SELECT, "EXISTS " + n + ": the mailbox needs at least 2 messages");
            long hi = Math.min(LIST, n);
            t.timed(Op.FETCH_LIST, () -> {
                long[] got = {0};
                ImapClient.expectOk("FETCH", cl.command("FETCH 1:" + hi + " (FLAGS ENVELOPE BODYSTRUCTURE)", r -> {
                    if (r.number("FETCH") > 0 && r.text().contains("BODYSTRUCTURE")) got[0]++;
                }));
                if (got[0] != hi) throw new IOException(hi + " messages asked, " + got[0] + " FETCH responses with BODYSTRUCTURE");
            });
            long open = 1 + ThreadLocalRandom.current().nextLong(n - 1);
            t.timed(Op.FETCH_BODY, () -> {
                long[] octets = {-1};
                ImapClient.expectOk("FETCH", cl.command("FETCH " + open + " BODY.PEEK[]", r -> {
                    if (r.number("FETCH") == open) octets[0] = Math.max(octets[0], r.literalOctets());
                }));
                if (octets[0] <= 0) throw new IOException("FETCH " + open + " BODY.PEEK[] returned no body");
            });
            long seen = 1 + ThreadLocalRandom.current().nextLong(n - 1);
            t.timed(Op.STORE_SEEN, () -> ImapClient.expectOk("STORE",
                    cl.command("STORE " + seen + " +FLAGS (\\Seen)", r -> { })));
            t.timed(Op.STORE_DELETED, () -> ImapClient.expectOk("STORE",
                    cl.command("STORE " + n + " +FLAGS.SILENT (\\Deleted)", r -> { })));
            t.timed(Op.EXPUNGE, () -> {
                long[] gone = {0};
                ImapClient.expectOk("EXPUNGE", cl.command("EXPUNGE", r -> {
                    if (r.number("EXPUNGE") > 0) gone[0]++;
                }));
                if (gone[0] < 1) throw new IOException("EXPUNGE after STORE " + n + " \\Deleted expunged nothing");
            });
            byte[] message = message(client, serial[0]++);
            t.timed(Op.APPEND, () -> ImapClient.expectOk("APPEND", cl.append(mailbox, "\\Seen", message, r -> { })));
            t.timed(Op.LOGOUT, () -> ImapClient.expectOk("LOGOUT", cl.command("LOGOUT", r -> { })));
        };
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
