package dev.surel.filter;

/**
 * The per-user Bayes classifier's settings ({@code [filter]} bayes keys, docs/filtering.md).
 *
 * @param enabled   train on IMAP moves into and out of Junk, and score port 25 mail per recipient at delivery
 * @param weight    points of {@code BAYES_SPAM} (added) and of {@code BAYES_HAM} (subtracted)
 * @param maxTokens most tokens kept per user; beyond it the rarest, least recently trained ones are pruned
 */
public record BayesSettings(boolean enabled, double weight, int maxTokens) {

    /** Tokens a prune leaves below {@code maxTokens} (a tenth), so that it does not run after every message. */
    public int pruneTo() {
        return maxTokens - maxTokens / 10;
    }

    public BayesSettings {
        if (!Double.isFinite(weight) || weight < 0) throw new IllegalArgumentException("bayes_weight must be a number >= 0");
        if (maxTokens < 1000) throw new IllegalArgumentException("bayes_max_tokens must be at least 1000");
    }

    /** The defaults: on, 3 points, 100,000 tokens per user. */
    public static BayesSettings defaults() {
        return new BayesSettings(true, 3.0, 100_000);
    }

    /** Off: no training, no scoring. */
    public static BayesSettings off() {
        return new BayesSettings(false, 3.0, 100_000);
    }
}
