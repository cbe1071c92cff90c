package dev.surel.managesieve;

import static dev.surel.testkit.TestData.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.net.Endpoint;
import dev.surel.testkit.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with Debian's {@code sieve-connect} (a ManageSieve client, RFC 5804): it connects in
 * clear text, upgrades with STARTTLS (the test certificate, not verified), logs in with PLAIN,
 * then uploads, lists, activates, downloads, checks and deletes scripts; a broken script is
 * refused with the checker's "line N" message.
 */
class SieveConnectInteropTest {

    private static final String PASSWORD = "alice's long password";

    @TempDir Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run sieveConnect(TestServer t, String... args) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/sieve-connect"))) {
            throw new AssertionError("sieve-connect is not installed: apt-get install -y sieve-connect");
        }
        List<String> cmd = new ArrayList<>(List.of("sieve-connect", "--server", "127.0.0.1",
                "--port", Integer.toString(t.port(Endpoint.MANAGESIEVE)), "--user", ALICE, "--passwordfd", "0", "--notlsverify",
                "--noclearauth"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(t.dir().toFile());
        Path out = Files.createTempFile(t.dir(), "out", ".txt");
        Path err = Files.createTempFile(t.dir(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sieve-connect did not finish: " + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void uploadListActivateDownloadCheckAndDelete() throws Exception {
        try (TestServer t = TestServer.setup().listen(Endpoint.MANAGESIEVE).user(ALICE, PASSWORD).start(dir)) {
            String script = "require \"fileinto\";\r\nif header :contains \"subject\" \"[list]\" {\r\n  fileinto \"Lists\";\r\n}\r\n";
            Path local = dir.resolve("filters.sieve");
            Files.writeString(local, script);

            Run up = sieveConnect(t, "--upload", "--localsieve", local.toString(), "--remotesieve", "filters");
            assertThat(up.exit()).as(up.toString()).isZero();
            assertThat(t.services().sieveScripts().get(t.alice(), "filters")).isEqualTo(script);

            Run act = sieveConnect(t, "--activate", "--remotesieve", "filters");
            assertThat(act.exit()).as(act.toString()).isZero();
            assertThat(t.services().sieveScripts().active(t.alice())).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("filters"));

            Run list = sieveConnect(t, "--list");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).isEqualTo("\"filters\" ACTIVE\n");

            Path back = dir.resolve("back.sieve");
            Run down = sieveConnect(t, "--download", "--remotesieve", "filters", "--localsieve", back.toString());
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(Files.readString(back)).isEqualTo(script);

            Path broken = dir.resolve("broken.sieve");
            Files.write(broken, "keep;\r\n# fine so far\r\nstop;\0\r\n".getBytes(StandardCharsets.UTF_8));
            Run bad = sieveConnect(t, "--upload", "--localsieve", broken.toString(), "--remotesieve", "broken");
            assertThat(bad.exit()).as(bad.toString()).isNotZero();
            assertThat(bad.err()).contains("PUTSCRIPT(broken) failed: NO \"line 3: NUL character in the script\"");
            Run check = sieveConnect(t, "--checkscript", "--localsieve", broken.toString());
            assertThat(check.exit()).as(check.toString()).isNotZero();
            assertThat(check.err()).contains("NO \"line 3: NUL character in the script\"");
            assertThat(sieveConnect(t, "--checkscript", "--localsieve", local.toString()).exit()).isZero();

            Run delActive = sieveConnect(t, "--delete", "--remotesieve", "filters");
            assertThat(delActive.err()).contains("ACTIVE");
            assertThat(sieveConnect(t, "--deactivate").exit()).isZero();
            Run del = sieveConnect(t, "--delete", "--remotesieve", "filters");
            assertThat(del.exit()).as(del.toString()).isZero();
            assertThat(t.services().sieveScripts().list(t.alice())).isEmpty();
        }
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        try (TestServer t = TestServer.setup().listen(Endpoint.MANAGESIEVE).user(ALICE, "another password").start(dir)) {
            Run r = sieveConnect(t, "--list");
            assertThat(r.exit()).as(r.toString()).isNotZero();
            assertThat(r.err()).contains("authentication failed");
        }
    }
}
