package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.delivery.TestSmtpPeer;
import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import dev.surel.testkit.LineClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code [log] file}, its rollover and {@code [log] format = "json"} on a real {@code surel serve}
 * (a child JVM) that receives mail over real sockets and delivers it locally and to a scripted
 * SMTP peer ({@link TestSmtpPeer}, reached through {@code [[queue.routes]]}): the log goes to the
 * file (not standard error), rolls over by size (a 1K limit) and by day (a file left from an
 * earlier day), old rolled files beyond {@code max_history} are deleted at start, and there is one
 * Postfix-shaped line per delivery attempt (local, remote, deferred, bounced, and the bounce's DSN)
 * beside the login lines. In JSON every line of every file is one JSON object ({@code python3
 * json.loads}), with the delivery facts as key-value pairs.
 */
class LogFileTest {

    @TempDir Path dir;

    /** The five delivery lines and two login lines the traffic of {@link #traffic} must leave, as text. */
    @Test
    void textLogRollsOverAndHasOneLinePerDeliveryAttempt() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        LocalDate today = LocalDate.now();
        // a log file left by a run three days ago: rolled over under that day at the first event
        Path file = logs.resolve("surel.log");
        Files.writeString(file, "a line from an earlier run\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        // rolled files: one older than max_history (deleted at start), one within it (kept)
        Path ancient = gzip(logs.resolve("surel." + today.minusDays(40) + ".0.log.gz"), "ancient\n");
        Path recent = gzip(logs.resolve("surel." + today.minusDays(2) + ".0.log.gz"), "recent\n");

        try (TestSmtpPeer peer = new TestSmtpPeer("127.0.0.1", 0)) {
            peer.rcptReply = a -> a.startsWith("nobody@") ? "550 5.1.1 <" + a + ">: no such user" : "250 2.1.5 ok";
            Path cfg = config(peer.port(), """
                    [log]
                    file = "logs/surel.log"
                    max_size = "1K"
                    max_history = 30
                    """);
            try (Server s = Server.start(cfg, dir.resolve("data"))) {
                Traffic t = traffic(s);
                String q = Pattern.quote(t.local());
                String r = Pattern.quote(t.remote());
                String delay = " size=\\d+ delay=\\d+(\\.\\d\\d)? ";
                List<Pattern> expected = List.of(
                        Pattern.compile("queue " + q + ": to=<alice@example\\.test> from=<sender@example\\.org>" + delay
                                + "relay=local dsn=2\\.0\\.0 status=sent \\(250 2\\.0\\.0 delivered to INBOX\\)$"),
                        Pattern.compile("queue " + r + ": to=<bob@remote\\.test> from=<alice@example\\.test>" + delay
                                + "relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:" + peer.port()
                                + " dsn=2\\.0\\.0 status=sent \\(250 2\\.0\\.0 queued as TEST\\)$"),
                        Pattern.compile("queue " + r + ": to=<nobody@remote\\.test> from=<alice@example\\.test>" + delay
                                + "relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:" + peer.port()
                                + " dsn=5\\.1\\.1 status=bounced \\(550 5\\.1\\.1 <nobody@remote\\.test>: no such user\\)$"),
                        Pattern.compile("queue " + r + ": to=<carol@defer\\.test> from=<alice@example\\.test>" + delay
                                + "relay=127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:1 dsn=4\\.4\\.1 status=deferred \\(4\\.4\\.1 connect: .*\\)$"),
                        // the bounce's DSN, from the null reverse-path, delivered to alice's INBOX
                        Pattern.compile("queue \\w+: to=<alice@example\\.test> from=<>" + delay
                                + "relay=local dsn=2\\.0\\.0 status=sent \\(250 2\\.0\\.0 delivered to INBOX\\)$"),
                        Pattern.compile("INFO .* - login failed: protocol=imap mechanism=login-command user=\"alice@example\\.test\" "
                                + "ip=127\\.0\\.0\\.1 reason=\"invalid credentials\"$"),
                        Pattern.compile("INFO .* - login ok: protocol=imap mechanism=login-command user=\"alice@example\\.test\" ip=127\\.0\\.0\\.1$"));
                List<String> lines = awaitLines(logs, expected);
                // one line per attempt: each delivery line appears exactly once
                for (Pattern p : expected.subList(0, 4)) {
                    assertThat(lines.stream().filter(l -> p.matcher(l).find()).count()).as(p.pattern()).isEqualTo(1);
                }
                assertThat(s.output()).as("the log goes to the file, not to standard error").doesNotContain("Surel ready");
                assertThat(s.stop()).isEqualTo(143); // SIGTERM
            }
        }
        List<String> all = allLines(logs);
        assertThat(all).anyMatch(l -> l.endsWith("Surel stopped")); // graceful, and flushed

        // rolled over by size: today's files hold about max_size each (a file rolls before the event that would pass it)
        List<Path> todays = rolled(logs, today);
        assertThat(todays).as("rolled over by size at 1K").hasSizeGreaterThanOrEqualTo(3);
        for (Path p : todays) assertThat(gunzip(p).length).as(p.toString()).isBetween(1024, 1024 + 1024);
        assertThat(Files.size(file)).isLessThan(1024 + 1024);
        // rolled over by day: the earlier run's file under its own date
        Path earlier = logs.resolve("surel." + today.minusDays(3) + ".0.log.gz");
        assertThat(earlier).exists();
        assertThat(new String(gunzip(earlier), StandardCharsets.UTF_8)).isEqualTo("a line from an earlier run\n");
        // max_history = 30 days: the 40-day-old file is gone, the 2-day-old one kept
        assertThat(ancient).doesNotExist();
        assertThat(recent).exists();
    }

    /** The same traffic with {@code format = "json"}: every line of every file (rolled ones too) is one JSON object. */
    @Test
    void jsonLogHasOneObjectPerLineWithTheDeliveryFacts() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        try (TestSmtpPeer peer = new TestSmtpPeer("127.0.0.1", 0)) {
            peer.rcptReply = a -> a.startsWith("nobody@") ? "550 5.1.1 <" + a + ">: no such user" : "250 2.1.5 ok";
            Path cfg = config(peer.port(), """
                    [log]
                    file = "logs/surel.log"
                    format = "json"
                    max_size = "1K"
                    """);
            Traffic t;
            try (Server s = Server.start(cfg, dir.resolve("data"))) {
                t = traffic(s);
                awaitLines(logs, List.of(Pattern.compile("to=<carol@defer\\.test>.*status=deferred"),
                        Pattern.compile("to=<alice@example\\.test> from=<>.*status=sent"),
                        Pattern.compile("to=<bob@remote\\.test>.*status=sent")));
                assertThat(s.stop()).isEqualTo(143);
            }
            assertThat(rolled(logs, LocalDate.now())).as("rolled over by size").isNotEmpty();
            List<String> files = new ArrayList<>();
            try (Stream<Path> st = Files.list(logs)) {
                st.filter(p -> p.getFileName().toString().startsWith("surel.")).map(Path::toString).sorted().forEach(files::add);
            }
            List<String> cmd = new ArrayList<>(List.of("python3", "-c", JSON_CHECK));
            cmd.addAll(files);
            Result py = run(cmd);
            assertThat(py.exit()).as("python3 json.loads on every line of " + files + "\n" + py).isZero();
            String out = py.out();
            assertThat(out).containsPattern("lines [1-9]\\d+\\n");
            // the delivery facts as key-value pairs, the Postfix-shaped line as the formatted message
            assertThat(out).contains("dev.surel.queue.delivery INFO {\"attempt\": \"1\", \"delay\": ")
                    .containsPattern("\\{\"attempt\": \"1\", \"delay\": \"[\\d.]+\", \"dsn\": \"2\\.0\\.0\", \"from\": \"alice@example\\.test\", "
                            + "\"queue_id\": \"" + Pattern.quote(t.remote()) + "\", \"relay\": \"127\\.0\\.0\\.1\\[127\\.0\\.0\\.1\\]:"
                            + peer.port() + "\", \"reply\": \"250 2\\.0\\.0 queued as TEST\", \"size\": \"\\d+\", \"status\": \"sent\", "
                            + "\"to\": \"bob@remote\\.test\"\\} queue " + Pattern.quote(t.remote()) + ": to=<bob@remote\\.test> ")
                    .containsPattern("\"dsn\": \"5\\.1\\.1\", .*\"status\": \"bounced\", \"to\": \"nobody@remote\\.test\"")
                    .containsPattern("\"dsn\": \"4\\.4\\.1\", .*\"status\": \"deferred\", \"to\": \"carol@defer\\.test\"")
                    .containsPattern("\"queue_id\": \"" + Pattern.quote(t.local()) + "\", \"relay\": \"local\", .*\"status\": \"sent\", "
                            + "\"to\": \"alice@example\\.test\"")
                    .contains("dev.surel.auth.login INFO {\"ip\": \"127.0.0.1\", \"login\": \"failed\", \"mechanism\": \"login-command\", "
                            + "\"protocol\": \"imap\", \"reason\": \"invalid credentials\", \"user\": \"alice@example.test\"} "
                            + "login failed: protocol=imap")
                    .contains("dev.surel.auth.login INFO {\"ip\": \"127.0.0.1\", \"login\": \"ok\"");
        }
    }

    /** JSON without a file: standard error carries the JSON lines (under systemd: the journal). */
    @Test
    void jsonWithoutAFileGoesToStandardError() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                imap = "127.0.0.1:0"
                [log]
                format = "json"
                """);
        try (Server s = Server.start(cfg, dir.resolve("data"))) {
            assertThat(s.stop()).isEqualTo(143);
            Result py = run(List.of("python3", "-c", JSON_CHECK, s.log.toString()));
            assertThat(py.exit()).as("every line of standard error is JSON:\n" + s.output() + py).isZero();
            assertThat(s.output()).contains("\"formattedMessage\":\"Surel ready on mail.example.test")
                    .contains("\"formattedMessage\":\"Surel stopped\"");
        }
    }

    /** A log file that cannot be written stops the start, saying why, before anything is bound or created. */
    @Test
    void aLogFileThatCannotBeWrittenStopsTheStart() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                data_dir = "data"
                [listen]
                imap = "127.0.0.1:0"
                [log]
                file = "no-such-dir/surel.log"
                """);
        Result r = SurelProcess.cli((String) null, "--config", cfg.toString(), "serve");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("surel: cannot start: log file " + dir.resolve("no-such-dir/surel.log") + ": directory "
                + dir.resolve("no-such-dir") + " does not exist\n");
        assertThat(dir.resolve("data")).doesNotExist();
        Files.createDirectory(dir.resolve("no-such-dir"));
        Files.createDirectory(dir.resolve("no-such-dir/surel.log"));
        Result d = SurelProcess.cli((String) null, "--config", cfg.toString(), "serve");
        assertThat(d.exit()).as(d.toString()).isEqualTo(1);
        assertThat(d.err()).contains("surel.log is a directory");
    }

    /** Each argument a log file (gzipped when it ends in .gz); each line must be one JSON object. */
    private static final String JSON_CHECK = """
            import gzip, json, sys
            n = 0
            for path in sys.argv[1:]:
                f = gzip.open(path, 'rt', encoding='utf-8') if path.endswith('.gz') else open(path, encoding='utf-8')
                for line in f:
                    o = json.loads(line)
                    assert isinstance(o, dict), line
                    assert line.endswith('}\\n'), line
                    for key in ('timestamp', 'level', 'loggerName', 'formattedMessage'):
                        assert key in o, (key, line)
                    n += 1
                    if o['loggerName'] in ('dev.surel.queue.delivery', 'dev.surel.auth.login'):
                        kv = {k: v for d in o.get('kvpList', []) for k, v in d.items()}
                        print(o['loggerName'], o['level'], json.dumps(kv, sort_keys=True), o['formattedMessage'])
            print('lines', n)
            """;

    /** The queue ids of the two messages {@link #traffic} sends. */
    record Traffic(String local, String remote) { }

    /**
     * A failed and a successful IMAP login; a message from the internet to alice (local); a message
     * alice submits to bob@remote.test (the peer takes it), nobody@remote.test (the peer refuses:
     * a bounce, whose DSN goes to alice) and carol@defer.test (routed to a closed port: deferred).
     */
    private static Traffic traffic(Server s) throws Exception {
        Map<String, Integer> ports = s.ports();
        try (LineClient i = LineClient.greeted("127.0.0.1", ports.get("imap"))) {
            assertThat(i.imap("a", "LOGIN alice@example.test wrong").getLast()).contains("a NO");
            assertThat(i.imap("b", "LOGIN alice@example.test \"alice pw\"").getLast()).contains("b OK");
        }
        String local = send(ports.get("smtp"), null, "sender@example.org", List.of("alice@example.test"));
        String remote = send(ports.get("submission"), "alice pw", "alice@example.test",
                List.of("bob@remote.test", "nobody@remote.test", "carol@defer.test"));
        return new Traffic(local, remote);
    }

    private static final Pattern QUEUED = Pattern.compile("^250 2\\.0\\.0 Ok: queued as (\\S+)", Pattern.MULTILINE);

    private static String send(int port, String password, String from, List<String> to) throws IOException {
        try (LineClient c = LineClient.greeted("127.0.0.1", port)) {
            assertThat(c.smtp("EHLO client.example.org")).startsWith("250");
            if (password != null) {
                String plain = Base64.getEncoder().encodeToString(("\0" + from + "\0" + password).getBytes(StandardCharsets.UTF_8));
                assertThat(c.smtp("AUTH PLAIN " + plain)).startsWith("235");
            }
            assertThat(c.smtp("MAIL FROM:<" + from + ">")).startsWith("250");
            for (String r : to) assertThat(c.smtp("RCPT TO:<" + r + ">")).as(r).startsWith("250");
            assertThat(c.smtp("DATA")).startsWith("354");
            String reply = c.smtp("From: <" + from + ">\r\nSubject: log test\r\n\r\n" + "x".repeat(200) + "\r\n.");
            Matcher m = QUEUED.matcher(reply);
            assertThat(m.find()).as(reply).isTrue();
            c.smtp("QUIT");
            return m.group(1);
        }
    }

    private Path config(int peerPort, String log) throws IOException, InterruptedException {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                smtp = "127.0.0.1:0"
                submission = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [[queue.routes]]
                domain = "remote.test"
                host = "127.0.0.1:%d"
                [[queue.routes]]
                domain = "defer.test"
                host = "127.0.0.1:1"
                """.formatted(peerPort) + log);
        String c = cfg.toString();
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "example.test"));
        ok(SurelProcess.cli("alice pw\n", "--config", c, "user", "add", "alice@example.test"));
        return cfg;
    }

    /** Every line of the log (the current file and every rolled one), once all {@code expected} are there (30 s at most). */
    private static List<String> awaitLines(Path logs, List<Pattern> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = allLines(logs);
            List<String> now = lines;
            if (expected.stream().allMatch(p -> now.stream().anyMatch(l -> p.matcher(l).find()))) return lines;
            Thread.sleep(100);
        }
        for (Pattern p : expected) assertThat(lines).as("a log line matching " + p).anyMatch(l -> p.matcher(l).find());
        return lines;
    }

    /** The lines of surel.log and of every rolled file; a file still being gzipped is read again a moment later. */
    private static List<String> allLines(Path logs) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> s = Files.list(logs)) {
                List<String> lines = new ArrayList<>();
                for (Path p : s.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (name.equals("surel.log")) lines.addAll(Files.readAllLines(p));
                    else if (name.endsWith(".gz")) lines.addAll(new String(gunzip(p), StandardCharsets.UTF_8).lines().toList());
                    else if (name.endsWith(".tmp")) throw new IOException("being compressed: " + p); // logback's rename before gzip
                }
                return lines;
            } catch (IOException e) {
                if (attempt == 50) throw e;
                Thread.sleep(100);
            }
        }
    }

    private static List<Path> rolled(Path logs, LocalDate day) throws IOException {
        try (Stream<Path> s = Files.list(logs)) {
            return s.filter(p -> p.getFileName().toString().matches("surel\\." + day + "\\.\\d+\\.log\\.gz")).sorted().toList();
        }
    }

    private static Path gzip(Path p, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    private static Result run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (IOException ignored) {
                // ended
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        t.join();
        return new Result(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}
