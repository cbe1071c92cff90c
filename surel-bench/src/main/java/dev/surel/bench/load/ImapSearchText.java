package dev.surel.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Workload {@code imap-search-text}: full-text search of a large mailbox
 * ({@code make-mail --kind text}, whose {@code --words} file names the marker words and how many
 * messages contain each). One session: LOGIN, SELECT {@code --mailbox}; then, untimed, one
 * {@code SEARCH TEXT "<word>"} per marker word (warm-up: a server that builds an index or a
 * cache on first use does so here); then {@code --searches} timed searches (default 21), the
 * marker words in turn (rare, medium, common, rare, ...), each from sending to its tagged OK;
 * LOGOUT. A slow server is not searched for ever: once the timed searches have taken
 * {@code --budget-seconds} (default 180) and each word was searched once, the rest are skipped
 * (the {@code ops} count says how many were timed). Every answer's number of messages must be the count in the words file (RFC 9051
 * §6.4.4: TEXT matches the header or body, as a case-insensitive substring).
 *
 * <p>{@code RESULT imap_search_text value=<p50 ms> unit=ms p50_ms= p99_ms= ops= errors=} over all
 * timed searches, then {@code RESULT imap_search_text_<label>} per marker word (rare, medium,
 * common).
 */
@Command(name = "imap-search-text", mixinStandardHelpOptions = true,
        description = "SEARCH TEXT of rare, medium and common words in a large mailbox; p50/p99.")
final class ImapSearchText implements Callable<Integer> {

    @Mixin
    LoadOptions options;

    @Option(names = "--words", required = true, description = "The words file of make-mail --kind text.")
    Path words;

    @Option(names = "--searches", defaultValue = "21", description = "Timed searches (default: ${DEFAULT-VALUE}).")
    int searches;

    @Option(names = "--budget-seconds", defaultValue = "180",
            description = "Stop the timed searches early once they took this long, after at least one per word (default: ${DEFAULT-VALUE}).")
    int budgetSeconds;

    @Option(names = "--mailbox", defaultValue = "INBOX", description = "Mailbox (default: ${DEFAULT-VALUE}).")
    String mailbox;

    @Option(names = "--expect", defaultValue = "0", description = "Messages the mailbox must hold (0: not checked).")
    long expect;

    private final Report report;

    ImapSearchText(Report report) {
        this.report = report;
    }

    /** One marker word: its label, the word, how many messages contain it. */
    record Marker(String label, String word, long count) { }

    @Override
    public Integer call() throws IOException {
        if (searches < 1) throw new IllegalArgumentException("--searches must be at least 1");
        List<Marker> markers = new ArrayList<>();
        for (String line : Files.readAllLines(words)) {
            String[] f = line.strip().split(" +");
            if (f.length == 3) markers.add(new Marker(f[0], f[1], Long.parseLong(f[2])));
        }
        if (markers.isEmpty()) throw new IllegalArgumentException(words + " names no marker word");
        Histogram all = new Histogram();
        Histogram[] per = new Histogram[markers.size()];
        int[] errors = new int[markers.size()];
        for (int i = 0; i < per.length; i++) per[i] = new Histogram();
        try (ImapClient c = ImapClient.connect(options.connector(143, 993), options.starttls)) {
            c.login(options.user(0), options.password);
            long[] exists = {-1};
            ImapClient.expectOk("SELECT", c.command("SELECT " + ImapClient.quote(mailbox), r -> {
                long n = r.number("EXISTS");
                if (n >= 0) exists[0] = n;
            }));
            if (expect > 0 && exists[0] != expect) {
                report.error("imap-search-text: SELECT says " + exists[0] + " messages, expected " + expect);
            }
            for (int i = 0; i < markers.size(); i++) {
                long t0 = System.nanoTime();
                if (!search(c, markers.get(i))) errors[i]++;
                report.info("imap-search-text: warm-up SEARCH TEXT \"" + markers.get(i).word() + "\": "
                        + (System.nanoTime() - t0) / 1_000_000 + " ms");
            }
            long budgetEnd = System.nanoTime() + budgetSeconds * 1_000_000_000L;
            for (int k = 0; k < searches; k++) {
                int i = k % markers.size();
                if (k >= markers.size() && System.nanoTime() > budgetEnd) {
                    report.info("imap-search-text: time budget of " + budgetSeconds + " s used up after " + k + " of " + searches + " searches");
                    break;
                }
                long t0 = System.nanoTime();
                boolean ok = search(c, markers.get(i));
                long t = System.nanoTime() - t0;
                if (!ok) {
                    errors[i]++;
                    continue;
                }
                all.recordNanos(t);
                per[i].recordNanos(t);
            }
            ImapClient.expectOk("LOGOUT", c.command("LOGOUT", r -> { }));
        } catch (IOException e) {
            report.error("imap-search-text: " + e.getMessage());
            report.result("imap_search_text", -1, "ms", "errors", 1);
            return report.exitCode();
        }
        int total = 0;
        for (int e : errors) total += e;
        report.result("imap_search_text", all.percentileMillis(0.5), "ms", "p50_ms", all.percentileMillis(0.5),
                "p99_ms", all.percentileMillis(0.99), "ops", all.count(), "errors", total);
        for (int i = 0; i < markers.size(); i++) report.latency("imap_search_text_" + markers.get(i).label(), per[i], errors[i]);
        return report.exitCode();
    }

    /** One SEARCH TEXT; false (and an error reported) when it failed or found another number of messages. */
    private boolean search(ImapClient c, Marker m) throws IOException {
        long[] found = {-1};
        ImapClient.Tagged t = c.command("SEARCH TEXT " + ImapClient.quote(m.word()), r -> {
            String s = r.text();
            if (s.startsWith("* SEARCH")) {
                String rest = s.substring("* SEARCH".length()).strip();
                found[0] = rest.isEmpty() ? 0 : rest.split(" +").length;
            }
        });
        if (!t.ok()) {
            report.error("imap-search-text: SEARCH TEXT \"" + m.word() + "\": " + t.status() + " " + ImapClient.clip(t.text()));
            return false;
        }
        if (found[0] != m.count()) {
            report.error("imap-search-text: SEARCH TEXT \"" + m.word() + "\" found " + found[0] + " messages, " + m.count() + " contain it");
            return false;
        }
        return true;
    }
}
