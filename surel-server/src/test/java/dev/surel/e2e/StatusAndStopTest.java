package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.admin.DataDirLock;
import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import dev.surel.testkit.LineClient;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surel status} and {@code surel stop} with the real CLI (child JVMs) against a real
 * {@code surel serve}: status reports the process, uptime, every listener with its open
 * connections, the connections per protocol, the queue and the store, and exits 0; with no
 * server it exits 3 (LSB "not running": no data directory, a clean stop, a SIGKILLed server's
 * stale socket), with the data directory locked but no admin channel 4 ("unknown"). Stop is
 * graceful (open sessions get their goodbye) and returns only once the process has exited; with a
 * --timeout shorter than the shutdown it exits 1 while the server is still stopping.
 */
class StatusAndStopTest {

    @TempDir Path dir;

    @Test
    void statusReportsTheRunningServerAndStopWaitsForItsExit() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Path data = dir.resolve("data");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                smtp = "127.0.0.1:0"
                submission = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                imaps = "127.0.0.1:0"
                pop3 = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [limits]
                shutdown_grace = "15s"
                tls_handshake_timeout = "12s"
                [[queue.routes]]
                domain = "remote.test"
                host = "127.0.0.1:1"
                """);
        String c = cfg.toString();

        // no data directory yet: not running (3); stop has nothing to do (0); nothing is created
        Result none = SurelProcess.cli((String) null, "--config", c, "status");
        assertThat(none.exit()).as(none.toString()).isEqualTo(3);
        assertThat(none.out()).isEqualTo("status: not running\ndata_dir: " + data + "\n");
        assertThat(none.err()).contains("no data directory " + data);
        Result stopNone = SurelProcess.cli((String) null, "--config", c, "stop");
        assertThat(stopNone.exit()).as(stopNone.toString()).isZero();
        assertThat(stopNone.out()).contains("no server is running");
        assertThat(data).doesNotExist();

        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "example.test"));
        ok(SurelProcess.cli("alice pw\n", "--config", c, "user", "add", "alice@example.test"));
        Result idle = SurelProcess.cli((String) null, "--config", c, "status");
        assertThat(idle.exit()).as("a store, no server: " + idle).isEqualTo(3);

        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Server s = Server.start(cfg, data)) {
            Map<String, Integer> ports = s.ports();
            // one message to alice (delivered) and bob@remote.test (routed to a closed port: deferred)
            try (LineClient m = LineClient.greeted("127.0.0.1", ports.get("submission"))) {
                m.smtp("EHLO client.test");
                String plain = Base64.getEncoder().encodeToString("\0alice@example.test\0alice pw".getBytes(StandardCharsets.UTF_8));
                assertThat(m.smtp("AUTH PLAIN " + plain)).startsWith("235");
                assertThat(m.smtp("MAIL FROM:<alice@example.test>")).startsWith("250");
                assertThat(m.smtp("RCPT TO:<alice@example.test>")).startsWith("250");
                assertThat(m.smtp("RCPT TO:<bob@remote.test>")).startsWith("250");
                assertThat(m.smtp("DATA")).startsWith("354");
                assertThat(m.smtp("Subject: s\r\n\r\nhello\r\n.")).startsWith("250");
            }
            // sessions open while status runs: 2 IMAP, 1 POP3, 1 SMTP
            try (LineClient i1 = LineClient.greeted("127.0.0.1", ports.get("imap"));
                 LineClient i2 = LineClient.greeted("127.0.0.1", ports.get("imap"));
                 LineClient p = LineClient.greeted("127.0.0.1", ports.get("pop3"));
                 LineClient m = LineClient.greeted("127.0.0.1", ports.get("smtp"))) {
                assertThat(i1.greeting()).startsWith("* OK");
                assertThat(i2.greeting()).startsWith("* OK");
                assertThat(p.greeting()).startsWith("+OK");
                assertThat(m.greeting()).startsWith("220");
                Result st = awaitStatus(c, "queue: messages=1 recipients=1 deferred=1");
                assertThat(st.exit()).as(st.toString()).isZero();
                String out = st.out();
                assertThat(out).startsWith("status: running\npid: " + s.process.pid() + "\n")
                        .contains("\nuser: " + System.getProperty("user.name") + "\n")
                        .containsPattern("\nversion: \\S+\n")
                        .containsPattern("\nuptime: \\d+s")
                        .contains("\ndata_dir: " + data + "\n")
                        .containsPattern("\ndisk_free: \\d+ \\(")
                        .contains("\nlisten: smtp 127.0.0.1:" + ports.get("smtp") + " connections=1\n")
                        .contains("\nlisten: submission 127.0.0.1:" + ports.get("submission") + " connections=0\n")
                        .contains("\nlisten: imap 127.0.0.1:" + ports.get("imap") + " connections=2\n")
                        .contains("\nlisten: imaps 127.0.0.1:" + ports.get("imaps") + " connections=0\n")
                        .contains("\nlisten: pop3 127.0.0.1:" + ports.get("pop3") + " connections=1\n")
                        .contains("\nconnections: smtp=1 imap=2 pop3=1 total=4 max=10000\n")
                        .contains("\nqueue: messages=1 recipients=1 deferred=1\n")
                        .containsPattern("\nstore: accounts=1 messages=1 bytes=[1-9]\\d* \\([^)]+\\) files=[1-9]\\d* file_bytes=[1-9]\\d* ");
                Matcher started = Pattern.compile("\nstarted: (\\S+)\n").matcher(out);
                assertThat(started.find()).isTrue();
                assertThat(Instant.parse(started.group(1))).isBetween(before, Instant.now());

                // a client stuck in its TLS handshake holds its listener's stop until the handshake times out (12s, within the 15s grace)
                try (Socket stuck = new Socket("127.0.0.1", ports.get("imaps"))) {
                    Thread.sleep(300);
                    long t0 = System.nanoTime();
                    Result early = SurelProcess.cli((String) null, "--config", c, "stop", "--timeout", "1s");
                    assertThat(early.exit()).as("still stopping after 1s: " + early).isEqualTo(1);
                    assertThat(early.err()).contains("is still running after 1s");
                    assertThat(s.process.isAlive()).isTrue();

                    Result stop = SurelProcess.cli((String) null, "--config", c, "stop"); // the stop is under way: it waits
                    long took = System.nanoTime() - t0;
                    assertThat(stop.exit()).as(stop.toString()).isZero();
                    assertThat(stop.out()).isEqualTo("surel: stopping the server (pid " + s.process.pid() + ")\nsurel: stopped\n");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(took)).as("waited for the stuck handshake to end").isGreaterThanOrEqualTo(11_000);
                    // it returned once the process had gone: the exit is already there to collect
                    assertThat(s.process.waitFor(2, TimeUnit.SECONDS)).as("exited when stop returned").isTrue();
                    assertThat(s.process.exitValue()).as("a stop by the admin channel exits 0").isZero();
                    assertThat(i1.line()).as("a graceful stop says goodbye to IMAP sessions").startsWith("* BYE [UNAVAILABLE]");
                    assertThat(i2.line()).startsWith("* BYE [UNAVAILABLE]");
                    assertThat(p.line()).startsWith("-ERR [SYS/TEMP]");
                    assertThat(m.line()).startsWith("421");
                }
            }
            assertThat(s.output()).contains("Surel stopping").contains("Surel stopped");
        }
        assertThat(data.resolve("admin.sock")).doesNotExist();
        Result after = SurelProcess.cli((String) null, "--config", c, "status");
        assertThat(after.exit()).as(after.toString()).isEqualTo(3);
        assertThat(after.out()).startsWith("status: not running\n");

        // SIGKILL leaves admin.sock behind: still "not running" (nobody holds the lock)
        try (Server s = Server.start(cfg, data)) {
            s.kill();
        }
        assertThat(data.resolve("admin.sock")).exists();
        Result killed = SurelProcess.cli((String) null, "--config", c, "status");
        assertThat(killed.exit()).as(killed.toString()).isEqualTo(3);

        // locked, but no admin channel answers (here: this test holds the lock): unknown (4); stop: 75
        try (DataDirLock held = DataDirLock.tryAcquire(data).orElseThrow()) {
            Result unknown = SurelProcess.cli((String) null, "--config", c, "status");
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(4);
            assertThat(unknown.out()).startsWith("status: unknown\n");
            assertThat(unknown.err()).contains("is locked (surel.lock) but no admin channel answers");
            Result cannot = SurelProcess.cli((String) null, "--config", c, "stop");
            assertThat(cannot.exit()).as(cannot.toString()).isEqualTo(75);
        }
    }

    /** {@code surel status} once its output contains {@code text} (the first delivery attempt runs in the background). */
    private static Result awaitStatus(String config, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Result r;
        do {
            r = SurelProcess.cli((String) null, "--config", config, "status");
            if (r.out().contains(text)) return r;
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        assertThat(r.out()).as(r.toString()).contains(text);
        return r;
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}
