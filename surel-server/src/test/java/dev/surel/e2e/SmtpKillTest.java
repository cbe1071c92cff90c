package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4: "250 after DATA means the message is on disk": a real {@code surel serve} is killed
 * with SIGKILL right after it answered 250 to DATA; after a restart the message is in the
 * recipient's INBOX and the store checks clean.
 */
class SmtpKillTest {

    @TempDir Path dir;

    @Test
    void messageAcknowledgedWith250SurvivesKill9() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mx.example.test"
                data_dir = "data"
                [listen]
                smtp = "127.0.0.1:0"
                [auth]
                argon2_memory_kib = 64
                argon2_iterations = 1
                """);
        Path data = dir.resolve("data");
        String c = cfg.toString();
        ok(SurelProcess.cli((String) null, "--config", c, "domain", "add", "example.test"));
        ok(SurelProcess.cli("alice passphrase\n", "--config", c, "user", "add", "alice@example.test"));

        try (Server s = Server.start(cfg, data)) {
            int port = s.ports().get("smtp");
            try (Socket sock = new Socket("127.0.0.1", port)) {
                sock.setSoTimeout(20_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(sock.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = sock.getOutputStream();
                assertThat(in.readLine()).startsWith("220 ");
                out.write("EHLO killer.example\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String l;
                while ((l = in.readLine()).startsWith("250-")) { }
                out.write(("MAIL FROM:<a@remote.example>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("250 2.1.0");
                assertThat(in.readLine()).startsWith("250 2.1.5");
                assertThat(in.readLine()).startsWith("354");
                out.write("Subject: survive\r\n\r\nkill -9 me\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(in.readLine()).startsWith("250 2.0.0");
                s.kill(); // SIGKILL right after the 250
            }
        }
        try (Server s = Server.start(cfg, data)) {
            // the 250 meant "in the queue on disk": after the restart the queue delivers it to the INBOX
            // asynchronously (it may not have done so before the kill), so poll for up to 10 s
            long deadline = System.nanoTime() + 10_000_000_000L;
            Result list = ok(SurelProcess.cli((String) null, "--config", c, "user", "list"));
            while (!list.out().contains("alice@example.test  messages 1/") && System.nanoTime() < deadline) {
                Thread.sleep(100);
                list = ok(SurelProcess.cli((String) null, "--config", c, "user", "list"));
            }
            assertThat(list.out()).contains("alice@example.test  messages 1/");
            s.stop();
        }
        Result check = ok(SurelProcess.cli((String) null, "--config", c, "check"));
        assertThat(check.out()).contains("store check: OK").contains("1 messages");
    }

    private static Result ok(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }
}
