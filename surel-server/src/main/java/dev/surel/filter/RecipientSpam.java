package dev.surel.filter;

import dev.surel.protocol.bayes.BayesClassifier;
import dev.surel.protocol.bayes.MessageTokens;
import dev.surel.protocol.bayes.TokenCounts;
import dev.surel.protocol.filter.Contribution;
import dev.surel.protocol.filter.SpamScore;
import dev.surel.protocol.mime.MimeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-recipient part of the spam score, added at local delivery: the recipient's Bayes
 * classifier ({@link BayesStore}, trained by {@link BayesTraining}). The score of the rest was
 * computed once per message at SMTP intake ({@link FilterRun}) and travels in the queued prefix
 * as {@code X-Spam-Score} and {@code X-Spam-Status} ({@link SpamScore#fields}); here, per local
 * recipient, a probability of at least {@link #SPAM_FROM} adds {@code BAYES_SPAM} (+weight), of at
 * most {@link #HAM_UPTO} {@code BAYES_HAM} (-weight), and the two fields are written again with
 * the new total and the test added. An untrained classifier
 * ({@link BayesClassifier#MIN_TRAINED} of each kind) or an unsure one changes nothing.
 *
 * <p>The old total is read back from {@code X-Spam-Score}, which has one decimal: the new total is
 * exact to that precision. Junk: a new total at or above junk_score files the message into Junk;
 * below, a message quarantined at intake leaves Junk only when the score put it there (its old
 * X-Spam-Status said Yes and DMARC did not fail, since a DMARC quarantine policy also files into
 * Junk and the queue does not say which did).
 *
 * <p>Without X-Spam fields in the prefix (filter off, submission mail, trouble) nothing is done.
 */
public final class RecipientSpam {
    private static final Logger log = LoggerFactory.getLogger(RecipientSpam.class);

    /** Probabilities from here on are spam. */
    public static final double SPAM_FROM = 0.9;
    /** Probabilities up to here are ham. */
    public static final double HAM_UPTO = 0.1;

    private static final Pattern SCORE = Pattern.compile("(?m)^X-Spam-Score: (-?[0-9]+\\.[0-9])\r\n");
    private static final Pattern STATUS = Pattern.compile(
            "(?m)^X-Spam-Status: (Yes|No), score=\\S+ required=\\S+ tests=((?:[^\r\n]|\r\n[ \t])*)\r\n");

    /** Opens the queued message (only when the score may change: with X-Spam fields and Bayes on). */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    /** The prefix to write and whether the message goes to Junk. */
    public record Rescored(String prefix, boolean junk) {
    }

    private final BayesStore bayes;
    private final double junkScore;
    private final MimeSettings mime;

    private RecipientSpam(BayesStore bayes, double junkScore, MimeSettings mime) {
        this.bayes = bayes;
        this.junkScore = junkScore;
        this.mime = mime;
    }

    /** Bayes of {@code bayes} when its settings and {@code filter}'s say on; else {@link #off()}. */
    public static RecipientSpam over(BayesStore bayes, FilterSettings filter, MimeSettings mime) {
        return bayes.settings().enabled() && filter.enabled() ? new RecipientSpam(bayes, filter.junkScore(), mime) : off();
    }

    /** Changes nothing. */
    public static RecipientSpam off() {
        return new RecipientSpam(null, 0, null);
    }

    /**
     * The prefix and Junk decision for one local recipient.
     *
     * @param accountId the recipient's account
     * @param message   opens the queued message (read up to {@link MessageTokens#MAX_OCTETS}, closed here)
     * @param prefix    the queued prefix ({@code Authentication-Results}, {@code X-Spam-*}), each field with its CRLF
     * @param junk      whether intake filed it into Junk
     */
    public Rescored rescore(long accountId, Opener message, String prefix, boolean junk) throws IOException {
        Rescored same = new Rescored(prefix, junk);
        if (bayes == null) return same;
        Matcher score = SCORE.matcher(prefix);
        Matcher status = STATUS.matcher(prefix);
        // the two fields as SpamScore.fields writes them: Score, then Status right after it
        if (!score.find() || !status.find(score.end()) || status.start() != score.end()) return same;
        TokenCounts trained = bayes.counts(accountId);
        // an untrained classifier says nothing: the message is not read (most users never train)
        if (trained.hamMessages() < BayesClassifier.MIN_TRAINED || trained.spamMessages() < BayesClassifier.MIN_TRAINED) return same;
        byte[] head;
        try (InputStream in = message.open()) {
            head = in.readNBytes(MessageTokens.MAX_OCTETS);
        }
        Optional<BayesClassifier.Verdict> v = BayesClassifier.classify(MessageTokens.of(head, mime), trained);
        if (v.isEmpty()) return same;
        double p = v.get().probability();
        Contribution c;
        if (p >= SPAM_FROM) {
            c = new Contribution("BAYES_SPAM", bayes.settings().weight());
        } else if (p <= HAM_UPTO) {
            c = new Contribution("BAYES_HAM", -bayes.settings().weight());
        } else {
            return same;
        }
        double old = Double.parseDouble(score.group(1));
        String tests = status.group(2).replaceAll("\r\n[ \t]", "").strip();
        List<Contribution> parts = new ArrayList<>();
        if (!tests.equals("none")) {
            boolean first = true;
            for (String t : tests.split(",")) {
                if (t.isEmpty() || t.equals("...")) continue;
                parts.add(new Contribution(Contribution.name(t), first ? old : 0)); // the names as they were, the old total once
                first = false;
            }
        }
        if (parts.isEmpty() && old != 0) parts.add(new Contribution("SCORE", old));
        parts.add(c);
        SpamScore now = new SpamScore(parts);
        boolean scoreJunked = status.group(1).equals("Yes") && !tests.matches("(?:.*,)?DMARC_FAIL(?:,.*)?");
        boolean toJunk = now.reaches(junkScore) || (junk && !scoreJunked);
        log.debug("bayes: account {}: p={} {} score {} -> {}", accountId, p, c.test(), old, SpamScore.number(now.total()));
        String fields = now.fields(junkScore);
        return new Rescored(prefix.substring(0, score.start()) + fields + prefix.substring(status.end()), toJunk);
    }
}
