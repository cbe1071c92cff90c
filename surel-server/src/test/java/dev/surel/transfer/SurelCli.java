package dev.surel.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code dev.surel.cli.Main} in a child JVM (the CLI as ./surel runs it) and {@code surel serve}. */
final class SurelCli {

    private SurelCli() {
    }

    record Result(int exit, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + exit + " after " + took.toMillis() + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static List<String> command(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.surel.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        return run(stdin, 300, args);
    }

    static Result run(String stdin, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        return run(command(List.of(args)), stdin, timeoutSeconds, args);
    }

    /**
     * Runs the CLI without the power to read what file permissions forbid: as root (as these
     * tests run in the container) a file with mode 000 is still readable, so the child is started
     * through util-linux's setpriv without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH.
     */
    static Result runWithoutReadOverride(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search",
                    "--inh-caps", "-dac_override,-dac_read_search"));
        }
        cmd.addAll(command(List.of(args)));
        return run(cmd, null, 300, args);
    }

    private static Result run(List<String> cmd, String stdin, int timeoutSeconds, String... args) throws IOException, InterruptedException {
        Instant start = Instant.now();
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IllegalStateException("surel " + String.join(" ", args) + " did not finish in " + timeoutSeconds + " s\n" + err);
        }
        t1.join();
        t2.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                Duration.between(start, Instant.now()));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // ended
        }
    }

    /** A configuration on loopback port 0 with the data directory {@code dir/data}. */
    static Path config(Path dir, String extra) throws IOException {
        Path cfg = dir.resolve("surel.toml");
        Files.writeString(cfg, """
                hostname = "mail.example.test"
                data_dir = "%s"
                [listen]
                smtp = "127.0.0.1:0"
                imap = "127.0.0.1:0"
                """.formatted(dir.resolve("data")) + extra);
        return cfg;
    }

    /** A running {@code surel serve}. */
    static final class Server implements AutoCloseable {
        private final Process process;
        private final Path log;

        private Server(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Server start(Path config, Path dataDir) throws IOException, InterruptedException {
            Path log = Files.createTempFile(config.getParent(), "serve-", ".log");
            Files.deleteIfExists(dataDir.resolve("ports"));
            Process p = new ProcessBuilder(command(List.of("serve", "--config", config.toString())))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Server s = new Server(p, log);
            Instant deadline = Instant.now().plusSeconds(90);
            while (!Files.exists(dataDir.resolve("ports")) || !Files.exists(dataDir.resolve("admin.sock"))) {
                if (!p.isAlive()) throw new IllegalStateException("surel serve exited:\n" + Files.readString(log));
                if (Instant.now().isAfter(deadline)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("surel serve did not start in 90 s:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return s;
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) process.destroyForcibly().waitFor();
        }
    }
}
