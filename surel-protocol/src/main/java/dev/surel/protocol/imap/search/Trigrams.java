package dev.surel.protocol.imap.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Character trigrams: the terms of the full-text index behind SEARCH BODY / TEXT (RFC 9051
 * §6.4.4 substring semantics). A text, folded as {@link SearchEvaluator#fold} folds it, is indexed
 * as the trigram starting at each of its UTF-16 positions, at that position; texts of one message
 * are kept {@link #TEXT_GAP} positions apart so no phrase spans two of them.
 *
 * <p>A needle of n >= 3 chars occurs at char i of a text exactly when the trigrams at needle
 * offsets 0, 3, 6, ... and n - 3 occur at i plus those offsets (they cover every char of the
 * needle), so a phrase query of {@link #ofNeedle} terms is an exact substring test, as long as it
 * has all of them ({@link Phrase#complete}). Shorter needles cannot be asked of the index.
 */
public final class Trigrams {

    /** Chars per term. */
    public static final int N = 3;
    /** Most terms in one phrase; a longer needle is asked with its first ones only (a superset). */
    public static final int MAX_TERMS = 64;
    /** Positions left empty between two texts of one message: more than any phrase spans. */
    public static final int TEXT_GAP = 1024;

    private Trigrams() {
    }

    /** One term of a needle's phrase and its offset in the needle. */
    public record Term(String text, int offset) { }

    /**
     * The phrase of a folded needle.
     *
     * @param complete true when the terms cover every char of the needle (else they are the first
     *                 {@link #MAX_TERMS} and match a superset)
     */
    public record Phrase(List<Term> terms, boolean complete) {
        public Phrase {
            terms = List.copyOf(terms);
        }

        /**
         * True when a match of the phrase is a match of the needle: the phrase is complete and no
         * term holds a surrogate (an index may store a lone surrogate as U+FFFD, which keeps a
         * phrase a superset but not exact).
         */
        public boolean exact() {
            if (!complete) {
                return false;
            }
            for (Term t : terms) {
                for (int i = 0; i < t.text().length(); i++) {
                    if (Character.isSurrogate(t.text().charAt(i))) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** The phrase asking for {@code folded} as a substring; null when it is shorter than {@link #N}. */
    public static Phrase ofNeedle(String folded) {
        int n = folded.length();
        if (n < N) {
            return null;
        }
        List<Term> terms = new ArrayList<>();
        for (int p = 0; p + N <= n; p += N) {
            if (terms.size() == MAX_TERMS) {
                return new Phrase(terms, false);
            }
            terms.add(new Term(folded.substring(p, p + N), p));
        }
        if (n % N != 0) {
            if (terms.size() == MAX_TERMS) {
                return new Phrase(terms, false);
            }
            terms.add(new Term(folded.substring(n - N, n), n - N));
        }
        return new Phrase(terms, true);
    }
}
