package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import dev.surel.testkit.LineClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logins are logged and a throttle refusal can be lifted, on a real {@code surel serve} (a
 * child JVM, its log read back) with real sockets from several loopback source addresses and
 * the real CLI: every success and failure, in IMAP, POP3 and SMTP submission, is one line with
 * protocol, mechanism, user, client IP and reason; every refusal by the throttle is one
 * {@code login refused} line; {@code surel auth unblock ADDRESS|IP} lifts the refusal through
 * the admin channel, and without a server says there is nothing to lift.
 */
class LoginLogTest {

    @TempDir Path dir;

    @Test
    void everyLoginIsLoggedAndUnblockLiftsRefusals() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                submission = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                pop3 = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                [auth.throttle]
                base_delay = "10ms"
                max_delay = "20ms"
                ip_refusal_threshold = 4
                account_ip_refusal_threshold = 2
                """);
        String c = cfg.toString();
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "example.test"));
        ok(SurelProcess.cli("alice pw\n", "--config", c, "user", "add", "alice@example.test"));
        ok(SurelProcess.cli("bob pw\n", "--config", c, "user", "add", "bob@example.test"));

        try (Server s = Server.start(cfg, dir.resolve("data"))) {
            Map<String, Integer> ports = s.ports();
            int imap = ports.get("imap");
            int pop3 = ports.get("pop3");
            int smtp = ports.get("submission");

            // from 127.0.0.1: one failure and one success in each protocol (3 failures: below every threshold)
            try (LineClient i = LineClient.greeted("127.0.0.1", imap)) {
                assertThat(i.imap("a", "LOGIN alice@example.test wrong").getLast()).contains("a NO [AUTHENTICATIONFAILED]");
                assertThat(i.imap("b", "AUTHENTICATE PLAIN " + plain("alice@example.test", "alice pw")).getLast()).contains("b OK");
            }
            try (LineClient p = LineClient.greeted("127.0.0.1", pop3)) {
                assertThat(p.cmd("USER alice@example.test")).startsWith("+OK");
                assertThat(p.cmd("PASS nope")).startsWith("-ERR [AUTH]");
                assertThat(p.cmd("USER alice@example.test")).startsWith("+OK");
                assertThat(p.cmd("PASS alice pw")).startsWith("+OK");
            }
            try (LineClient m = LineClient.greeted("127.0.0.1", smtp)) {
                m.smtp("EHLO client.test");
                assertThat(m.smtp("AUTH PLAIN " + plain("alice@example.test", "bad"))).startsWith("535 5.7.8");
                assertThat(m.smtp("AUTH PLAIN " + plain("alice@example.test", "alice pw"))).startsWith("235 2.7.0");
            }
            String log = awaitLog(s, "login ok: protocol=smtp");
            assertThat(log)
                    .contains("login failed: protocol=imap mechanism=login-command user=\"alice@example.test\" ip=127.0.0.1 reason=\"invalid credentials\"")
                    .contains("login ok: protocol=imap mechanism=PLAIN user=\"alice@example.test\" ip=127.0.0.1")
                    .contains("login failed: protocol=pop3 mechanism=user-pass user=\"alice@example.test\" ip=127.0.0.1 reason=\"invalid credentials\"")
                    .contains("login ok: protocol=pop3 mechanism=user-pass user=\"alice@example.test\" ip=127.0.0.1")
                    .contains("login failed: protocol=smtp mechanism=PLAIN user=\"alice@example.test\" ip=127.0.0.1 reason=\"invalid credentials\"")
                    .contains("login ok: protocol=smtp mechanism=PLAIN user=\"alice@example.test\" ip=127.0.0.1")
                    .doesNotContain("alice pw");

            // bob from 127.0.0.3: 2 failures refuse the pair (bob, 127.0.0.3), even with the right password
            try (LineClient i = LineClient.greeted("127.0.0.3", imap)) {
                assertThat(i.imap("a", "LOGIN bob@example.test x1").getLast()).contains("a NO [AUTHENTICATIONFAILED]");
                assertThat(i.imap("b", "LOGIN bob@example.test x2").getLast()).contains("b NO [AUTHENTICATIONFAILED]");
            }
            try (LineClient i = LineClient.greeted("127.0.0.3", imap)) {
                assertThat(i.imap("a", "LOGIN bob@example.test \"bob pw\"").getLast()).contains("a NO [UNAVAILABLE]");
            }
            assertThat(awaitLog(s, "login refused: protocol=imap")).contains("login refused: protocol=imap mechanism=login-command "
                    + "user=\"bob@example.test\" ip=127.0.0.3 reason=\"too many failed logins for this user from this IP\" retry_after=");
            Result unblock = ok(SurelProcess.cli((String) null, "--config", c, "auth", "unblock", "bob@example.test"));
            assertThat(unblock.out()).contains("refusal of user bob@example.test lifted");
            try (LineClient i = LineClient.greeted("127.0.0.3", imap)) {
                assertThat(i.imap("a", "LOGIN bob@example.test \"bob pw\"").getLast()).contains("a OK");
            }

            // 127.0.0.2: 4 failures (unknown users too) refuse the IP for everyone, in every protocol
            try (LineClient p = LineClient.greeted("127.0.0.2", pop3)) {
                for (String u : new String[] {"carol", "dave", "erin", "frank"}) {
                    assertThat(p.cmd("USER " + u + "@example.test")).startsWith("+OK");
                    assertThat(p.cmd("PASS guess")).startsWith("-ERR [AUTH]");
                }
                assertThat(p.cmd("USER alice@example.test")).startsWith("+OK");
                assertThat(p.cmd("PASS alice pw")).startsWith("-ERR [SYS/TEMP]");
            }
            try (LineClient m = LineClient.greeted("127.0.0.2", smtp)) {
                m.smtp("EHLO client.test");
                assertThat(m.smtp("AUTH PLAIN " + plain("alice@example.test", "alice pw"))).startsWith("454 4.7.0");
            }
            assertThat(awaitLog(s, "login refused: protocol=smtp")).contains("login failed: protocol=pop3 mechanism=user-pass "
                            + "user=\"carol@example.test\" ip=127.0.0.2 reason=\"invalid credentials\"")
                    .contains("login refused: protocol=pop3 mechanism=user-pass user=\"alice@example.test\" ip=127.0.0.2 "
                            + "reason=\"too many failed logins from this IP\"")
                    .contains("login refused: protocol=smtp mechanism=PLAIN user=\"alice@example.test\" ip=127.0.0.2 "
                            + "reason=\"too many failed logins from this IP\"");
            Result ip = ok(SurelProcess.cli((String) null, "--config", c, "auth", "unblock", "127.0.0.2"));
            assertThat(ip.out()).contains("refusal of IP 127.0.0.2 lifted");
            try (LineClient m = LineClient.greeted("127.0.0.2", smtp)) {
                m.smtp("EHLO client.test");
                assertThat(m.smtp("AUTH PLAIN " + plain("alice@example.test", "alice pw"))).startsWith("235 2.7.0");
            }
            Result again = ok(SurelProcess.cli((String) null, "--config", c, "auth", "unblock", "127.0.0.2"));
            assertThat(again.out()).contains("IP 127.0.0.2 was not refused");

            // a user name with CR LF (an IMAP literal) cannot forge a log line
            try (LineClient i = LineClient.greeted("127.0.0.1", imap)) {
                String forged = "x\r\nlogin ok: protocol=imap";
                i.send("f LOGIN {" + forged.length() + "+}\r\n" + forged + " pw\r\n");
                assertThat(i.untilTagged("f").getLast()).contains("f NO [AUTHENTICATIONFAILED]");
            }
            assertThat(awaitLog(s, "mechanism=login-command user=\"x\\u000d\\u000alogin ok: protocol=imap\""))
                    .doesNotContainPattern("(?m)^login ok: protocol=imap ");
            s.stop();
        }
        Result offline = ok(SurelProcess.cli((String) null, "--config", c, "auth", "unblock", "127.0.0.2"));
        assertThat(offline.out()).contains("no server is running: nothing to lift");
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The server's log once it contains {@code text} (log lines may trail the replies a little). */
    private static String awaitLog(Server s, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!s.output().contains(text) && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(s.output()).contains(text);
        return s.output();
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}
