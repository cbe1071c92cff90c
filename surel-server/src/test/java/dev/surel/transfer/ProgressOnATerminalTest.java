package dev.surel.transfer;

import static dev.surel.transfer.ImportExportRoundTripTest.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: on a terminal {@code surel import} and {@code surel export} draw a progress bar
 * (redrawn in place with CR, erased before the summary line); off a terminal (a script, a log)
 * there is no bar, only the summary line. The terminal is a real pseudo-terminal: the CLI runs
 * under util-linux's {@code script}, as it would in an administrator's shell.
 */
class ProgressOnATerminalTest {

    @TempDir Path dir;

    /** Runs the CLI on a pseudo-terminal; returns what the terminal showed (stdout and stderr together). */
    static String onATerminal(Path dir, String... args) throws Exception {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "script"))) return runScript(dir, args);
        }
        return fail("script is not installed: apt-get install -y bsdutils");
    }

    private static String runScript(Path dir, String... args) throws Exception {
        String cmd = SurelCli.command(List.of(args)).stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Path out = Files.createTempFile(dir, "tty-", ".out");
        Process p = new ProcessBuilder("script", "-qec", cmd + "; echo \"exit=$?\"", "/dev/null")
                .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("script did not finish in 300 s:\n" + Files.readString(out));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void aBarOnATerminalNoneOffIt() throws Exception {
        Path cfg = ImportExportRoundTripTest.store(dir, "alice@example.test", "bob@example.test");
        String c = cfg.toString();
        Path maildir = dir.resolve("Maildir");
        TestMaildir.write(maildir, ImportExportRoundTripTest.SPECS, 5, true);

        String tty = onATerminal(dir, "--config", c, "import", "alice@example.test", "--maildir", maildir.toString());
        assertThat(tty).as(tty).contains("exit=0");
        assertThat(tty).as(tty).contains("\rimporting [").contains("/91").contains("INBOX");
        // the bar is erased, then the summary line stands alone
        assertThat(tty).as(tty).contains("\r\033[Kimported 91 message(s)");

        String export = onATerminal(dir, "--config", c, "export", "alice@example.test", "--mbox", dir.resolve("out").toString());
        assertThat(export).as(export).contains("exit=0").contains("\rexporting [").contains("/91")
                .contains("\r\033[Kexported 91 message(s)");

        // off a terminal: the summary line only
        SurelCli.Result plain = ok(SurelCli.run(null, "--config", c, "import", "bob@example.test", "--maildir", maildir.toString()));
        assertThat(plain.out()).startsWith("imported 91 message(s)");
        assertThat(plain.err()).doesNotContain("importing [").doesNotContain("\r");
    }
}
