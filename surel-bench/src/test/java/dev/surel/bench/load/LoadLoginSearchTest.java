package dev.surel.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.bench.load.LoadTest.Outcome;
import dev.surel.net.Endpoint;
import dev.surel.server.SurelServer;
import dev.surel.store.MailStore;
import dev.surel.store.NewMessage;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit's login-heavy and SEARCH TEXT workloads at a tiny size against an in-process Surel, over
 * mailboxes written by {@code make-mail} (login1..login3@bench.test with 30 multipart messages
 * each, search@bench.test with 400 text messages): the files are deterministic, 7-bit and named
 * with their true sizes; the workloads run every command without an error, keep the mailbox
 * size, and find exactly the counts the words file states (a wrong count is an error).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadLoginSearchTest {
    static final int MULTIPART = 30;
    static final int TEXT = 400;

    Path dir;
    SurelServer server;
    MailStore store;
    final long[] logins = new long[3];
    long search;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        this.dir = dir;
        assertThat(LoadTest.load("make-mail", "--kind", "multipart", "--count", "" + MULTIPART, "--dir", dir.resolve("multi").toString()).exit()).isZero();
        assertThat(LoadTest.load("make-mail", "--kind", "text", "--count", "" + TEXT, "--dir", dir.resolve("text").toString(),
                "--words", dir.resolve("words").toString()).exit()).isZero();
        server = BenchServer.start(dir, "imap");
        store = server.services().store();
        for (int u = 0; u < logins.length; u++) {
            logins[u] = server.services().directory().addUser("login" + (u + 1) + "@bench.test", "secret".toCharArray()).id();
            append(logins[u], dir.resolve("multi"));
        }
        search = server.services().directory().addUser("search@bench.test", "secret".toCharArray()).id();
        append(search, dir.resolve("text"));
    }

    private void append(long account, Path files) throws Exception {
        List<InputStream> open = new ArrayList<>();
        List<NewMessage> batch = new ArrayList<>();
        try (Stream<Path> l = Files.list(files)) {
            for (Path p : l.sorted().toList()) {
                InputStream in = Files.newInputStream(p);
                open.add(in);
                batch.add(NewMessage.of(in));
            }
        }
        store.appendAll(account, store.mailbox(account, "INBOX").id(), batch);
        for (InputStream in : open) in.close();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    int port() {
        return server.boundAddresses().get(Endpoint.IMAP).getPort();
    }

    @Test
    void makeMailWritesTheSameSevenBitFilesNamedWithTheirSizes(@TempDir Path other) throws Exception {
        assertThat(LoadTest.load("make-mail", "--kind", "multipart", "--count", "" + MULTIPART, "--dir", other.toString()).exit()).isZero();
        List<Path> files;
        try (Stream<Path> l = Files.list(dir.resolve("multi"))) {
            files = l.sorted().toList();
        }
        assertThat(files).hasSize(MULTIPART);
        Pattern name = Pattern.compile("\\d+\\.M(\\d{7})P1\\.bench,S=(\\d+),W=(\\d+):2,");
        long largest = 0;
        int attachments = 0;
        int encodedWords = 0;
        for (Path p : files) {
            byte[] bytes = Files.readAllBytes(p);
            assertThat(Files.readAllBytes(other.resolve(p.getFileName()))).as("same seed, same file").isEqualTo(bytes);
            Matcher m = name.matcher(p.getFileName().toString());
            assertThat(m.matches()).as(p.getFileName().toString()).isTrue();
            long lf = 0;
            for (byte b : bytes) {
                assertThat(b & 0xff).as("7-bit").isLessThan(128);
                if (b == '\n') lf++;
            }
            assertThat(Long.parseLong(m.group(2))).isEqualTo(bytes.length);
            assertThat(Long.parseLong(m.group(3))).isEqualTo(bytes.length + lf);
            largest = Math.max(largest, bytes.length);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("Content-Transfer-Encoding: base64")) attachments++;
            assertThat(text).contains("MIME-Version: 1.0");
            if (text.contains("=?UTF-8?")) encodedWords++;
        }
        assertThat(largest).as("the largest of 30 carries a big attachment").isGreaterThan(50_000);
        assertThat(attachments).isPositive();
        assertThat(encodedWords).isPositive();
        assertThat(Files.readString(dir.resolve("words"))).matches("(?s)rare quokkaphone 5\nmedium zephyrlink 4\ncommon invoice \\d+\n");
    }

    @Test
    void loginHeavyRunsEveryCommandWithoutErrorsAndKeepsTheMailboxSize() {
        Outcome o = LoadTest.load("imap-login-heavy", "--port", "" + port(), "--users", "login%d@bench.test", "--user-count", "3",
                "--password", "secret", "--clients", "3", "--duration", "3", "--sources", "127.0.0.2-127.0.0.3");
        assertThat(o.exit()).as(o.err()).isZero();
        Map<String, String> total = o.measure("imap_login_heavy").getFirst();
        assertThat(total).containsEntry("unit", "ops/s").containsEntry("errors", "0").containsKeys("p50_ms", "p99_ms");
        long sum = 0;
        for (ImapLoginHeavy.Op op : ImapLoginHeavy.Op.values()) {
            Map<String, String> r = o.measure("imap_login_heavy_" + op.name().toLowerCase(Locale.ROOT)).getFirst();
            assertThat(r).containsEntry("errors", "0");
            assertThat(Long.parseLong(r.get("ops"))).as(op.name()).isPositive();
            sum += Long.parseLong(r.get("ops"));
        }
        assertThat(sum).isEqualTo(Long.parseLong(total.get("ops")));
        for (long account : logins) {
            assertThat(store.mailbox(account, "INBOX").messages()).as("each session expunged one and appended one").isEqualTo(MULTIPART);
        }
    }

    @Test
    void searchTextFindsEveryMarkerWordsCount() {
        Outcome o = LoadTest.load("imap-search-text", "--port", "" + port(), "--user", "search@bench.test", "--password", "secret",
                "--words", dir.resolve("words").toString(), "--searches", "6", "--expect", "" + TEXT);
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.measure("imap_search_text")).singleElement().satisfies(r ->
                assertThat(r).containsEntry("unit", "ms").containsEntry("ops", "6").containsEntry("errors", "0"));
        for (String label : List.of("rare", "medium", "common")) {
            assertThat(o.measure("imap_search_text_" + label)).singleElement().satisfies(r -> assertThat(r).containsEntry("ops", "2"));
        }
    }

    @Test
    void aSlowServerIsSearchedOncePerWordWhenTheBudgetIsUsedUp() {
        Outcome o = LoadTest.load("imap-search-text", "--port", "" + port(), "--user", "search@bench.test", "--password", "secret",
                "--words", dir.resolve("words").toString(), "--searches", "9", "--budget-seconds", "0");
        assertThat(o.exit()).as(o.err()).isZero();
        assertThat(o.measure("imap_search_text")).singleElement().satisfies(r -> assertThat(r).containsEntry("ops", "3"));
        assertThat(o.err()).contains("time budget of 0 s used up after 3 of 9 searches");
    }

    @Test
    void aSearchThatFindsAnotherCountIsAnErrorAndExitsOne() throws Exception {
        Path wrong = dir.resolve("wrong-words");
        Files.writeString(wrong, "rare quokkaphone 6\n");
        Outcome o = LoadTest.load("imap-search-text", "--port", "" + port(), "--user", "search@bench.test", "--password", "secret",
                "--words", wrong.toString(), "--searches", "2");
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.err()).contains("SEARCH TEXT \"quokkaphone\" found 5 messages, 6 contain it");
        assertThat(o.measure("imap_search_text")).singleElement().satisfies(r -> assertThat(r).containsEntry("errors", "3")); // warm-up + 2
    }
}
