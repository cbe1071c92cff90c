package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.MailLoad.Acked;
import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import dev.surel.testkit.LineClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surel backup DIR} and {@code surel restore DIR} as an administrator runs them, each a
 * child JVM beside a running {@code surel serve}: a backup taken while SMTP deliveries, IMAP
 * APPENDs and STORE/EXPUNGE churn go on (and the garbage collector runs every second) holds
 * every message acknowledged before it started, byte for byte, and the delivery queue; the
 * restored directory passes {@code check} and a server started on it serves it. Restore refuses
 * a non-empty data directory, a running server, an incomplete backup and a damaged one.
 */
class BackupRestoreTest {

    @TempDir Path dir;

    private static final String ALICE = "alice's long passphrase";
    private static final String BOB = "bob's long passphrase";
    private static final String CAROL = "carol's long passphrase";

    /** A configuration on free loopback ports; mail for remote.test goes to a closed port, so it stays queued. */
    private Path config(String name, String dataDir, String extra) throws Exception {
        Path cfg = dir.resolve(name);
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "%s"
                [listen]
                smtp = "127.0.0.1:0"
                submission = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                [[queue.routes]]
                domain = "remote.test"
                host = "127.0.0.1:1"
                """.formatted(dataDir) + extra);
        return cfg;
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static Result cli(Path cfg, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--config", cfg.toString()));
        all.addAll(List.of(args));
        return SurelProcess.cli((String) null, all.toArray(String[]::new));
    }

    private void users(Path cfg) throws Exception {
        ok(cli(cfg, "domain", "add", "example.test"));
        ok(SurelProcess.cli(ALICE + "\n", "--config", cfg.toString(), "user", "add", "alice@example.test"));
        ok(SurelProcess.cli(BOB + "\n", "--config", cfg.toString(), "user", "add", "bob@example.test"));
        ok(SurelProcess.cli(CAROL + "\n", "--config", cfg.toString(), "user", "add", "carol@example.test"));
    }

    @Test
    void aBackupUnderLoadRestoresEveryAcknowledgedMessageAndAServerServesIt() throws Exception {
        // the collector runs every second and deletes unreferenced message files 2 s after they lose their last message
        String gc = "[store]\ngc_interval = \"1s\"\ntombstone_horizon = \"0s\"\nblob_gc_grace = \"2s\"\n";
        Path cfg = config("surel.toml", "data", gc);
        Path data = dir.resolve("data");
        Path backup = dir.resolve("backups/first");
        users(cfg);

        List<Acked> before;
        List<Acked> beforeSnapshot;
        Map<String, byte[]> queued = new HashMap<>(); // queue id -> bytes sent; to remote.test, never delivered
        Map<String, String> queuedBlobs = new HashMap<>(); // queue id -> its message file's hash in the original store
        long backupSeconds;
        int duringBackup;
        try (Server s = Server.start(cfg, data)) {
            Map<String, Integer> ports = s.ports();
            for (int i = 0; i < 3; i++) {
                byte[] m = MailLoad.message("queued-" + i, new java.util.Random(i));
                String id = submitToRemote(ports.get("submission"), m);
                queued.put(id, m);
                queuedBlobs.put(id, blobOf(ok(cli(cfg, "queue", "show", id)).out()));
            }
            try (MailLoad load = new MailLoad(ports.get("smtp"), ports.get("imap"), BOB, CAROL)) {
                load.start();
                long deadline = System.nanoTime() + 180_000_000_000L;
                while (load.acked().size() < 150 || load.churnRounds() < 5) {
                    assertThat(System.nanoTime()).as("load acknowledged by the server: " + load.acked().size()).isLessThan(deadline);
                    Thread.sleep(100);
                }
                long start = System.nanoTime();
                before = load.acked();
                // through the running server's admin channel; --progress as on a terminal
                Result b = ok(cli(cfg, "backup", "--progress", backup.toString()));
                long end = System.nanoTime();
                backupSeconds = (end - start) / 1_000_000_000L;
                Thread.sleep(500);
                load.stop();
                duringBackup = (int) load.acked().stream().filter(a -> a.ackedAtNanos() > start && a.ackedAtNanos() < end).count();
                assertThat(b.out()).contains("backup complete in " + backup + ": ");
                Matcher files = Pattern.compile(", (\\d+) message files, ").matcher(b.out());
                assertThat(files.find()).as(b.out()).isTrue();
                assertThat(b.err()).as("progress, from the server").contains("\rbackup: database copied")
                        .contains("\rbackup: message files " + files.group(1) + "/" + files.group(1) + ", ");
                assertThat(duringBackup).as("messages acknowledged while the backup ran").isPositive();
                // closer: the server logs the moment before it copies the database; all acknowledged before that is in the copy
                Instant copyStarted = logTime(s.output(), "backup to " + backup + ": copying the database");
                beforeSnapshot = load.acked().stream().filter(a -> a.ackedAt().isBefore(copyStarted)).toList();
                assertThat(beforeSnapshot.size()).isGreaterThanOrEqualTo(before.size());
                System.out.printf("backup under load: %d acknowledged before it started, %d before its database copy, %d while it ran "
                                + "(%d s), %d churn rounds, %d refusals%n%s", before.size(), beforeSnapshot.size(), duringBackup,
                        backupSeconds, load.churnRounds(), load.refusals(), b.out());
            }
            s.stop();
        }
        assertThat(backup.resolve("manifest")).exists();
        assertThat(backup.resolve("tls/selfsigned.key")).exists();
        assertThat(Files.getPosixFilePermissions(backup.resolve("tls/selfsigned.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(backup.resolve("admin.secret")).doesNotExist();
        assertThat(backup.resolve("surel.lock")).doesNotExist();
        assertThat(backup.resolve("ports")).doesNotExist();

        // restore into a new, empty data directory named by its configuration file
        Path restoredCfg = config("restored.toml", "restored", "");
        Path restored = dir.resolve("restored");
        Result r = ok(cli(restoredCfg, "restore", "--progress", backup.toString()));
        assertThat(r.out()).contains("restored " + backup + " into " + restored).contains("store check: OK");
        assertThat(r.err()).contains("\rrestore: message files ").contains("\rrestore: checking the restored store");
        assertThat(ok(cli(restoredCfg, "check")).out()).startsWith("store check: OK");
        assertThat(Files.readAllBytes(restored.resolve("tls/selfsigned.crt"))).isEqualTo(Files.readAllBytes(data.resolve("tls/selfsigned.crt")));

        try (Server s = Server.start(restoredCfg, restored)) {
            Map<String, Integer> ports = s.ports();
            // the delivery queue came along: mail accepted but not delivered is still queued, with its message file
            String list = ok(cli(restoredCfg, "queue", "list")).out();
            for (Map.Entry<String, byte[]> q : queued.entrySet()) {
                assertThat(list).contains(q.getKey());
                String hash = blobOf(ok(cli(restoredCfg, "queue", "show", q.getKey())).out());
                assertThat(hash).isEqualTo(queuedBlobs.get(q.getKey()));
                byte[] stored = Files.readAllBytes(restored.resolve("blobs").resolve(hash.substring(0, 2)).resolve(hash.substring(2, 4)).resolve(hash));
                assertThat(sha256(stored)).isEqualTo(hash);
                assertThat(sha256(tail(stored, q.getValue().length))).as("the message as submitted, after our Received:").isEqualTo(sha256(q.getValue()));
            }
            // every message acknowledged before the backup started, with its bytes (SMTP mail still in the queue is delivered now)
            Map<String, byte[]> found = new HashMap<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (true) {
                found.putAll(inbox(ports.get("imap"), "alice@example.test", ALICE));
                found.putAll(inbox(ports.get("imap"), "bob@example.test", BOB));
                if (beforeSnapshot.stream().allMatch(a -> found.containsKey(a.token())) || System.nanoTime() > deadline) break;
                Thread.sleep(500);
            }
            List<String> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (Acked a : beforeSnapshot) {
                byte[] stored = found.get(a.token());
                if (stored == null) {
                    missing.add(a.token());
                } else if (a.via() == MailLoad.Via.APPEND ? !sha256(stored).equals(sha256(a.sent()))
                        : stored.length <= a.sent().length || !sha256(tail(stored, a.sent().length)).equals(sha256(a.sent()))) {
                    wrong.add(a.token());
                }
            }
            assertThat(missing).as("acknowledged before the backup, missing after the restore").isEmpty();
            assertThat(wrong).as("acknowledged before the backup, restored with other bytes").isEmpty();
            s.stop();
        }
        assertThat(ok(cli(restoredCfg, "check")).out()).startsWith("store check: OK");
    }

    @Test
    void restoreRefusesANonEmptyDataDirectoryAndARunningServer() throws Exception {
        Path cfg = config("surel.toml", "data", "");
        Path data = dir.resolve("data");
        users(cfg);
        ok(SurelProcess.cli("Subject: one\r\n\r\nbody\r\n", "--config", cfg.toString(), "deliver", "--to", "alice@example.test"));
        Path backup = dir.resolve("b");
        Result made = ok(cli(cfg, "backup", backup.toString())); // no server: the CLI, under the data directory's lock
        assertThat(made.out()).contains("1 messages, 0 queued, 3 accounts, 1 message files");
        assertThat(made.err()).as("no progress when not on a terminal").doesNotContain("\r");

        // nothing to back up: no store is created to copy
        Path empty = config("empty.toml", "empty", "");
        Result none = cli(empty, "backup", dir.resolve("b-empty").toString());
        assertThat(none.exit()).as(none.toString()).isEqualTo(66);
        assertThat(none.err()).contains("no Surel store in " + dir.resolve("empty")).contains("nothing to back up");
        assertThat(dir.resolve("empty")).doesNotExist();
        assertThat(dir.resolve("b-empty")).doesNotExist();

        Result again = cli(cfg, "backup", backup.toString());
        assertThat(again.exit()).as(again.toString()).isEqualTo(73);
        assertThat(again.err()).contains(backup + " is not empty");
        Result inside = cli(cfg, "backup", data.resolve("backup").toString());
        assertThat(inside.exit()).as(inside.toString()).isEqualTo(73);
        assertThat(inside.err()).contains("is inside the data directory");

        Result overStore = cli(cfg, "restore", backup.toString());
        assertThat(overStore.exit()).as(overStore.toString()).isEqualTo(73);
        assertThat(overStore.err()).contains(data + " is not empty").contains("it holds a store");

        Path other = config("other.toml", "other", "");
        Files.createDirectories(dir.resolve("other"));
        Files.writeString(dir.resolve("other/notes.txt"), "mine");
        Result stray = cli(other, "restore", backup.toString());
        assertThat(stray.exit()).as(stray.toString()).isEqualTo(73);
        assertThat(stray.err()).contains("not empty (notes.txt)");
        assertThat(Files.readString(dir.resolve("other/notes.txt"))).isEqualTo("mine");
        try (Stream<Path> s = Files.list(dir.resolve("other"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }

        // what an interrupted restore leaves (message files, no database) is not restored over
        Path half = config("half.toml", "half", "");
        Files.createDirectories(dir.resolve("half/blobs/ab"));
        Result interrupted = cli(half, "restore", backup.toString());
        assertThat(interrupted.exit()).as(interrupted.toString()).isEqualTo(73);
        assertThat(interrupted.err()).contains("looks like an interrupted restore").contains("empty it and restore again");

        // no configuration names the place: the store-creation rule of ADR 0006
        Result nowhere = SurelProcess.cli(dir, null, "restore", backup.toString());
        assertThat(nowhere.exit()).as(nowhere.toString()).isEqualTo(66);
        assertThat(nowhere.err()).contains("no --config given").contains("--create");
        assertThat(dir.resolve("data").resolve("..").resolve("data")).exists(); // the configured store is untouched

        try (Server s = Server.start(cfg, data)) {
            Result running = cli(cfg, "restore", backup.toString());
            assertThat(running.exit()).as(running.toString()).isEqualTo(75);
            assertThat(running.err()).contains("a server is running on " + data);
            s.stop();
        }
        // with --create the working directory's data/ is fine
        Path cwd = Files.createDirectories(dir.resolve("elsewhere"));
        Result created = SurelProcess.cli(cwd, null, "--create", "restore", backup.toString());
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.out()).contains("store check: OK (18 mailboxes, 1 messages, 1 blobs)");
    }

    @Test
    void restoreRefusesAnIncompleteOrDamagedBackupAndLeavesNothing() throws Exception {
        Path cfg = config("surel.toml", "data", "");
        users(cfg);
        for (int i = 0; i < 3; i++) {
            ok(SurelProcess.cli("Subject: " + i + "\r\n\r\nbody " + i + "\r\n", "--config", cfg.toString(), "deliver", "--to", "bob@example.test"));
        }
        Path good = dir.resolve("good");
        ok(cli(cfg, "backup", good.toString()));
        Path target = config("target.toml", "target", "");
        Path targetDir = dir.resolve("target");

        // interrupted: everything written but the manifest, which comes last
        Path interrupted = copy(good, "interrupted");
        Files.delete(interrupted.resolve("manifest"));
        refused(target, interrupted, 65, "has no manifest: an incomplete backup");
        // a manifest cut short
        Path cut = copy(good, "cut");
        String m = Files.readString(cut.resolve("manifest"));
        Files.writeString(cut.resolve("manifest"), m.substring(0, m.indexOf("database")));
        refused(target, cut, 65, "truncated");
        // a message file missing
        Path missing = copy(good, "missing");
        Path blob;
        try (Stream<Path> s = Files.walk(missing.resolve("blobs"))) {
            blob = s.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(blob);
        refused(target, missing, 65, "it has 2 message files");
        // a message file changed
        Path changed = copy(good, "changed");
        Path other = changed.resolve(missing.relativize(blob));
        Files.writeString(other, "changed\r\n", java.nio.file.StandardOpenOption.APPEND);
        refused(target, changed, 65, "has the content hash");
        // the database changed
        Path db = copy(good, "db");
        byte[] bytes = Files.readAllBytes(db.resolve("surel.db"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(db.resolve("surel.db"), bytes);
        refused(target, db, 65, "surel.db has " + bytes.length + " bytes with SHA-256");
        // no backup at all
        refused(target, dir.resolve("nothing"), 66, "no such directory");

        assertThat(targetDir).as("a refused restore leaves no data directory behind").doesNotExist();
        Result restored = ok(cli(target, "restore", good.toString()));
        assertThat(restored.out()).contains("store check: OK (18 mailboxes, 3 messages, 3 blobs)");
    }

    private void refused(Path cfg, Path backup, int exit, String why) throws Exception {
        Result r = cli(cfg, "restore", backup.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(r.err()).as(r.toString()).contains(why).doesNotContain("\tat ");
    }

    private Path copy(Path from, String name) throws Exception {
        Path to = dir.resolve(name);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        return to;
    }

    /** Submits {@code message} for carol@remote.test as alice (AUTH PLAIN on loopback); returns the queue id of the 250. */
    private static String submitToRemote(int port, byte[] message) throws Exception {
        try (LineClient c = LineClient.greeted("127.0.0.1", port)) {
            assertThat(c.smtp("EHLO client.example.org")).startsWith("250");
            String auth = Base64.getEncoder().encodeToString(("\0alice@example.test\0" + ALICE).getBytes(StandardCharsets.UTF_8));
            assertThat(c.smtp("AUTH PLAIN " + auth)).startsWith("235");
            assertThat(c.smtp("MAIL FROM:<alice@example.test>")).startsWith("250");
            assertThat(c.smtp("RCPT TO:<carol@remote.test>")).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            c.send(new String(message, StandardCharsets.US_ASCII) + ".\r\n");
            String reply = c.reply();
            Matcher m = Pattern.compile("^250 .*queued as (\\S+)").matcher(reply.strip());
            assertThat(m.find()).as(reply).isTrue();
            c.smtp("QUIT");
            return m.group(1);
        }
    }

    private static String blobOf(String queueShow) {
        Matcher m = Pattern.compile("blob: +([0-9a-f]{64})").matcher(queueShow);
        assertThat(m.find()).as(queueShow).isTrue();
        return m.group(1);
    }

    /** Every message in the INBOX, fetched with BODY.PEEK[], by its X-Token. */
    private static Map<String, byte[]> inbox(int port, String user, String password) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        try (LineClient c = LineClient.greeted("127.0.0.1", port)) {
            assertThat(text(c, "l", "LOGIN " + user + " \"" + password + "\"")).contains("l OK");
            assertThat(text(c, "s", "SELECT INBOX")).contains("s OK");
            String search = text(c, "u", "UID SEARCH ALL");
            assertThat(search).contains("u OK");
            List<Long> uids = new ArrayList<>();
            for (String line : search.lines().toList()) {
                if (line.startsWith("* SEARCH")) {
                    Arrays.stream(line.substring("* SEARCH".length()).trim().split(" ")).filter(x -> !x.isEmpty())
                            .forEach(x -> uids.add(Long.parseLong(x)));
                }
            }
            Pattern literal = Pattern.compile("\\{(\\d+)}$");
            for (long uid : uids) {
                c.sendLine("f UID FETCH " + uid + " BODY.PEEK[]");
                byte[] body = null;
                String line;
                while ((line = c.line()) != null && !line.startsWith("f ")) {
                    Matcher m = literal.matcher(line);
                    if (line.startsWith("* ") && line.contains("FETCH") && m.find()) body = c.in().readNBytes(Integer.parseInt(m.group(1)));
                }
                assertThat(line).startsWith("f OK");
                assertThat(body).as("FETCH of uid " + uid).isNotNull();
                Matcher t = Pattern.compile("\r\nX-Token: (\\S+)\r\n").matcher(new String(body, StandardCharsets.US_ASCII));
                if (t.find()) out.put(t.group(1), body);
            }
            text(c, "z", "LOGOUT");
        }
        return out;
    }

    /**
     * The time of the first line of a server log containing {@code text}; the tests' logback-test.xml
     * writes local wall-clock times of day ({@code 06:57:41.165 INFO ...}), of the last twelve hours.
     */
    private static Instant logTime(String log, String text) {
        String line = log.lines().filter(l -> l.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no \"" + text + "\" in the server log:\n" + log));
        java.time.LocalTime time = java.time.LocalTime.parse(line.substring(0, line.indexOf(' ')));
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now();
        java.time.ZonedDateTime at = now.with(time);
        if (at.isAfter(now.plusHours(1))) at = at.minusDays(1); // logged before midnight, read after it
        return at.toInstant();
    }

    private static byte[] tail(byte[] b, int n) {
        return Arrays.copyOfRange(b, Math.max(0, b.length - n), b.length);
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** An IMAP command's response, its lines joined with "\n" (the tagged line last). */
    private static String text(LineClient c, String tag, String command) throws IOException {
        return String.join("\n", c.imap(tag, command));
    }
}
