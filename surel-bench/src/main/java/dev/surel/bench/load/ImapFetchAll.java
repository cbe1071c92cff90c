package dev.surel.bench.load;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Workload {@code imap-fetch-all}: what a client does when it opens a big mailbox for the first
 * time. One session per run: LOGIN, then SELECT and {@code FETCH 1:* (ENVELOPE FLAGS)} (timed
 * together, wall clock, from sending SELECT to FETCH's tagged OK), then LOGOUT (not timed).
 *
 * <p>Checks: SELECT's EXISTS equals the number of FETCH responses, each carries ENVELOPE and
 * FLAGS, and with {@code --expect N} that number is N. Prints one
 * {@code RESULT imap_fetch_all value=<ms> unit=ms ops=<messages> errors=<n>} per run
 * ({@code value=-1} for a run that failed); untimed runs fill {@code --warmup-seconds} first.
 */
@Command(name = "imap-fetch-all", mixinStandardHelpOptions = true,
        description = "SELECT + FETCH 1:* (ENVELOPE FLAGS) of a whole mailbox; RESULT imap_fetch_all in ms per run.")
final class ImapFetchAll implements Callable<Integer> {
    @Mixin
    LoadOptions options;

    @Option(names = "--mailbox", defaultValue = "INBOX", description = "Mailbox to select (default: ${DEFAULT-VALUE}).")
    String mailbox;

    @Option(names = "--expect", defaultValue = "-1", description = "Messages the mailbox must hold (default: not checked).")
    int expect;

    @Option(names = "--repeat", defaultValue = "1", description = "Timed runs, one RESULT each (default: ${DEFAULT-VALUE}).")
    int repeat;

    private final Report report;

    ImapFetchAll(Report report) {
        this.report = report;
    }

    @Override
    public Integer call() {
        Connector connector = options.connector(143, 993);
        long warmEnd = System.nanoTime() + options.warmupSeconds * 1_000_000_000L;
        int warm = 0;
        while (options.warmupSeconds > 0 && (warm == 0 || System.nanoTime() < warmEnd)) {
            Run r = run(connector);
            if (r.errors > 0) return report.exitCode();
            warm++;
        }
        if (warm > 0) report.info("imap-fetch-all: " + warm + " untimed warm-up run(s)");
        for (int i = 0; i < repeat; i++) {
            Run r = run(connector);
            report.result("imap_fetch_all", r.millis, "ms", "ops", r.fetched, "errors", r.errors);
        }
        return report.exitCode();
    }

    private record Run(double millis, long fetched, int errors) {
    }

    private Run run(Connector connector) {
        int before = report.errors();
        ImapClient c = null;
        try {
            c = ImapClient.connect(connector, options.starttls);
            c.login(options.user(0), options.password);
            long[] exists = {-1};
            long[] fetched = {0};
            long[] malformed = {0};
            long t0 = System.nanoTime();
            ImapClient.expectOk("SELECT", c.command("SELECT " + ImapClient.quote(mailbox), r -> {
                long n = r.number("EXISTS");
                if (n >= 0) exists[0] = n;
            }));
            if (exists[0] > 0) {
                ImapClient.expectOk("FETCH", c.command("FETCH 1:* (ENVELOPE FLAGS)", r -> {
                    if (r.number("FETCH") > 0) {
                        fetched[0]++;
                        if (!r.text().contains("ENVELOPE") || !r.text().contains("FLAGS")) malformed[0]++;
                    }
                }));
            }
            long t1 = System.nanoTime();
            c.logoutQuietly();
            c = null;
            if (exists[0] < 0) report.error("SELECT " + mailbox + " sent no EXISTS");
            if (fetched[0] != Math.max(0, exists[0])) report.error("FETCH 1:* gave " + fetched[0] + " responses for " + exists[0] + " messages");
            if (malformed[0] > 0) report.error(malformed[0] + " FETCH responses without ENVELOPE or FLAGS");
            if (expect >= 0 && fetched[0] != expect) report.error("expected " + expect + " messages, fetched " + fetched[0]);
            return new Run((t1 - t0) / 1e6, fetched[0], report.errors() - before);
        } catch (IOException | RuntimeException e) {
            report.error("imap-fetch-all: " + e);
            if (c != null) c.close();
            return new Run(-1, 0, report.errors() - before);
        }
    }
}
