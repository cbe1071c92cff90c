package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import dev.surel.faults.SmallDisk;
import dev.surel.testkit.LineClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, faults: a real {@code surel serve} whose data directory is on a small tmpfs that the
 * test fills to the last byte, sets below the free-space reserve, or makes read-only. Over real
 * SMTP and IMAP connections every write gets an answer that matches what the store did (a
 * refusal only when nothing was applied), the sessions go on, and once the fault is gone the
 * same server (no restart) accepts writes again; after a kill -9 and a restart everything
 * acknowledged is there, nothing refused is, and {@code check} is clean.
 */
class DiskFaultTest {
    @TempDir Path dir;

    private static final String PASSWORD = "alice passphrase";
    private static final Pattern STATUS_MESSAGES = Pattern.compile("MESSAGES (\\d+)");

    @Test
    void writesOnAFullDiskAreAnsweredTruthfullyAndSucceedAgainOnceSpaceIsFreed() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 32L << 20)) {
            Path data = disk.dir().resolve("data");
            Path cfg = config(data, "0");
            Set ack = new Set();
            try (Server s = Server.start(cfg, data)) {
                setUp(cfg);
                try (LineClient imap = imapLogin(s)) {
                    assertThat(append(imap, "INBOX", message("before", 2000), false)).contains("OK [APPENDUID");
                    ack.messages++;
                    assertThat(imap.imap("SELECT INBOX").getLast()).contains("OK");

                    disk.fill();

                    // SMTP: the spool hits ENOSPC; the whole DATA is read, refused with 452 4.3.1, the session goes on
                    try (LineClient smtp = smtpHello(s)) {
                        assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("250");
                        assertThat(smtp.smtp("RCPT TO:<alice@example.test>")).startsWith("250");
                        assertThat(smtp.smtp("DATA")).startsWith("354");
                        smtp.send(message("smtp while full", 200_000));
                        assertThat(smtp.smtp(".")).startsWith("452 4.3.1");
                        assertThat(smtp.smtp("RSET")).startsWith("250");
                        assertThat(smtp.smtp("NOOP")).startsWith("250");
                        // BDAT (RFC 3030): the chunks are read to the end too, the LAST one gets the refusal
                        byte[] m = message("bdat while full", 200_000);
                        assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("250");
                        assertThat(smtp.smtp("RCPT TO:<alice@example.test>")).startsWith("250");
                        smtp.send("BDAT 100000\r\n");
                        smtp.send(java.util.Arrays.copyOf(m, 100_000));
                        assertThat(smtp.reply()).startsWith("250");
                        smtp.send("BDAT " + (m.length - 100_000) + " LAST\r\n");
                        smtp.send(java.util.Arrays.copyOfRange(m, 100_000, m.length));
                        assertThat(smtp.reply()).startsWith("452 4.3.1");
                        assertThat(smtp.smtp("NOOP")).startsWith("250");
                    }

                    // IMAP APPEND, synchronizing and LITERAL+: NO [OVERQUOTA], the connection stays
                    assertThat(append(imap, "INBOX", message("append while full", 200_000), false)).contains("NO [OVERQUOTA]");
                    assertThat(imap.imap("NOOP").getLast()).contains("OK");
                    assertThat(append(imap, "INBOX", message("append+ while full", 200_000), true)).contains("NO [OVERQUOTA]");
                    assertThat(imap.imap("NOOP").getLast()).contains("OK");

                    // metadata writes until SQLite itself runs out of space, then some more: each answer must be true
                    int refused = 0;
                    for (int i = 0; i < 600 && refused < 15; i++) {
                        String name = "Full-" + i + "-" + "x".repeat(180);
                        String r = imap.imap("CREATE " + name).getLast();
                        if (r.contains(" OK")) {
                            ack.mailboxes.add(name);
                        } else {
                            assertThat(r).contains("NO [OVERQUOTA]");
                            refused++;
                        }
                        String k = "$k" + i;
                        String st = imap.imap("STORE 1 +FLAGS.SILENT (" + k + ")").getLast();
                        if (st.contains(" OK")) ack.keywords.add(k); else assertThat(st).contains("NO [OVERQUOTA]");
                    }
                    assertThat(refused).as("SQLite refused writes on the full disk").isPositive();
                    ack.assertMatches(imap, "while the disk is full");

                    disk.release();

                    // the same server, no restart: every kind of write works again (and is answered truthfully)
                    List<String> answers = new ArrayList<>();
                    String a = append(imap, "INBOX", message("after", 200_000), false);
                    answers.add(a);
                    if (a.contains(" OK")) ack.messages++;
                    a = imap.imap("CREATE After").getLast();
                    answers.add(a);
                    if (a.contains(" OK")) ack.mailboxes.add("After");
                    a = imap.imap("STORE 1 +FLAGS.SILENT ($after)").getLast();
                    answers.add(a);
                    if (a.contains(" OK")) ack.keywords.add("$after");
                    ack.assertMatches(imap, "after the space came back");
                    assertThat(answers).as("writes after the space came back").allMatch(x -> x.contains(" OK"));
                    try (LineClient smtp = smtpHello(s)) {
                        assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("250");
                        assertThat(smtp.smtp("RCPT TO:<alice@example.test>")).startsWith("250");
                        assertThat(smtp.smtp("DATA")).startsWith("354");
                        smtp.send(message("smtp after", 200_000));
                        assertThat(smtp.smtp(".")).startsWith("250 2.0.0");
                    }
                    ack.messages++;
                    awaitMessages(imap, ack.messages);
                    ack.assertMatches(imap, "after the space came back");
                }
                s.kill();
            }
            try (Server s = Server.start(cfg, data); LineClient imap = imapLogin(s)) {
                assertThat(imap.imap("SELECT INBOX").getLast()).contains("OK");
                ack.assertMatches(imap, "after kill -9 and a restart");
                s.stop();
            }
            Result check = SurelProcess.cli((String) null, "--config", cfg.toString(), "check");
            assertThat(check.exit()).as(check.toString()).isZero();
            assertThat(check.out()).contains("store check: OK");
        }
    }

    @Test
    void belowTheReserveNewMailIsRefusedBeforeItsContentAndOtherWritesGoOn() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 48L << 20)) {
            Path data = disk.dir().resolve("data");
            Path cfg = config(data, "\"16M\"");
            try (Server s = Server.start(cfg, data)) {
                setUp(cfg);
                try (LineClient imap = imapLogin(s); LineClient smtp = smtpHello(s)) {
                    assertThat(append(imap, "INBOX", message("before", 2000), false)).contains("OK");
                    assertThat(imap.imap("SELECT INBOX").getLast()).contains("OK");

                    disk.fillLeaving(24L << 20);
                    assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("250");
                    assertThat(smtp.smtp("RSET")).startsWith("250");
                    assertThat(smtp.smtp("MAIL FROM:<bob@remote.example> SIZE=12000000"))
                            .as("a declared SIZE that would eat into the reserve").startsWith("452 4.3.1");

                    disk.fillLeaving(8L << 20);
                    assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("452 4.3.1");
                    assertThat(append(imap, "INBOX", message("refused before the literal", 1000), false))
                            .as("a synchronizing literal is refused instead of the continuation").contains("NO [OVERQUOTA]");
                    assertThat(imap.imap("STORE 1 +FLAGS (\\Flagged)").getLast()).as("flags change below the reserve").contains("OK");
                    assertThat(imap.imap("CREATE Still").getLast()).contains("OK");

                    disk.release();
                    assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("250");
                    assertThat(append(imap, "INBOX", message("after", 1000), false)).contains("OK [APPENDUID");
                }
                s.stop();
            }
        }
    }

    @Test
    void aReadOnlyMessageDirectoryGivesTemporaryRefusalsAndRecoversWithoutARestart() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), 32L << 20)) {
            Path data = disk.dir().resolve("data");
            Path cfg = config(data, "0");
            try (Server s = Server.start(cfg, data)) {
                setUp(cfg);
                try (LineClient imap = imapLogin(s)) {
                    assertThat(imap.imap("SELECT INBOX").getLast()).contains("OK");
                    disk.readOnly(data.resolve("blobs"));

                    assertThat(append(imap, "INBOX", message("read-only", 5000), false)).contains("NO [UNAVAILABLE]");
                    assertThat(imap.imap("NOOP").getLast()).contains("OK");
                    try (LineClient smtp = smtpHello(s)) {
                        assertThat(smtp.smtp("MAIL FROM:<bob@remote.example>")).startsWith("250");
                        assertThat(smtp.smtp("RCPT TO:<alice@example.test>")).startsWith("250");
                        assertThat(smtp.smtp("DATA")).startsWith("354");
                        smtp.send(message("smtp read-only", 5000));
                        assertThat(smtp.smtp(".")).startsWith("451 4.3.0");
                        assertThat(smtp.smtp("NOOP")).startsWith("250");
                    }
                    assertThat(String.join("\n", imap.imap("STATUS INBOX (MESSAGES)"))).contains("MESSAGES 0)");

                    disk.writable(data.resolve("blobs"));
                    assertThat(append(imap, "INBOX", message("writable again", 5000), false)).contains("OK [APPENDUID");
                    assertThat(String.join("\n", imap.imap("STATUS INBOX (MESSAGES)"))).contains("MESSAGES 1)");
                }
                s.stop();
            }
            Result check = SurelProcess.cli((String) null, "--config", cfg.toString(), "check");
            assertThat(check.out()).as(check.toString()).contains("store check: OK");
        }
    }

    // ------------------------------------------------------------------ helpers

    /** What the clients were told succeeded: the store must hold exactly this. */
    private static final class Set {
        int messages;
        final java.util.Set<String> mailboxes = new TreeSet<>();
        final java.util.Set<String> keywords = new TreeSet<>();

        void assertMatches(LineClient imap, String when) throws Exception {
            java.util.Set<String> listed = new TreeSet<>();
            for (String l : imap.imap("LIST \"\" \"*\"")) {
                if (!l.startsWith("* LIST")) continue;
                String name = l.substring(l.lastIndexOf(' ') + 1).replace("\"", "");
                if (name.startsWith("Full-") || name.equals("After")) listed.add(name);
            }
            assertThat(listed).as("mailboxes " + when).isEqualTo(mailboxes);
            Matcher m = STATUS_MESSAGES.matcher(String.join("\n", imap.imap("STATUS INBOX (MESSAGES)")));
            assertThat(m.find()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as("messages " + when).isEqualTo(messages);
            java.util.Set<String> flags = new TreeSet<>();
            for (String l : imap.imap("FETCH 1 (FLAGS)")) {
                int open = l.indexOf("FLAGS (");
                if (!l.startsWith("* 1 FETCH") || open < 0) continue;
                for (String f : l.substring(open + 7, l.indexOf(')', open)).split(" ")) if (f.startsWith("$")) flags.add(f);
            }
            assertThat(flags).as("keywords " + when).isEqualTo(keywords);
        }
    }

    private Path config(Path data, String minFreeSpace) throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "%s"
                [listen]
                smtp = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [store]
                min_free_space = %s
                [queue]
                retry_initial = "1s"
                retry_max = "2s"
                """.formatted(data, minFreeSpace));
        return cfg;
    }

    private static void setUp(Path cfg) throws Exception {
        ok(SurelProcess.cli((String) null, "--config", cfg.toString(), "domain", "add", "example.test"));
        ok(SurelProcess.cli(PASSWORD + "\n", "--config", cfg.toString(), "user", "add", "alice@example.test"));
    }

    private static LineClient imapLogin(Server s) throws Exception {
        LineClient w = LineClient.plain(s.ports().get("imap"));
        assertThat(w.line()).startsWith("* OK");
        assertThat(w.imap("LOGIN alice@example.test \"" + PASSWORD + "\"").getLast()).contains("OK");
        return w;
    }

    private static LineClient smtpHello(Server s) throws Exception {
        LineClient w = LineClient.plain(s.ports().get("smtp"));
        assertThat(w.reply()).startsWith("220");
        assertThat(w.smtp("EHLO client.example")).startsWith("250");
        return w;
    }

    /**
     * APPEND with a synchronizing literal (or a non-synchronizing one): the tagged answer if the
     * server refuses the literal instead of sending "+", else the completion after the message.
     */
    private static String append(LineClient imap, String mailbox, byte[] message, boolean nonSynchronizing) throws Exception {
        String tag = imap.nextTag();
        imap.send(tag + " APPEND " + mailbox + " {" + message.length + (nonSynchronizing ? "+" : "") + "}\r\n");
        if (!nonSynchronizing) {
            String l = imap.line();
            if (l == null) throw new java.io.IOException("connection closed at APPEND");
            if (l.startsWith(tag + " ")) return l;
            if (!l.startsWith("+")) throw new java.io.IOException("expected a continuation, got " + l);
        }
        imap.send(message);
        imap.send("\r\n");
        return imap.untilTagged(tag).getLast();
    }

    /** A message of about {@code size} octets (CRLF lines). */
    private static byte[] message(String subject, int size) {
        StringBuilder b = new StringBuilder("From: bob@remote.example\r\nTo: alice@example.test\r\nSubject: " + subject + "\r\n\r\n");
        while (b.length() < size) b.append("line ").append(b.length()).append(" of the test message body\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void awaitMessages(LineClient imap, int n) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Matcher m = STATUS_MESSAGES.matcher(String.join("\n", imap.imap("STATUS INBOX (MESSAGES)")));
            if (m.find() && Integer.parseInt(m.group(1)) >= n) return;
            if (System.nanoTime() > deadline) throw new AssertionError("INBOX did not reach " + n + " messages in 30 s");
            Thread.sleep(200);
        }
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}
