package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.cli.Main;
import dev.surel.config.ConfigLoader;
import dev.surel.server.SurelServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code surel sieve put|get|list|activate|deactivate|delete} through a running server's admin
 * channel (put FILE read by the CLI process, relative to its own working directory; put - from
 * standard input), then in a separate process on the data directory with no server: the same
 * scripts, the checker's "line N" message for a broken one, sysexits exit codes.
 */
class SieveCliTest {

    @TempDir Path dir;

    static final String USER = "alice@example.test";
    static final String SCRIPT = "require \"fileinto\";\r\nfileinto \"Lists\";\r\n";

    @Test
    void sieveCommandsWorkThroughTheRunningServerAndWithout() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mx.example.test\"\ndata_dir = \"data\"\n[sieve]\nmax_scripts = 3\n");
        Files.writeString(dir.resolve("filters.sieve"), SCRIPT);
        Files.write(dir.resolve("broken.sieve"), "keep;\r\nstop;\0\r\n".getBytes(StandardCharsets.UTF_8));
        Path data = dir.resolve("data");
        try (SurelServer server = Main.startServer(ConfigLoader.load(cfg), Clock.systemUTC())) {
            server.services().directory().addDomain("example.test");
            server.services().directory().addUser(USER, "a long password".toCharArray());
            long alice = server.services().directory().findUser(USER).orElseThrow().id();

            SurelProcess.Result put = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "put", USER, "filters", "filters.sieve");
            assertThat(put.exit()).as(put.toString()).isZero();
            assertThat(put.err()).contains("stored the new script filters of " + USER);
            assertThat(server.services().sieveScripts().get(alice, "filters")).isEqualTo(SCRIPT);

            SurelProcess.Result stdin = SurelProcess.cli(dir, "keep;\n".getBytes(StandardCharsets.UTF_8),
                    "--config", cfg.toString(), "sieve", "put", USER, "Urlaub für Jörg", "-");
            assertThat(stdin.exit()).as(stdin.toString()).isZero();
            assertThat(server.services().sieveScripts().get(alice, "Urlaub für Jörg")).isEqualTo("keep;\n");

            SurelProcess.Result broken = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "put", USER, "broken", "broken.sieve");
            assertThat(broken.exit()).as(broken.toString()).isEqualTo(65);
            assertThat(broken.err()).contains("script not stored: line 2: NUL character in the script");
            SurelProcess.Result missing = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "put", USER, "x", "nope.sieve");
            assertThat(missing.exit()).as(missing.toString()).isEqualTo(66);

            AdminRun activate = AdminRun.admin(data, "sieve", "activate", USER, "filters");
            assertThat(activate.exit()).as(activate.toString()).isZero();
            assertThat(server.services().sieveScripts().active(alice)).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("filters"));
            AdminRun list = AdminRun.admin(data, "sieve", "list", USER);
            assertThat(list.exit()).isZero();
            assertThat(list.out()).matches("- 6 \\S+ Urlaub für Jörg\nactive " + SCRIPT.length() + " \\S+ filters\n");
            AdminRun get = AdminRun.admin(data, "sieve", "get", USER, "filters");
            assertThat(get.exit()).isZero();
            assertThat(get.out()).isEqualTo(SCRIPT);

            assertThat(AdminRun.admin(data, "sieve", "delete", USER, "filters").exit()).as("active").isEqualTo(65);
            assertThat(AdminRun.admin(data, "sieve", "get", USER, "nope").exit()).isEqualTo(66);
            assertThat(AdminRun.admin(data, "sieve", "list", "nobody@example.test").exit()).isEqualTo(67);
            assertThat(AdminRun.admin(data, "sieve", "put", USER, "a\tb", "-").exit()).as("bad name").isEqualTo(65);
            assertThat(AdminRun.admin(data, "sieve", "deactivate", USER).exit()).isZero();
            assertThat(server.services().sieveScripts().active(alice)).isEmpty();
            AdminRun delete = AdminRun.admin(data, "sieve", "delete", USER, "Urlaub für Jörg");
            assertThat(delete.exit()).as(delete.toString()).isZero();
            assertThat(server.services().sieveScripts().list(alice)).extracting(s -> s.name()).containsExactly("filters");
        }

        // no server: the CLI works on the data directory itself
        SurelProcess.Result put = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "put", USER, "second", "filters.sieve");
        assertThat(put.exit()).as(put.toString()).isZero();
        SurelProcess.Result activate = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "activate", USER, "second");
        assertThat(activate.exit()).as(activate.toString()).isZero();
        SurelProcess.Result list = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "list", USER);
        assertThat(list.out()).contains("- " + SCRIPT.length() + " ").contains(" filters\n").contains("active " + SCRIPT.length() + " ");
        SurelProcess.Result broken = SurelProcess.cli(dir, null, "--config", cfg.toString(), "sieve", "put", USER, "b", "broken.sieve");
        assertThat(broken.exit()).isEqualTo(65);
        assertThat(broken.err()).contains("line 2: NUL character").doesNotContain("Exception");
    }
}
