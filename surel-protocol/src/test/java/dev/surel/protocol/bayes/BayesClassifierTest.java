package dev.surel.protocol.bayes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Robinson's token probabilities, Fisher's combining and the classifier trained on a small corpus. */
class BayesClassifierTest {

    /** Counts held in memory, trained message by message. */
    static final class MemoryCounts implements TokenCounts {
        long ham;
        long spam;
        final Map<String, Count> counts = new HashMap<>();

        void train(String subject, String text, boolean isSpam) {
            for (String t : Tokenizer.tokens(subject, text)) {
                Count c = counts.getOrDefault(t, new Count(0, 0));
                counts.put(t, isSpam ? new Count(c.ham(), c.spam() + 1) : new Count(c.ham() + 1, c.spam()));
            }
            if (isSpam) spam++; else ham++;
        }

        @Override public long hamMessages() { return ham; }
        @Override public long spamMessages() { return spam; }
        @Override public Map<String, Count> counts(Set<String> tokens) {
            Map<String, Count> out = new HashMap<>();
            for (String t : tokens) if (counts.containsKey(t)) out.put(t, counts.get(t));
            return out;
        }
    }

    static final String[] HAM = {
        "the project meeting moved to thursday afternoon, agenda attached",
        "please review the quarterly budget before our meeting",
        "lunch with the team on friday? the new place near the office",
        "minutes of yesterday's meeting and the action items for the release",
        "can you send the slides for the customer workshop",
        "build failed on the release branch, the test report is attached",
        "reminder: the office is closed on monday for the holiday",
        "thanks for the review, I updated the budget spreadsheet",
        "the customer asked for a workshop agenda and the slides",
        "release notes draft for thursday, please comment",
        "team lunch moved to the cafeteria, see you at noon",
        "project status: tests pass, release candidate ready for review",
    };

    static final String[] SPAM = {
        "cheap pills online, no prescription, order viagra now",
        "you won the lottery! claim your prize money today",
        "exclusive offer: cheap watches, free shipping, order now",
        "urgent: verify your bank account to claim the prize",
        "lose weight fast with these miracle pills, order today",
        "congratulations, your lottery ticket won a million dollars",
        "free money!!! click here to claim your cash prize now",
        "limited offer on cheap viagra and pills, buy now",
        "your account is suspended, verify your password urgently",
        "hot singles in your area, click now for free",
        "miracle investment doubles your money, act now",
        "claim your free gift card now, offer ends today",
    };

    static MemoryCounts trained() {
        MemoryCounts m = new MemoryCounts();
        for (String h : HAM) m.train("", h, false);
        for (String s : SPAM) m.train("", s, true);
        return m;
    }

    @Test
    void chiSquareTailMatchesItsClosedForms() {
        assertThat(BayesClassifier.chi2Q(0, 2)).isEqualTo(1.0);
        assertThat(BayesClassifier.chi2Q(2 * Math.log(10), 2)).isCloseTo(0.1, within(1e-12)); // v=2: e^(-x/2)
        double x = 7.0;
        assertThat(BayesClassifier.chi2Q(x, 4)).isCloseTo(Math.exp(-x / 2) * (1 + x / 2), within(1e-12));
        assertThat(BayesClassifier.chi2Q(5000, 300)).isEqualTo(0.0); // far in the tail; no NaN from the underflow
    }

    @Test
    void aTokenSeenOnceSaysLittleAndOftenSaysMore() {
        double once = BayesClassifier.probability(new TokenCounts.Count(0, 1), 100, 100);
        double often = BayesClassifier.probability(new TokenCounts.Count(0, 40), 100, 100);
        double even = BayesClassifier.probability(new TokenCounts.Count(10, 10), 100, 100);
        assertThat(once).isCloseTo((0.45 * 0.5 + 1) / 1.45, within(1e-12));
        assertThat(often).isGreaterThan(0.98);
        assertThat(even).isCloseTo(0.5, within(1e-12));
        // ratios are relative to the messages trained: a token in 10 of 10 spams but 10 of 1000 hams is spammy
        assertThat(BayesClassifier.probability(new TokenCounts.Count(10, 10), 1000, 10)).isGreaterThan(0.95);
    }

    @Test
    void untrainedFiltersSayNothing() {
        MemoryCounts few = new MemoryCounts();
        for (int i = 0; i < BayesClassifier.MIN_TRAINED - 1; i++) few.train("", SPAM[i], true);
        for (String h : HAM) few.train("", h, false);
        assertThat(BayesClassifier.classify(Tokenizer.tokens("", SPAM[0]), few)).isEmpty();
    }

    @Test
    void separatesNewSpamFromNewHamAndLeavesTheUnknownUnsure() {
        MemoryCounts m = trained();
        double spam = BayesClassifier.classify(Tokenizer.tokens("", "claim your cheap pills now, free prize offer"), m).orElseThrow()
                .probability();
        double ham = BayesClassifier.classify(Tokenizer.tokens("", "agenda for the release review meeting with the team"), m).orElseThrow()
                .probability();
        BayesClassifier.Verdict unknown = BayesClassifier.classify(Tokenizer.tokens("", "zebra quantum marmalade"), m).orElseThrow();
        assertThat(spam).isGreaterThan(0.9);
        assertThat(ham).isLessThan(0.1);
        assertThat(unknown.probability()).isEqualTo(0.5);
        assertThat(unknown.clues()).isEmpty();
    }

    @Test
    void cluesAreTheStrongestTokensAndBounded() {
        MemoryCounts m = trained();
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400; i++) big.append("word").append(i).append(' ');
        for (String s : SPAM) big.append(s).append(' ');
        for (String h : HAM) big.append(h).append(' ');
        BayesClassifier.Verdict v = BayesClassifier.classify(Tokenizer.tokens("", big.toString()), m).orElseThrow();
        assertThat(v.clues()).hasSizeLessThanOrEqualTo(BayesClassifier.MAX_DISCRIMINATORS);
        assertThat(v.clues()).allSatisfy(c -> assertThat(Math.abs(c.probability() - 0.5)).isGreaterThanOrEqualTo(BayesClassifier.MIN_STRENGTH));
        for (int i = 1; i < v.clues().size(); i++) {
            assertThat(Math.abs(v.clues().get(i - 1).probability() - 0.5)).isGreaterThanOrEqualTo(Math.abs(v.clues().get(i).probability() - 0.5));
        }
        assertThat(v.probability()).isBetween(0.0, 1.0);
    }
}
