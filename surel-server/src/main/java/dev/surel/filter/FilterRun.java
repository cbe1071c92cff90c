package dev.surel.filter;

import dev.surel.filter.FilterVerdict.Disposition;
import dev.surel.protocol.filter.AuthOutcome;
import dev.surel.protocol.filter.AuthRules;
import dev.surel.protocol.filter.ContentScanner;
import dev.surel.protocol.filter.Contribution;
import dev.surel.protocol.filter.HeaderRules;
import dev.surel.protocol.filter.RspamdReply;
import dev.surel.protocol.filter.SpamScore;
import dev.surel.store.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The filtering of one message (docs/filtering.md). While the data arrives, the peer's octets go
 * to a {@link ContentScanner} ({@link #write}) and the DNS blocklist lookups run. At the end
 * ({@link #finish}), with the spooled message:
 * <ol>
 *   <li>clamd, when configured, scans it: malware is refused (554 5.7.1) whatever the score;</li>
 *   <li>the score is the sum of the header rules, the mail-authentication results and the
 *       blocklists; when rspamd is configured and answers, rspamd's symbols replace those (it runs
 *       its own versions of each, with its own weights) and GTUBE is kept; rspamd's action
 *       {@code reject} refuses, {@code soft reject} defers;</li>
 *   <li>score at or above reject_score: 550 5.7.1; at or above junk_score: Junk; else INBOX.</li>
 * </ol>
 * A scanner that fails gives 451 4.7.1 or, with {@code on_scanner_failure = "accept"}, a
 * zero-point test ({@code CLAMD_UNAVAILABLE}, {@code RSPAMD_UNAVAILABLE}) so the fields say the
 * message was not scanned. A message larger than scan_limit is not sent to the scanners
 * ({@code CLAMD_SKIPPED_SIZE}, {@code RSPAMD_SKIPPED_SIZE}). The per-user Bayes classifier adds its
 * contribution later, at delivery per recipient ({@link RecipientSpam}).
 */
public final class FilterRun {
    private static final Logger log = LoggerFactory.getLogger(FilterRun.class);
    /** Most characters of the test list in a reply's reason. */
    static final int MAX_TESTS_IN_REASON = 200;

    private final SpamFilter filter;
    private final ContentScanner content;
    private final Dnsbl.Pending dnsbl;
    private final RspamdClient.Envelope envelope;

    FilterRun(SpamFilter filter, Dnsbl.Pending dnsbl, RspamdClient.Envelope envelope) {
        this.filter = filter;
        this.content = new ContentScanner(filter.settings().gtubeBytes());
        this.dnsbl = dnsbl;
        this.envelope = envelope;
    }

    /** The next octets of the message as the peer sent them. */
    public void write(byte[] b, int off, int len) {
        content.write(b, off, len);
    }

    /**
     * Decides. Never throws for a scanner's fault (that is {@link Disposition#DEFER} or a
     * zero-point test, as configured).
     *
     * @param auth    the mail-authentication results ({@link AuthOutcome#UNCHECKED} when not checked)
     * @param message the spooled message, read again for the scanners
     */
    public FilterVerdict finish(AuthOutcome auth, SpooledMessage message) {
        FilterSettings s = filter.settings();
        List<Contribution> ours = new ArrayList<>(HeaderRules.of(content.features()));
        ours.addAll(AuthRules.of(auth));
        ours.addAll(dnsbl.contributions(s.timeout().toMillis()));
        List<Contribution> notes = new ArrayList<>();
        boolean fits = message.size() <= s.scanLimit();

        if (filter.clamd() != null) {
            ScanResult r = fits ? clamd(message) : new ScanResult.TooBig();
            switch (r) {
                case ScanResult.Infected i -> {
                    return new FilterVerdict(Disposition.REJECT_MALWARE, "", "malware found (" + i.signature() + ")");
                }
                case ScanResult.Failed f -> {
                    log.warn("{}: {}", envelope.queueId(), f.reason());
                    if (s.onFailure() == FilterSettings.OnFailure.TEMPFAIL) {
                        return new FilterVerdict(Disposition.DEFER, "", "virus scanner unavailable");
                    }
                    notes.add(new Contribution("CLAMD_UNAVAILABLE", 0));
                }
                case ScanResult.TooBig t -> {
                    log.info("{}: {} octets, not scanned by clamd (too big)", envelope.queueId(), message.size());
                    notes.add(new Contribution("CLAMD_SKIPPED_SIZE", 0));
                }
                case ScanResult.Clean c -> notes.add(new Contribution("CLAMD_CLEAN", 0)); // Sieve virustest 1 (RFC 5235 §3.3)
            }
        }

        List<Contribution> all = ours;
        if (filter.rspamd() != null && fits) {
            switch (rspamd(message)) {
                case RspamdClient.Outcome.Answer a -> {
                    RspamdReply r = a.reply();
                    if (r.action() == RspamdReply.Action.REJECT) {
                        return new FilterVerdict(Disposition.REJECT_SPAM, "", "spam (rspamd score " + SpamScore.number(r.score()) + ")");
                    }
                    if (r.action() == RspamdReply.Action.SOFT_REJECT) {
                        return new FilterVerdict(Disposition.DEFER, "", "rspamd asks to try again later");
                    }
                    all = fromRspamd(ours, r);
                }
                case RspamdClient.Outcome.Failed f -> {
                    log.warn("{}: {}", envelope.queueId(), f.reason());
                    if (s.onFailure() == FilterSettings.OnFailure.TEMPFAIL) {
                        return new FilterVerdict(Disposition.DEFER, "", "spam scanner unavailable");
                    }
                    notes.add(new Contribution("RSPAMD_UNAVAILABLE", 0));
                }
            }
        } else if (filter.rspamd() != null) {
            notes.add(new Contribution("RSPAMD_SKIPPED_SIZE", 0));
        }
        all = new ArrayList<>(all);
        all.addAll(notes);
        SpamScore score = new SpamScore(all);
        String fields = score.fields(s.junkScore());
        String tests = score.tests();
        // the reason ends up in a reply line (RFC 5321 §4.5.3.1.5: 512 octets with the code): rspamd may name 50 symbols
        if (tests.length() > MAX_TESTS_IN_REASON) tests = tests.substring(0, tests.lastIndexOf(',', MAX_TESTS_IN_REASON)) + ",...";
        String why = "score " + SpamScore.number(score.total()) + " (" + tests + ")";
        if (score.reaches(s.rejectScore())) return new FilterVerdict(Disposition.REJECT_SPAM, fields, "spam, " + why);
        if (score.reaches(s.junkScore())) return new FilterVerdict(Disposition.JUNK, fields, "likely spam, " + why);
        return new FilterVerdict(Disposition.ACCEPT, fields, why);
    }

    private ScanResult clamd(SpooledMessage message) {
        try (InputStream in = message.open()) {
            return filter.clamd().scan(in);
        } catch (IOException e) {
            return new ScanResult.Failed("reading the spooled message: " + e.getMessage());
        }
    }

    /** rspamd's answer; every stream of the spooled message the HTTP client opened is closed after. */
    private RspamdClient.Outcome rspamd(SpooledMessage message) {
        List<InputStream> opened = new ArrayList<>();
        try {
            return filter.rspamd().check(() -> {
                InputStream in = message.open();
                synchronized (opened) {
                    opened.add(in);
                }
                return in;
            }, message.size(), envelope);
        } finally {
            synchronized (opened) {
                for (InputStream in : opened) {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // a read-only spool file
                    }
                }
            }
        }
    }

    /**
     * rspamd's symbols (at most 50, largest first), GTUBE of ours kept, and an
     * {@code RSPAMD_OTHER} contribution for the part of rspamd's score the listed symbols do not
     * sum to (group limits, composites), so that the total is rspamd's score plus GTUBE.
     */
    private static List<Contribution> fromRspamd(List<Contribution> ours, RspamdReply r) {
        List<Contribution> out = new ArrayList<>();
        ours.stream().filter(c -> c.test().equals("GTUBE")).forEach(out::add);
        double sum = 0;
        for (Contribution c : r.symbols().subList(0, Math.min(50, r.symbols().size()))) {
            out.add(c);
            sum += c.points();
        }
        double rest = r.score() - sum;
        if (Math.abs(rest) >= 0.05) out.add(new Contribution("RSPAMD_OTHER", rest));
        return out;
    }
}
