package dev.surel.protocol.bayes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spam probability of a message from its tokens and what training taught (Robinson's method,
 * with the constants SpamBayes settled on):
 * <ol>
 *   <li>per token, the ratio of spam to ham appearances, each relative to the messages trained,
 *       smoothed toward {@link #UNKNOWN_PROBABILITY} by {@link #UNKNOWN_STRENGTH} so a token seen
 *       once says little;</li>
 *   <li>only tokens at least {@link #MIN_STRENGTH} away from 0.5, the {@link #MAX_DISCRIMINATORS}
 *       strongest of them;</li>
 *   <li>Fisher's method both ways: S from the spam evidence, H from the ham evidence (each
 *       {@code 1 - chi2Q(-2 Σ ln p, 2n)}), the result {@code (1 + S - H) / 2}: 0 ham, 1 spam,
 *       near 0.5 when the evidence is weak or mixed.</li>
 * </ol>
 * Nothing is said ({@link Optional#empty()}) before {@link #MIN_TRAINED} messages of each kind
 * were trained: an untrained filter must not decide.
 */
public final class BayesClassifier {

    public static final double UNKNOWN_PROBABILITY = 0.5;
    public static final double UNKNOWN_STRENGTH = 0.45;
    public static final double MIN_STRENGTH = 0.1;
    public static final int MAX_DISCRIMINATORS = 150;
    public static final int MIN_TRAINED = 10;

    /**
     * The outcome.
     *
     * @param probability 0 (ham) to 1 (spam)
     * @param clues       the tokens that decided, strongest first, with their probabilities
     */
    public record Verdict(double probability, List<Clue> clues) {
        public Verdict {
            clues = List.copyOf(clues);
        }
    }

    /** One token and its smoothed spam probability. */
    public record Clue(String token, double probability) {
    }

    private BayesClassifier() {
    }

    public static Optional<Verdict> classify(Set<String> tokens, TokenCounts trained) {
        long nham = trained.hamMessages();
        long nspam = trained.spamMessages();
        if (nham < MIN_TRAINED || nspam < MIN_TRAINED) return Optional.empty();
        Map<String, TokenCounts.Count> counts = trained.counts(tokens);
        List<Clue> clues = new ArrayList<>();
        for (String t : tokens) {
            TokenCounts.Count c = counts.get(t);
            double p = c == null ? UNKNOWN_PROBABILITY : probability(c, nham, nspam);
            if (Math.abs(p - 0.5) >= MIN_STRENGTH) clues.add(new Clue(t, p));
        }
        clues.sort(Comparator.comparingDouble((Clue c) -> -Math.abs(c.probability() - 0.5)).thenComparing(Clue::token));
        if (clues.size() > MAX_DISCRIMINATORS) clues = clues.subList(0, MAX_DISCRIMINATORS);
        if (clues.isEmpty()) return Optional.of(new Verdict(0.5, List.of()));
        double lnHam = 0;
        double lnSpam = 0;
        for (Clue c : clues) {
            lnSpam += Math.log(1 - c.probability());
            lnHam += Math.log(c.probability());
        }
        int n = clues.size();
        double s = 1 - chi2Q(-2 * lnSpam, 2 * n);
        double h = 1 - chi2Q(-2 * lnHam, 2 * n);
        return Optional.of(new Verdict((1 + s - h) / 2, clues));
    }

    /** Robinson's f(w): the token's spam ratio smoothed by how often it was seen. */
    static double probability(TokenCounts.Count c, long nham, long nspam) {
        double hamRatio = Math.min(1.0, (double) c.ham() / nham);
        double spamRatio = Math.min(1.0, (double) c.spam() / nspam);
        double p = hamRatio + spamRatio == 0 ? UNKNOWN_PROBABILITY : spamRatio / (hamRatio + spamRatio);
        long n = c.ham() + c.spam();
        double f = (UNKNOWN_STRENGTH * UNKNOWN_PROBABILITY + n * p) / (UNKNOWN_STRENGTH + n);
        return Math.clamp(f, 0.0001, 0.9999);
    }

    /**
     * The probability that a chi-square variable with {@code v} (even) degrees of freedom is at
     * least {@code x2}: {@code e^(-m) Σ m^i/i!} for {@code i < v/2}, {@code m = x2/2}.
     */
    static double chi2Q(double x2, int v) {
        double m = x2 / 2.0;
        double term = Math.exp(-m);
        double sum = term;
        for (int i = 1; i < v / 2; i++) {
            term *= m / i;
            sum += term;
        }
        return Math.min(sum, 1.0);
    }
}
