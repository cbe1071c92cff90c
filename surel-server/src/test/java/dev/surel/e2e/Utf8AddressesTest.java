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
 * Users, aliases and the catch-all with UTF-8 local parts (RFC 6531), end to end: created with
 * the real CLI from UTF-8 arguments, mail to them accepted over SMTP with SMTPUTF8 (RFC 6531
 * §3.4) and refused without it (553 5.6.7), and the user logs in with the UTF-8 name over IMAP
 * (LOGIN with a quoted UTF-8 string, RFC 9051 §4.3 / RFC 6855 §5; AUTHENTICATE PLAIN, RFC 4616)
 * and POP3 (USER, advertised as {@code UTF8 USER}, RFC 6856 §2; AUTH PLAIN).
 */
class Utf8AddressesTest {

    @TempDir Path dir;

    @Test
    void utf8UsersAliasesAndCatchAllOverTheCliSmtpImapAndPop3() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                smtp = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                pop3 = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                """);
        String c = cfg.toString();
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "example.test"));
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "catch.test"));
        assertThat(ok(SurelProcess.cli("jörgs pw\n", "--config", c, "user", "add", "Jörg@example.test")).out())
                .contains("user Jörg@example.test added");
        ok(SurelProcess.cli((String) null, "--config", c, "alias", "add", "verkäufe@example.test", "jörg@example.test"));
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "catchall", "catch.test", "jörg@example.test"));
        assertThat(ok(SurelProcess.cli((String) null, "--config", c, "user", "list")).out()).contains("jörg@example.test");
        assertThat(ok(SurelProcess.cli((String) null, "--config", c, "alias", "list")).out())
                .contains("verkäufe@example.test -> jörg@example.test");

        try (Server s = Server.start(cfg, dir.resolve("data"))) {
            Map<String, Integer> ports = s.ports();
            try (LineClient m = LineClient.greeted("127.0.0.1", ports.get("smtp"))) {
                assertThat(m.smtp("EHLO client.test")).contains("250-SMTPUTF8");
                // without SMTPUTF8 a UTF-8 address is refused (RFC 6531 §3.4)
                assertThat(m.smtp("MAIL FROM:<sender@remote.test>")).startsWith("250");
                assertThat(m.smtp("RCPT TO:<jörg@example.test>")).startsWith("553 5.6.7");
                assertThat(m.smtp("RSET")).startsWith("250");
                assertThat(m.smtp("MAIL FROM:<sender@remote.test> SMTPUTF8")).startsWith("250");
                assertThat(m.smtp("RCPT TO:<JÖRG@example.test>")).startsWith("250 2.1.5");
                assertThat(m.smtp("RCPT TO:<verkäufe@example.test>")).startsWith("250 2.1.5");
                assertThat(m.smtp("RCPT TO:<用户@catch.test>")).as("the catch-all takes a UTF-8 local part").startsWith("250 2.1.5");
                assertThat(m.smtp("RCPT TO:<ünbekannt@example.test>")).startsWith("550 5.1.1");
                assertThat(m.smtp("DATA")).startsWith("354");
                assertThat(m.smtp("Subject: Grüße\r\n\r\nHallo Jörg\r\n.")).startsWith("250 2.0.0");
            }
            String imapLogin;
            try (LineClient i = LineClient.greeted("127.0.0.1", ports.get("imap"))) {
                imapLogin = i.imap("a", "LOGIN \"jörg@example.test\" \"jörgs pw\"").getLast();
                assertThat(imapLogin).contains("a OK");
                // the 250 may come before the queue has delivered (it did on a loaded machine): wait up to 10 s
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (String.join("\n", i.imap("STATUS INBOX (MESSAGES)")).contains("(MESSAGES 0)") && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(i.imap("b", "SELECT INBOX")).as("one copy for the three recipients").contains("* 1 EXISTS");
            }
            try (LineClient i = LineClient.greeted("127.0.0.1", ports.get("imap"))) {
                assertThat(i.imap("a", "AUTHENTICATE PLAIN " + plain("Jörg@example.test", "jörgs pw")).getLast()).contains("a OK");
            }
            try (LineClient p = LineClient.greeted("127.0.0.1", ports.get("pop3"))) {
                assertThat(p.cmd("USER jörg@example.test")).startsWith("+OK");
                assertThat(p.cmd("PASS jörgs pw")).startsWith("+OK");
                assertThat(p.cmd("STAT")).startsWith("+OK 1 ");
                assertThat(p.cmd("QUIT")).startsWith("+OK");
            }
            try (LineClient p = LineClient.greeted("127.0.0.1", ports.get("pop3"))) {
                assertThat(p.cmd("AUTH PLAIN " + plain("jörg@example.test", "jörgs pw"))).startsWith("+OK");
            }
            s.stop();
            assertThat(s.output()).contains("login ok: protocol=imap mechanism=login-command user=\"jörg@example.test\"");
        }
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}
