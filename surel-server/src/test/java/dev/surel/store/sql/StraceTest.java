package dev.surel.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability order of an append, seen in the system calls: fsync of the blob temp file,
 * rename into {@code blobs/ab/cd/<hash>}, fsync of that directory, fsync/fdatasync of the
 * SQLite database or its WAL, and only then the write of the acknowledgement. Needs strace
 * ({@code apt-get install -y strace}; {@code ./run-tests} installs it).
 */
class StraceTest {
    /** {@code pid syscall(args...} with -y paths, e.g. {@code 123 fsync(7</data/blobs/tmp/x.tmp>) = 0}. */
    private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)$");

    @TempDir Path dir;

    record Call(int line, String name, String args, String raw) { }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void blobAndDatabaseAreSyncedBeforeTheAcknowledgement() throws Exception {
        String strace = findStrace();
        Path data = dir.resolve("data");
        Path trace = dir.resolve("trace.txt");
        List<String> cmd = new ArrayList<>(List.of(strace, "-f", "-y", "-s", "64",
                "-e", "trace=openat,fsync,fdatasync,rename,renameat,renameat2,write", "-o", trace.toString()));
        cmd.addAll(ChildJvm.command(StraceChild.class, data.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("child exit; stderr: %s", Files.readString(dir.resolve("stderr.txt"))).isZero();
        assertThat(stdout).isEqualTo("ACK\n");

        List<Call> calls = parse(trace);
        String blobs = data.toAbsolutePath().resolve("blobs").toString();
        Pattern blobPath = Pattern.compile(Pattern.quote(blobs) + "/[0-9a-f]{2}/[0-9a-f]{2}/([0-9a-f]{64})");

        int rename = indexOf(calls, 0, c -> c.name().startsWith("rename") && blobPath.matcher(c.args()).find());
        assertThat(rename).as("rename of the blob into place").isNotNegative();
        Matcher m = blobPath.matcher(calls.get(rename).args());
        assertThat(m.find()).isTrue();
        String hash = m.group(1);
        String tempName = tempOf(calls.get(rename).args(), blobs);
        int tempSync = lastIndexBefore(calls, rename, c -> isSync(c) && c.args().contains(tempName + ">"));
        assertThat(tempSync).as("fsync of the temp file %s before the rename", tempName).isNotNegative();
        String blobDir = blobs + "/" + hash.substring(0, 2) + "/" + hash.substring(2, 4);
        int dirSync = indexOf(calls, rename + 1, c -> isSync(c) && c.args().contains("<" + blobDir + ">"));
        assertThat(dirSync).as("fsync of %s after the rename", blobDir).isNotNegative();
        int dbSync = indexOf(calls, dirSync + 1, c -> isSync(c) && (c.args().contains("surel.db-wal>") || c.args().contains("surel.db>")));
        assertThat(dbSync).as("database sync after the blob").isNotNegative();
        int ack = indexOf(calls, 0, c -> c.name().equals("write") && c.args().startsWith("1<") && c.args().contains("\"ACK\\n\""));
        assertThat(ack).as("the ACK write").isNotNegative();
        assertThat(ack).as("ACK after the database sync").isGreaterThan(dbSync);

        StringBuilder excerpt = new StringBuilder();
        for (int i : new int[] {tempSync, rename, dirSync, dbSync, ack}) excerpt.append(calls.get(i).raw()).append('\n');
        Files.writeString(Path.of("target", "strace-excerpt.txt"), excerpt.toString());
        System.out.println("strace excerpt:\n" + excerpt);
    }

    private static boolean isSync(Call c) {
        return c.name().equals("fsync") || c.name().equals("fdatasync");
    }

    private static String tempOf(String renameArgs, String blobs) {
        Matcher m = Pattern.compile(Pattern.quote(blobs) + "/tmp/[^\"]+\\.tmp").matcher(renameArgs);
        assertThat(m.find()).as("rename source in blobs/tmp: %s", renameArgs).isTrue();
        return m.group();
    }

    private static int indexOf(List<Call> calls, int from, Predicate<Call> p) {
        for (int i = from; i < calls.size(); i++) if (p.test(calls.get(i))) return i;
        return -1;
    }

    private static int lastIndexBefore(List<Call> calls, int before, Predicate<Call> p) {
        for (int i = before - 1; i >= 0; i--) if (p.test(calls.get(i))) return i;
        return -1;
    }

    /** Calls in the order they started (an "unfinished" line counts; "resumed" lines are skipped). */
    private static List<Call> parse(Path trace) throws IOException {
        List<Call> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(trace, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CALL.matcher(lines.get(i));
            if (m.matches()) out.add(new Call(i, m.group(2), m.group(3), lines.get(i)));
        }
        return out;
    }

    private static String findStrace() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, "strace");
            if (Files.isExecutable(p)) return p.toString();
        }
        throw new AssertionError("strace not found: install strace: apt-get install -y strace");
    }
}
