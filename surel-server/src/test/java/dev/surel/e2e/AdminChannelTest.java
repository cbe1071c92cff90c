package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.admin.AdminClient;
import dev.surel.admin.AdminProtocol;
import dev.surel.admin.AdminSecret;
import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.server.SurelServer;
import dev.surel.store.ChangeBus;
import dev.surel.store.StoreEvent;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a server running, the CLI's changes go through the server itself: a message delivered
 * by {@code surel deliver} (a separate process) shows up on the running server's change bus,
 * which is what IDLE sessions will listen to. The channel refuses a wrong secret.
 */
class AdminChannelTest {

    @TempDir Path dir;

    @Test
    void cliChangesReachTheRunningServersChangeBus() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n");
        Path data = dir.resolve("data");
        try (SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC())) {
            server.services().directory().addDomain("example.test");
            long alice = server.services().directory().addUser("alice@example.test", "pw".toCharArray()).id();
            assertThat(Files.getPosixFilePermissions(data.resolve(AdminSecret.FILE)))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(data.resolve(AdminProtocol.SOCKET)))
                    .doesNotContain(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE,
                            PosixFilePermission.OTHERS_READ);

            try (ChangeBus.Subscription events = server.services().store().changeBus().subscribe(alice)) {
                SurelProcess.Result r = SurelProcess.cli("From someone Mon Nov 23 00:00:00 2026\nSubject: via cli\n\nbody\n",
                        "--config", cfg.toString(), "deliver", "--to", "alice@example.test");
                assertThat(r.exit()).as(r.toString()).isZero();
                StoreEvent e = events.poll(10, TimeUnit.SECONDS);
                assertThat(e).isInstanceOf(StoreEvent.MessageAdded.class);
            }
            long inbox = server.services().store().mailbox(alice, "INBOX").id();
            try (var in = server.services().store().open(alice, inbox, 1).in()) {
                assertThat(new String(in.readAllBytes())).isEqualTo("Subject: via cli\r\n\r\nbody\r\n");
            }

            // a client with the wrong secret is refused with EX_NOPERM and nothing runs
            String good = AdminSecret.read(data);
            Files.writeString(data.resolve(AdminSecret.FILE), "0".repeat(64) + "\n");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data,
                    List.of("domain", "add", "evil.test"), null, out, err);
            Files.writeString(data.resolve(AdminSecret.FILE), good + "\n");
            assertThat(code).isEqualTo(AdminProtocol.NOPERM);
            assertThat(err.toString()).contains("admin secret does not match");
            assertThat(server.services().directory().findDomain("evil.test")).isEmpty();

            // serve is not an admin command: the channel refuses it
            code = AdminClient.run(AdminClient.connect(data).orElseThrow(), data, List.of("serve"), null, out, err);
            assertThat(code).isEqualTo(64);
            assertThat(Set.of(server.boundAddresses().keySet().toArray())).isEmpty();
        }
    }
}
