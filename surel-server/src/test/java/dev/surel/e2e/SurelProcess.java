package dev.surel.e2e;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dev.surel.cli.Main} in a child JVM with this test's class path: the CLI exactly
 * as {@code ./surel} runs it, minus the launcher's build step.
 */
final class SurelProcess {

    private SurelProcess() {
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static List<String> command(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.surel.cli.Main"));
        cmd.addAll(args);
        return cmd;
    }

    /** Runs a CLI command to its end, feeding {@code stdin} (null: none). */
    static Result cli(String stdin, String... args) throws IOException, InterruptedException {
        return cli(stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    static Result cli(byte[] stdin, String... args) throws IOException, InterruptedException {
        return cli(null, stdin, args);
    }

    /** Runs a CLI command in the working directory {@code cwd} (null: this process's). */
    static Result cli(Path cwd, byte[] stdin, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(List.of(args)));
        if (cwd != null) pb.directory(cwd.toFile());
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("surel " + String.join(" ", args) + " did not finish in 120 s");
        }
        t1.join();
        t2.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // process ended
        }
    }

    /** A running {@code surel serve}. */
    static final class Server implements AutoCloseable {
        final Process process;
        final Path dataDir;
        final Path log;

        private Server(Process process, Path dataDir, Path log) {
            this.process = process;
            this.dataDir = dataDir;
            this.log = log;
        }

        /** Starts {@code surel serve --config config} and waits until it has written its ports file. */
        static Server start(Path config, Path dataDir) throws IOException, InterruptedException {
            return start(config, dataDir, null);
        }

        /** As above, in the working directory {@code cwd} (null: this process's). */
        static Server start(Path config, Path dataDir, Path cwd) throws IOException, InterruptedException {
            Path log = Files.createTempFile(dataDir.getParent(), "serve-", ".log");
            Files.deleteIfExists(dataDir.resolve("ports"));
            ProcessBuilder pb = new ProcessBuilder(command(List.of("serve", "--config", config.toString())));
            if (cwd != null) pb.directory(cwd.toFile());
            Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Server s = new Server(p, dataDir, log);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!Files.exists(dataDir.resolve("ports"))) {
                if (!p.isAlive()) throw new IllegalStateException("surel serve exited " + p.exitValue() + ":\n" + s.output());
                if (Instant.now().isAfter(deadline)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("surel serve did not write its ports file in 90 s:\n" + s.output());
                }
                Thread.sleep(50);
            }
            return s;
        }

        /** The bound addresses from the ports file: name -> port. */
        Map<String, Integer> ports() throws IOException {
            Map<String, Integer> m = new LinkedHashMap<>();
            for (String line : Files.readAllLines(dataDir.resolve("ports"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2) m.put(f[0], Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1)));
            }
            return m;
        }

        String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** SIGTERM and wait: a clean shutdown. */
        int stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("surel serve ignored SIGTERM for 30 s:\n" + output());
            }
            return process.exitValue();
        }

        /** SIGKILL. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) kill();
        }
    }
}
