package dev.surel.e2e;

import dev.surel.testkit.LineClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes to a running server from a few threads until stopped, remembering every message
 * the server acknowledged and when: SMTP deliveries (to {@code alice} and {@code bob}, each
 * acknowledged by its 250 after DATA), IMAP APPENDs to bob's INBOX (acknowledged by the tagged
 * OK), and churn on carol's INBOX (APPEND, STORE, EXPUNGE in a new session each round, so
 * tombstones and unreferenced message files keep appearing for the garbage collector).
 * Each tracked message carries a unique {@code X-Token:} header field to find it by.
 */
final class MailLoad implements AutoCloseable {

    /** How a message was acknowledged: SMTP stores it with trace fields in front; APPEND as sent. */
    enum Via { SMTP, APPEND }

    /** One acknowledged message: its token, the account it went to, the bytes sent, and when the acknowledgement came (two clocks). */
    record Acked(String token, String account, byte[] sent, Via via, long ackedAtNanos, java.time.Instant ackedAt) {
    }

    private final int smtpPort;
    private final int imapPort;
    private final String bobPassword;
    private final String carolPassword;
    private final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
    private final AtomicInteger churnRounds = new AtomicInteger();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;

    MailLoad(int smtpPort, int imapPort, String bobPassword, String carolPassword) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
        this.bobPassword = bobPassword;
        this.carolPassword = carolPassword;
    }

    void start() {
        threads.add(Thread.ofPlatform().name("load-smtp-1").start(() -> run(() -> smtp(1))));
        threads.add(Thread.ofPlatform().name("load-smtp-2").start(() -> run(() -> smtp(2))));
        threads.add(Thread.ofPlatform().name("load-append").start(() -> run(this::append)));
        threads.add(Thread.ofPlatform().name("load-churn").start(() -> run(this::churn)));
    }

    List<Acked> acked() {
        return List.copyOf(acked);
    }

    int churnRounds() {
        return churnRounds.get();
    }

    /** Writes the server refused (a 4xx, a NO): never counted as acknowledged. */
    int refusals() {
        return refusals.get();
    }

    /** Stops the threads, waits for them, and throws what failed in one (a protocol error, not a refusal). */
    void stop() throws Exception {
        stop = true;
        for (Thread t : threads) t.join(60_000);
        Throwable t = failure.get();
        if (t != null) throw new AssertionError("load generator failed", t);
    }

    @Override
    public void close() throws Exception {
        if (!stop) stop();
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    private void run(Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            if (!stop) failure.compareAndSet(null, t);
        }
    }

    /** A message of 1 to 30 KB of base64 lines (no line starts with a dot), CRLF throughout. */
    static byte[] message(String token, Random random) {
        StringBuilder b = new StringBuilder();
        b.append("From: load@example.org\r\nTo: someone@example.test\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\n");
        b.append("Subject: load ").append(token).append("\r\n");
        b.append("Message-ID: <").append(token).append("@example.org>\r\nX-Token: ").append(token).append("\r\n\r\n");
        byte[] raw = new byte[1_000 + random.nextInt(30_000)];
        random.nextBytes(raw);
        String body = Base64.getMimeEncoder().encodeToString(raw); // 76-character lines joined by CRLF
        b.append(body).append("\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private void smtp(int n) throws IOException {
        Random random = new Random(n);
        int i = 0;
        try (LineClient c = LineClient.greeted("127.0.0.1", smtpPort)) {
            expect(c.smtp("EHLO load" + n + ".example.org"), "250");
            while (!stop) {
                String account = (i % 2 == 0 ? "alice" : "bob");
                String token = "smtp" + n + "-" + i++;
                byte[] m = message(token, random);
                expect(c.smtp("MAIL FROM:<load@example.org>"), "250");
                String rcpt = c.smtp("RCPT TO:<" + account + "@example.test>");
                if (!rcpt.startsWith("250")) {
                    refusals.incrementAndGet();
                    c.smtp("RSET");
                    continue;
                }
                expect(c.smtp("DATA"), "354");
                c.send(new String(m, StandardCharsets.US_ASCII) + ".\r\n");
                String reply = c.reply();
                long at = System.nanoTime();
                if (reply.startsWith("250")) acked.add(new Acked(token, account, m, Via.SMTP, at, java.time.Instant.now()));
                else if (reply.startsWith("4")) refusals.incrementAndGet();
                else throw new IllegalStateException("DATA: " + reply);
            }
            c.smtp("QUIT");
        }
    }

    private void append() throws IOException {
        Random random = new Random(3);
        int i = 0;
        try (LineClient c = LineClient.greeted("127.0.0.1", imapPort)) {
            expect(text(c, "l", "LOGIN bob@example.test \"" + bobPassword + "\""), "l OK");
            while (!stop) {
                String token = "append-" + i;
                byte[] m = message(token, random);
                String tag = "a" + i++;
                c.send(tag + " APPEND INBOX (\\Seen) {" + m.length + "+}\r\n" + new String(m, StandardCharsets.US_ASCII) + "\r\n");
                String reply = String.join("\n", c.untilTagged(tag));
                long at = System.nanoTime();
                if (reply.contains(tag + " OK")) acked.add(new Acked(token, "bob", m, Via.APPEND, at, java.time.Instant.now()));
                else if (reply.contains(tag + " NO")) refusals.incrementAndGet();
                else throw new IllegalStateException("APPEND: " + reply);
            }
            text(c, "z", "LOGOUT");
        }
    }

    /** Per round, a new session: three APPENDs, flags changed, all marked \Deleted and EXPUNGEd. */
    private void churn() throws IOException {
        Random random = new Random(4);
        int round = 0;
        while (!stop) {
            try (LineClient c = LineClient.greeted("127.0.0.1", imapPort)) {
                expect(text(c, "l", "LOGIN carol@example.test \"" + carolPassword + "\""), "l OK");
                for (int k = 0; k < 3; k++) {
                    byte[] m = message("churn-" + round + "-" + k, random);
                    String tag = "a" + k;
                    c.send(tag + " APPEND INBOX {" + m.length + "+}\r\n" + new String(m, StandardCharsets.US_ASCII) + "\r\n");
                    String reply = String.join("\n", c.untilTagged(tag));
                    if (!reply.contains(tag + " OK")) refusals.incrementAndGet();
                }
                expect(text(c, "s", "SELECT INBOX"), "s OK");
                expect(text(c, "f", "UID STORE 1:* +FLAGS.SILENT (\\Flagged $Churn)"), "f OK");
                expect(text(c, "d", "UID STORE 1:* +FLAGS.SILENT (\\Deleted)"), "d OK");
                expect(text(c, "e", "EXPUNGE"), "e OK");
                text(c, "z", "LOGOUT");
            }
            churnRounds.incrementAndGet();
            round++;
        }
    }

    private static void expect(String reply, String start) {
        String last = reply.strip().lines().reduce((a, b) -> b).orElse("");
        if (!last.startsWith(start) && !reply.startsWith(start)) throw new IllegalStateException("expected " + start + ": " + reply);
    }

    /** An IMAP command's response, its lines joined with "\n" (the tagged line last). */
    private static String text(LineClient c, String tag, String command) throws IOException {
        return String.join("\n", c.imap(tag, command));
    }
}
