package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.server.SurelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surel dkim generate|list|rotate|activate|remove} through a running server's admin
 * channel, then in a separate process on the data directory with no server: the same commands,
 * the same files, sysexits exit codes, key files 0600.
 */
class DkimCliTest {

    @TempDir Path dir;

    @Test
    void dkimCommandsWorkThroughTheRunningServerAndWithout() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n");
        Path data = dir.resolve("data");
        String rsaSelector;
        try (SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC())) {
            server.services().directory().addDomain("example.test");

            AdminRun unknown = AdminRun.admin(data, "dkim", "generate", "nowhere.test");
            assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(67);
            assertThat(unknown.err()).contains("no local domain nowhere.test");

            AdminRun ed = AdminRun.admin(data, "dkim", "generate", "example.test", "--selector", "ed1", "--algorithm", "ed25519");
            assertThat(ed.exit()).as(ed.toString()).isZero();
            assertThat(ed.out()).matches("ed1\\._domainkey\\.example\\.test\\. TXT \"v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=\"\\n");
            AdminRun rsa = AdminRun.admin(data, "dkim", "generate", "example.test");
            assertThat(rsa.exit()).as(rsa.toString()).isZero();
            Matcher m = Pattern.compile("^(rsa\\d{8})\\._domainkey\\.example\\.test\\. TXT \"v=DKIM1; k=rsa; p=[^\"]+\" \"[^\"]+\"\\n$")
                    .matcher(rsa.out());
            assertThat(m.matches()).as(rsa.out()).isTrue();
            rsaSelector = m.group(1);
            assertThat(server.services().dkim().signingKeys("example.test")).hasSize(2);

            assertThat(AdminRun.admin(data, "dkim", "generate", "example.test").exit()).as("a second active rsa key").isEqualTo(65);
            assertThat(AdminRun.admin(data, "dkim", "generate", "example.test", "--selector", "ed1", "--algorithm", "rsa").exit())
                    .as("selector taken").isEqualTo(73);
            assertThat(AdminRun.admin(data, "dkim", "generate", "example.test", "--selector", "bad/sel").exit()).isEqualTo(65);
            assertThat(AdminRun.admin(data, "dkim", "generate", "example.test", "--algorithm", "dsa").exit()).isEqualTo(64);

            AdminRun rotate = AdminRun.admin(data, "dkim", "rotate", "example.test", "--algorithm", "ed25519");
            assertThat(rotate.exit()).as(rotate.toString()).isZero();
            assertThat(rotate.err()).contains("is pending").contains("surel dkim activate example.test ");
            String pending = rotate.out().substring(0, rotate.out().indexOf("._domainkey"));
            assertThat(AdminRun.admin(data, "dkim", "rotate", "example.test").exit()).as("two algorithms active: which?").isEqualTo(64);

            AdminRun list = AdminRun.admin(data, "dkim", "list");
            assertThat(list.exit()).isZero();
            assertThat(list.out()).contains("example.test ed1 ed25519 active ").contains("example.test " + rsaSelector + " rsa active ")
                    .contains("example.test " + pending + " ed25519 pending ").contains("  " + pending + "._domainkey.example.test. TXT \"v=DKIM1");

            AdminRun activate = AdminRun.admin(data, "dkim", "activate", "example.test", pending);
            assertThat(activate.exit()).as(activate.toString()).isZero();
            assertThat(activate.out()).isEqualTo(pending + "._domainkey.example.test ed25519 active\ned1._domainkey.example.test ed25519 retired\n");
            assertThat(server.services().dkim().signingKeys("example.test")).extracting(k -> k.selector())
                    .containsExactlyInAnyOrder(pending, rsaSelector);

            assertThat(AdminRun.admin(data, "dkim", "remove", "example.test", pending).exit()).as("active").isEqualTo(65);
            assertThat(AdminRun.admin(data, "dkim", "remove", "example.test", "nope").exit()).isEqualTo(66);
            AdminRun remove = AdminRun.admin(data, "dkim", "remove", "example.test", "ed1");
            assertThat(remove.exit()).as(remove.toString()).isZero();
            assertThat(data.resolve("dkim/example.test/ed1.pem")).doesNotExist();
        }
        try (Stream<Path> files = Files.list(data.resolve("dkim/example.test"))) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
            }
        }

        // no server: the CLI works on the data directory itself
        SurelProcess.Result list = SurelProcess.cli((String) null, "--config", cfg.toString(), "dkim", "list", "example.test");
        assertThat(list.exit()).as(list.toString()).isZero();
        assertThat(list.out()).contains(" " + rsaSelector + " rsa active ").doesNotContain(" ed1 ");
        SurelProcess.Result rotate = SurelProcess.cli((String) null, "--config", cfg.toString(), "dkim", "rotate", "example.test",
                "--algorithm", "rsa");
        assertThat(rotate.exit()).as(rotate.toString()).isZero();
        String next = rotate.out().substring(0, rotate.out().indexOf("._domainkey"));
        SurelProcess.Result activate = SurelProcess.cli((String) null, "--config", cfg.toString(), "dkim", "activate", "example.test", next);
        assertThat(activate.exit()).as(activate.toString()).isZero();
        assertThat(activate.out()).contains(next + "._domainkey.example.test rsa active").contains(rsaSelector + "._domainkey.example.test rsa retired");
        SurelProcess.Result unknown = SurelProcess.cli((String) null, "--config", cfg.toString(), "dkim", "list", "nowhere.test");
        assertThat(unknown.exit()).isEqualTo(67);
        assertThat(unknown.err()).contains("no local domain nowhere.test").doesNotContain("Exception");

        // and a server started again signs with what the CLI activated
        try (SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC())) {
            assertThat(server.services().dkim().signingKeys("example.test")).extracting(k -> k.selector()).contains(next)
                    .doesNotContain(rsaSelector);
        }
    }
}
