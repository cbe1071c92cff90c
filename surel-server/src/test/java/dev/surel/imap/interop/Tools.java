package dev.surel.imap.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs external client tools and child JVMs for the interop tests. */
final class Tools {

    private Tools() {
    }

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Fails the test (never skips) when {@code command} is not on the PATH. */
    static void require(String command, String aptPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return;
            }
        }
        fail(command + " is not installed: apt-get install -y " + aptPackage);
    }

    static Result run(List<String> cmd, Map<String, String> env, byte[] stdin, Path cwd, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t1 = Thread.ofVirtual().start(() -> copy(p.getInputStream(), out));
        Thread t2 = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException ignored) {
            // the tool did not read its input
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            t1.join();
            t2.join();
            fail(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s\n--- stdout\n"
                    + out.toString(StandardCharsets.UTF_8) + "\n--- stderr\n" + err.toString(StandardCharsets.UTF_8));
        }
        t1.join();
        t2.join();
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... cmd) throws IOException, InterruptedException {
        return run(List.of(cmd), Map.of(), null, null, 120);
    }

    /** The command line of a child JVM running {@code mainClass} with this test's class path. */
    static List<String> java(List<String> jvmOptions, String mainClass, String... args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** {@code surel <args>} in a child JVM (the CLI as ./surel runs it). */
    static Result surel(byte[] stdin, String... args) throws IOException, InterruptedException {
        return run(java(List.of("-Xmx256m"), "dev.surel.cli.Main", args), Map.of(), stdin, null, 120);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // process ended
        }
    }
}
