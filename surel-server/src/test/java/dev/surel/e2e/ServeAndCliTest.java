package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import dev.surel.tls.TestCerts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's "must show": {@code surel serve} with a config of high ports starts, a user
 * created with the CLI survives a restart, and {@code check} passes; the CLI works with and
 * without a running server; a bad key stops the start naming the key and its line.
 */
class ServeAndCliTest {

    @TempDir Path dir;

    private Path config(String extra) throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "data"
                [listen]
                smtp = "127.0.0.1:0"
                submissions = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                imaps = "127.0.0.1:0"
                pop3 = "127.0.0.1:0"
                pop3s = "127.0.0.1:0"
                """ + extra);
        return cfg;
    }

    @Test
    void userCreatedWithTheCliSurvivesARestartAndCheckPasses() throws Exception {
        Path cfg = config("");
        Path data = dir.resolve("data");
        String c = cfg.toString();

        // no server yet: the CLI opens the data directory itself; --config before or after the command
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "Example.TEST"));
        ok(SurelProcess.cli("first passphrase\n", "user", "add", "alice@example.test", "--config", c));
        Result dup = SurelProcess.cli("x\n", "user", "add", "ALICE@example.test", "--config", c);
        assertThat(dup.exit()).as(dup.toString()).isEqualTo(73);

        try (Server s = Server.start(cfg, data)) {
            Map<String, Integer> ports = s.ports();
            assertThat(ports).containsOnlyKeys("smtp", "submissions", "imap", "imaps", "pop3", "pop3s");
            assertThat(ports.values()).allSatisfy(p -> assertThat(p).isPositive());
            long readyBy = System.nanoTime() + 10_000_000_000L; // the log line follows the ports file
            while (!s.output().contains("Surel ready") && System.nanoTime() < readyBy) Thread.sleep(20);
            assertThat(s.output()).contains("Surel ready");

            // each protocol greets, plain or over TLS
            assertThat(firstLine(ports.get("smtp"))).isEqualTo("220 mail.example.test ESMTP Surel");
            assertThat(firstLine(ports.get("imap"))).startsWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2");
            assertThat(firstLine(ports.get("pop3"))).isEqualTo("+OK Surel POP3 server ready");
            TlsGreeting tls = tlsGreeting(ports.get("imaps"));
            assertThat(tls.line()).startsWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2");
            assertThat(tls.protocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(tls.cert().getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                    .contains("mail.example.test", "localhost", "127.0.0.1")
                    .anyMatch(n -> n.equals("0:0:0:0:0:0:0:1") || n.equals("::1"));

            // with the server running the CLI goes through the admin channel (the lock is the server's)
            assertThat(data.resolve("admin.sock")).exists();
            ok(SurelProcess.cli("second passphrase\n", "--config", c, "user", "add", "bob@example.test"));
            ok(SurelProcess.cli("Subject: hi\r\n\r\nhello\r\n", "--config", c, "deliver", "--to", "Alice+news@Example.test"));
            Result list = ok(SurelProcess.cli((String) null, "--config", c, "user", "list"));
            assertThat(list.out()).contains("alice@example.test  messages 1/").contains("bob@example.test");

            // a second server on the same data directory is refused
            Result second = SurelProcess.cli((String) null, "--config", c, "serve");
            assertThat(second.exit()).isNotZero();
            assertThat(second.err()).contains("is in use by another Surel server");
            assertThat(s.ports()).as("the running server's ports file is untouched").isEqualTo(ports);

            s.stop();
            assertThat(s.output()).contains("Surel stopped");
        }
        assertThat(data.resolve("ports")).doesNotExist();

        try (Server s = Server.start(cfg, data)) {
            Result list = ok(SurelProcess.cli((String) null, "--config", c, "user", "list", "example.test"));
            assertThat(list.out().lines().toList()).hasSize(2);
            assertThat(list.out()).contains("alice@example.test  messages 1/").contains("bob@example.test  messages 0/");
            s.stop();
        }
        Result check = ok(SurelProcess.cli((String) null, "--config", c, "check"));
        assertThat(check.out()).contains("store check: OK (12 mailboxes, 1 messages, 1 blobs)");
    }

    @Test
    void badKeyStopsTheStartNamingKeyAndLine() throws Exception {
        Path cfg = config("[limits]\nmax_conections = 5\n");
        Result r = SurelProcess.cli((String) null, "serve", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(78);
        assertThat(r.err()).contains("surel.toml:11: unknown key limits.max_conections")
                .contains("limits.max_connections");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void cliErrorsHaveExitCodesAndNoStackTraces() throws Exception {
        String c = config("").toString();
        Result unknown = SurelProcess.cli("Subject: x\r\n\r\nx\r\n", "--config", c, "deliver", "--to", "nobody@nowhere.test");
        assertThat(unknown.exit()).isEqualTo(67);
        assertThat(unknown.err()).contains("not a local domain: nowhere.test").doesNotContain("Exception");
        Result bad = SurelProcess.cli((String) null, "--config", c, "domain", "add", "bad domain!");
        assertThat(bad.exit()).isEqualTo(65);
        assertThat(bad.err()).doesNotContain("\tat ");
        Result noPassword = SurelProcess.cli("", "--config", c, "user", "add", "x@example.test");
        assertThat(noPassword.exit()).isEqualTo(64);
        assertThat(noPassword.err()).contains("empty password");
        Result usage = SurelProcess.cli((String) null, "--config", c, "user");
        assertThat(usage.exit()).isEqualTo(64);
        assertThat(usage.err()).contains("Usage: surel user");
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static String firstLine(int port) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    record TlsGreeting(String line, String protocol, X509Certificate cert) {
    }

    private static TlsGreeting tlsGreeting(int port) throws Exception {
        try (SSLSocket s = (SSLSocket) TestCerts.trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return new TlsGreeting(line, s.getSession().getProtocol(), (X509Certificate) s.getSession().getPeerCertificates()[0]);
        }
    }
}
