package dev.surel.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an interop tool (swaks, python3) as a process; a missing tool fails with the package to install. */
final class Tools {
    private Tools() {
    }

    record Run(int exit, String output) {
        @Override
        public String toString() {
            return "exit " + exit + "\n" + output;
        }
    }

    static void require(String tool, String pkg) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return;
        }
        throw new AssertionError(tool + " is not installed: apt-get install -y " + pkg);
    }

    static Run run(Path workDir, List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "tool-", ".out");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", cmd) + " did not finish in 90 s:\n" + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
