package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting, and finding the store, as an administrator meets it with the real CLI: a start that
 * fails says why in words ("is not a directory", "permission denied", "Address already in use")
 * and leaves no {@code data/} or {@code tls/} it made; an administrative command run where no
 * store is refuses, naming the path it looked at and the option that would create one, and
 * creates nothing; {@code serve} creates the store on its first start, as the README says; a
 * host name that is not fully qualified is warned about.
 */
class StartErrorsTest {

    @TempDir Path dir;

    private Path config(String name, String dataDir, String listen) throws IOException {
        Path cfg = dir.resolve(name);
        Files.writeString(cfg, "hostname = \"mail.example.test\"\n" + (dataDir == null ? "" : "data_dir = \"" + dataDir + "\"\n")
                + "[listen]\nimap = \"" + listen + "\"\n[auth]\nargon2_memory_kib = 64\nargon2_iterations = 1\n");
        return cfg;
    }

    @Test
    void aDataDirThatIsAFileOrUnderOneIsNamed() throws Exception {
        Files.writeString(dir.resolve("afile"), "not a directory");
        Result file = SurelProcess.cli((String) null, "serve", "--config", config("a.toml", "afile", "127.0.0.1:0").toString());
        assertThat(file.exit()).as(file.toString()).isEqualTo(1);
        assertThat(file.err()).contains("surel: cannot start: " + dir.resolve("afile") + " is not a directory");
        Result under = SurelProcess.cli((String) null, "serve", "--config", config("b.toml", "afile/data", "127.0.0.1:0").toString());
        assertThat(under.exit()).as(under.toString()).isEqualTo(1);
        assertThat(under.err()).contains("surel: cannot start: " + dir.resolve("afile") + " is not a directory");
        assertThat(Files.readString(dir.resolve("afile"))).isEqualTo("not a directory");
    }

    @Test
    void permissionDeniedIsSaid() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        Result start = unprivileged("serve", "--config", config("ro.toml", "ro/data", "127.0.0.1:0").toString());
        assertThat(start.exit()).as(start.toString()).isEqualTo(1);
        assertThat(start.err()).contains("surel: cannot start: " + ro.resolve("data") + ": permission denied");

        Path data = Files.createDirectory(dir.resolve("data"));
        Path cfg = config("d.toml", "data", "127.0.0.1:0");
        assertThat(SurelProcess.cli((String) null, "--config", cfg.toString(), "domain", "add", "example.test").exit()).isZero();
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("---------"));
        Result cli = unprivileged("--config", cfg.toString(), "domain", "list");
        assertThat(cli.exit()).as(cli.toString()).isEqualTo(77);
        assertThat(cli.err()).contains("surel: cannot open the store: " + data + ": permission denied")
                .doesNotContain("no Surel store").doesNotContain("\tat ");
        Result serve = unprivileged("serve", "--config", cfg.toString());
        assertThat(serve.exit()).as(serve.toString()).isEqualTo(1);
        assertThat(serve.err()).contains("surel: cannot start: " + data + ": permission denied");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void aFailedFirstStartLeavesNothingBehindAndALaterOneKeepsTheStore() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String busy = "127.0.0.1:" + taken.getLocalPort();
            Path cfg = config("busy.toml", "data", busy);
            Result r = SurelProcess.cli((String) null, "serve", "--config", cfg.toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("cannot listen on " + busy + " for imap: Address already in use");
            assertThat(dir.resolve("data")).as("no data/ (nor its tls/) after a failed first start").doesNotExist();

            // an existing store survives a failed start, and the start takes back only what it added (tls/)
            assertThat(SurelProcess.cli((String) null, "--config", cfg.toString(), "domain", "add", "example.test").exit()).isZero();
            List<String> before = names(dir.resolve("data"));
            Result again = SurelProcess.cli((String) null, "serve", "--config", cfg.toString());
            assertThat(again.exit()).as(again.toString()).isEqualTo(1);
            assertThat(names(dir.resolve("data"))).isEqualTo(before).doesNotContain("tls");
            assertThat(SurelProcess.cli((String) null, "--config", cfg.toString(), "domain", "list").out()).contains("example.test");
        }
    }

    @Test
    void adminCommandsRefuseToCreateAStoreWhereNoneIsUnlessAsked() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
        Result r = SurelProcess.cli(elsewhere, "pw\n".getBytes(StandardCharsets.UTF_8), "user", "add", "alice@example.test");
        assertThat(r.exit()).as(r.toString()).isEqualTo(66);
        assertThat(r.err()).contains("no Surel store in " + elsewhere.resolve("data"))
                .contains("working directory " + elsewhere).contains("--create").contains("--config");
        Path noDataDir = config("nodatadir.toml", null, "127.0.0.1:0");
        Result check = SurelProcess.cli(elsewhere, null, "check", "--config", noDataDir.toString());
        assertThat(check.exit()).as(check.toString()).isEqualTo(66);
        assertThat(check.err()).contains(noDataDir + " does not set data_dir");
        assertThat(names(elsewhere)).as("nothing created").isEmpty();

        Result created = SurelProcess.cli(elsewhere, null, "domain", "add", "example.test", "--create");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.err()).contains("creating a new, empty one");
        assertThat(elsewhere.resolve("data/surel.db")).exists();
        Result found = SurelProcess.cli(elsewhere, null, "domain", "list");
        assertThat(found.exit()).as(found.toString()).isZero();
        assertThat(found.out()).contains("example.test");
        assertThat(found.err()).isEmpty();
    }

    @Test
    void serveCreatesTheStoreOnItsFirstStartAndWarnsAboutABareHostName() throws Exception {
        Path home = Files.createDirectory(dir.resolve("home"));
        Path cfg = dir.resolve("bare.toml");
        Files.writeString(cfg, "hostname = \"mailhost\"\n[listen]\nimap = \"127.0.0.1:0\"\n");
        try (Server s = Server.start(cfg, home.resolve("data"), home)) {
            awaitLog(s, "Surel ready");
            assertThat(s.output()).contains("creating a new store in " + home.resolve("data"))
                    .contains("hostname \"mailhost\" is not a fully qualified domain name");
            s.stop();
        }
        assertThat(home.resolve("data/surel.db")).exists();
        Path fq = config("fq.toml", "fq", "127.0.0.1:0");
        try (Server s = Server.start(fq, dir.resolve("fq"))) {
            awaitLog(s, "Surel ready");
            assertThat(s.output()).doesNotContain("fully qualified");
            s.stop();
        }
    }

    private static void awaitLog(Server s, String text) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!s.output().contains(text) && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The CLI without the power to ignore file permissions: as root (tests usually run as root
     * here) through {@code setpriv} dropping CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so mode
     * bits apply as they do to an ordinary user.
     */
    static Result unprivileged(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(Path.of("/usr/bin/setpriv")).as("setpriv (Debian package util-linux) is needed: apt-get install util-linux")
                    .exists();
            cmd.addAll(List.of("/usr/bin/setpriv", "--bounding-set=-dac_override,-dac_read_search",
                    "--inh-caps=-dac_override,-dac_read_search", "--"));
        }
        cmd.addAll(SurelProcess.command(List.of(args)));
        Process p = new ProcessBuilder(cmd).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("surel did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
