package dev.surel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./surel} launcher as a person first meets it, on a copy of the sources with
 * nothing built: the first build shows its progress (modules, downloads, the result) instead of
 * minutes of silence, {@code -V} then names the version of that build, and a second run does
 * not build again. After the build the launcher records its start-up cache (AOT) once; a damaged
 * cache is ignored without a word, and a newer jar makes it again. Takes about a minute (a real Maven build, offline dependencies permitting).
 */
class LauncherTest {

    @TempDir Path dir;

    @Test
    void firstBuildShowsProgressAndVersionMatchesTheBuild() throws Exception {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path copy = dir.resolve("surel");
        copySources(repo, copy);
        assertThat(copy.resolve("surel-server/target")).doesNotExist();

        Run first = launch(copy, "-V");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.err()).contains("surel: first build: fetching Maven and the libraries")
                .contains("surel: build: Building Surel server")
                .contains("surel: build: BUILD SUCCESS");
        assertThat(first.out().strip()).isEqualTo("Surel " + CliBehaviourTest.pomVersion());
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(copy.resolve("surel-server/target/surel.jar").toFile())) {
            assertThat(jar.getEntry("META-INF/LICENSE")).as("the jar carries LICENSE").isNotNull();
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(copy.resolve("NOTICE")));
        }

        Path aot = copy.resolve("surel-server/target/surel.aot");
        assertThat(first.err()).contains("surel: making the start-up cache (once per build)");
        assertThat(aot).as("the AOT cache recorded after the build").isNotEmptyFile();

        Run second = launch(copy, "--version");
        assertThat(second.exit()).as(second.toString()).isZero();
        assertThat(second.err()).doesNotContain("surel: build").doesNotContain("start-up cache");
        assertThat(second.out().strip()).isEqualTo("Surel " + CliBehaviourTest.pomVersion());

        // a cache that does not fit (here: garbage, newer than the jar so it is not remade) is ignored, silently
        Files.write(aot, new byte[4096]);
        Run damaged = launch(copy, "--version");
        assertThat(damaged.exit()).as(damaged.toString()).isZero();
        assertThat(damaged.out()).isEqualTo("Surel " + CliBehaviourTest.pomVersion() + "\n");
        assertThat(damaged.err()).isEmpty();

        // a jar newer than the cache (a rebuild) makes it again
        Files.setLastModifiedTime(copy.resolve("surel-server/target/surel.jar"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Run remade = launch(copy, "--version");
        assertThat(remade.exit()).as(remade.toString()).isZero();
        assertThat(remade.err()).contains("surel: making the start-up cache");
        assertThat(Files.size(aot)).as("a real cache again").isGreaterThan(1_000_000);
    }

    record Run(int exit, String out, String err) { }

    private static Run launch(Path copy, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", copy.resolve("surel").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(copy.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = Files.createTempFile(copy.getParent(), "out", ".txt");
        Path err = Files.createTempFile(copy.getParent(), "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("./surel did not finish in 10 minutes:\n" + Files.readString(err));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The repository without build output and git metadata. */
    private static void copySources(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                String r = rel.toString();
                if (r.equals(".git") || r.startsWith(".git/") || r.contains("/target") || r.startsWith("target")
                        || r.contains("node_modules")) continue;
                Path dest = to.resolve(r);
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
