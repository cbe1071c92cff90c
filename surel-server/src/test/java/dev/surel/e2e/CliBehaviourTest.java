package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.e2e.SurelProcess.Result;
import dev.surel.e2e.SurelProcess.Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person meets at the command line, through real CLI processes: {@code --help} on a
 * subcommand, {@code -V} naming the version the build has, two different passwords typed at
 * the prompt (a real terminal, made by Python's {@code pty}) saying so with EX_DATAERR (65),
 * with and without a running server, and message counts that are counts.
 */
class CliBehaviourTest {

    @TempDir Path dir;

    @Test
    void helpOnASubcommandAndVersionOfTheBuild() throws Exception {
        Result help = SurelProcess.cli((String) null, "user", "add", "--help");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).startsWith("Usage: surel user add").contains("ADDRESS");
        Result unblock = SurelProcess.cli((String) null, "auth", "unblock", "-h");
        assertThat(unblock.exit()).as(unblock.toString()).isZero();
        assertThat(unblock.out()).startsWith("Usage: surel auth unblock");

        Result v = SurelProcess.cli((String) null, "-V");
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(v.out().strip()).isEqualTo("Surel " + pomVersion());
        assertThat(SurelProcess.cli((String) null, "user", "--version").out().strip()).isEqualTo("Surel " + pomVersion());
    }

    @Test
    void aUtf8ArgumentInANonUtf8LocaleIsRefusedNotMangled() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SurelProcess.command(List.of("--config", dir.resolve("none.toml").toString(),
                "user", "add", "jörg@example.test")));
        pb.environment().remove("LANG");
        pb.environment().put("LC_ALL", "POSIX");
        Process p = pb.start();
        p.getOutputStream().close();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isEqualTo(64);
        assertThat(err).contains("is not valid in this locale's character set").contains("LC_ALL=C.UTF-8");
        assertThat(dir.resolve("data")).doesNotExist();
    }

    /** The version in surel-server's pom.xml (its parent's version): what the build is. */
    static String pomVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).as("surel-server/pom.xml has a parent version").isTrue();
        return m.group(1);
    }

    @Test
    void differentPasswordsAtThePromptSaySoWithExitSixtyFive() throws Exception {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, "hostname = \"mail.example.test\"\ndata_dir = \"data\"\n[listen]\nimap = \"127.0.0.1:0\"\n"
                + "[auth]\nargon2_memory_kib = 64\nargon2_iterations = 1\n");
        String c = cfg.toString();
        assertThat(SurelProcess.cli((String) null, "--config", c, "domain", "add", "example.test").exit()).isZero();

        Result offline = atTerminal(List.of("--config", c, "user", "add", "alice@example.test"), "one\n", "two\n");
        assertThat(offline.exit()).as(offline.toString()).isEqualTo(65);
        assertThat(offline.out()).contains("New password:").contains("Repeat it:")
                .contains("surel: the two passwords differ; nothing changed").doesNotContain("Exception");
        Result same = atTerminal(List.of("--config", c, "user", "add", "alice@example.test"), "one pw\n", "one pw\n");
        assertThat(same.exit()).as(same.toString()).isZero();

        try (Server s = Server.start(cfg, dir.resolve("data"))) {
            Result online = atTerminal(List.of("--config", c, "user", "passwd", "alice@example.test"), "three\n", "four\n");
            assertThat(online.exit()).as(online.toString()).isEqualTo(65);
            assertThat(online.out()).contains("surel: the two passwords differ; nothing changed")
                    .doesNotContain("cannot open").doesNotContain("Exception");
            Result quota = SurelProcess.cli((String) null, "--config", c, "user", "quota", "alice@example.test", "--messages", "2G");
            assertThat(quota.exit()).as(quota.toString()).isEqualTo(65);
            assertThat(quota.err()).contains("not a number of messages: \"2G\"");
            Result count = SurelProcess.cli((String) null, "--config", c, "user", "quota", "alice@example.test", "--messages", "2000");
            assertThat(count.exit()).as(count.toString()).isZero();
            assertThat(SurelProcess.cli((String) null, "--config", c, "user", "list").out()).contains("messages 0/2000");
            s.stop();
        }
    }

    /**
     * Runs the CLI on a pseudo-terminal (so it prompts, without echo) and types {@code answers},
     * each after the next prompt appears; stdout and stderr are the terminal's output.
     */
    static Result atTerminal(List<String> args, String... answers) throws Exception {
        String script = """
                import os, pty, sys
                argv = sys.argv[1:]
                answers = [a.encode() for a in os.environ["SUREL_TEST_ANSWERS"].split("\\x1f")]
                pid, fd = pty.fork()
                if pid == 0:
                    os.execvp(argv[0], argv)
                out = b""
                pos = 0
                prompts = [b"New password:", b"Repeat it:"]
                while True:
                    try:
                        chunk = os.read(fd, 4096)
                    except OSError:
                        break
                    if not chunk:
                        break
                    out += chunk
                    while prompts and answers and prompts[0] in out[pos:]:
                        pos = out.index(prompts[0], pos) + len(prompts[0])
                        prompts.pop(0)
                        os.write(fd, answers.pop(0))
                _, status = os.waitpid(pid, 0)
                sys.stdout.buffer.write(out)
                sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 99)
                """;
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(SurelProcess.command(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("SUREL_TEST_ANSWERS", String.join("\u001f", answers));
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("surel at a terminal did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), "");
    }
}
