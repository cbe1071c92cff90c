package dev.surel.protocol.filter;

import java.util.regex.Pattern;

/**
 * One rule's part of a spam score: its test name (as listed in {@code X-Spam-Status: tests=},
 * letters, digits, '_', '-' and '.' only) and its points (negative for a sign of good mail).
 * Every source of points (header rules, authentication results, DNS blocklists, rspamd, and later
 * a per-user Bayes classifier) gives contributions; the {@link SpamScore} adds them up.
 */
public record Contribution(String test, double points) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    public Contribution {
        if (!NAME.matcher(test).matches()) throw new IllegalArgumentException("bad test name: " + test);
        if (!Double.isFinite(points)) throw new IllegalArgumentException("points of " + test + ": " + points);
    }

    /** A test name made from free text (an rspamd symbol, a blocklist zone): other characters become '_', cut to 64. */
    public static String name(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 64; i++) {
            char c = text.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') ? c : '_');
        }
        return b.isEmpty() ? "_" : b.toString();
    }
}
