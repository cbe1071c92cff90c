package dev.surel.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Logging}'s rolling file in a child JVM ({@link LoggingChild}; Logback's context is per
 * process, so never in the test JVM): {@code max_total_size} deletes the oldest rolled files, the
 * others are complete gzip files once the log is stopped (their lines in order, none lost), and
 * the names follow {@code NAME.YYYY-MM-DD.N.log.gz} ({@link Logging#rolledPattern}).
 */
class LoggingTest {

    @TempDir Path dir;

    @Test
    void rolledFileNames() {
        assertThat(Logging.rolledPattern(Path.of("/var/log/surel/surel.log"))).isEqualTo("/var/log/surel/surel.%d{yyyy-MM-dd}.%i.log.gz");
        assertThat(Logging.rolledPattern(Path.of("/var/log/mail"))).isEqualTo("/var/log/mail.%d{yyyy-MM-dd}.%i.gz");
    }

    @Test
    void maxTotalSizeDeletesTheOldestRolledFiles() throws Exception {
        Path file = dir.resolve("surel.log");
        // 300 lines of ~130 octets: ~38 rollovers at 1K; the rolled files together kept under 4K
        run(file.toString(), "1024", "30", "4096", "300");
        List<Path> rolled = rolled();
        assertThat(rolled).as("rolled files in " + listing()).isNotEmpty();
        long total = 0;
        for (Path p : rolled) total += Files.size(p);
        // checked at each rollover, before that rollover's file is compressed: a file or two above the bound
        assertThat(total).as("rolled files " + rolled).isLessThanOrEqualTo(4096 + 2 * 1024);
        assertThat(rolled.getFirst().getFileName().toString()).as("the oldest are gone")
                .isNotEqualTo("surel." + LocalDate.now() + ".0.log.gz");
        // what is left is the newest part of the log, complete: the kept files and the current one hold consecutive lines up to the last
        List<Integer> numbers = new ArrayList<>();
        for (Path p : rolled) numbers.addAll(lineNumbers(new String(gunzip(p), StandardCharsets.UTF_8)));
        numbers.addAll(lineNumbers(Files.readString(file)));
        assertThat(numbers).isNotEmpty().endsWith(299);
        for (int i = 1; i < numbers.size(); i++) assertThat(numbers.get(i)).isEqualTo(numbers.get(i - 1) + 1);
    }

    private String listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName() + " " + p.toFile().length()).sorted().toList().toString();
        }
    }

    private List<Path> rolled() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("surel\\.\\d{4}-\\d\\d-\\d\\d\\.\\d+\\.log\\.gz"))
                    .sorted((a, b) -> Integer.compare(index(a), index(b))).toList();
        }
    }

    private static int index(Path p) {
        String[] parts = p.getFileName().toString().split("\\.");
        return Integer.parseInt(parts[2]);
    }

    private static List<Integer> lineNumbers(String text) {
        return text.lines().map(l -> l.replaceFirst(".* - line (\\d+) .*", "$1")).map(Integer::parseInt).toList();
    }

    private static byte[] gunzip(Path p) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }

    private static void run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), LoggingChild.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
