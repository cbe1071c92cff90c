package dev.surel.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Plain-text mail for the SEARCH TEXT workload, the same for the same seed, count and number:
 * text/plain us-ascii of 1-3 KB whose words come from a vocabulary of about 3,000 invented words
 * (consonant-vowel syllables), drawn with a Zipf-like skew so some words are everywhere and most
 * are rare, like a language. Three marker words, spelt so that no vocabulary word and no header
 * contains them (they hold letters or letter pairs the syllables never make), are put into
 * bodies at known rates:
 * <ul>
 *   <li>{@code rare} {@value #RARE}: exactly 5 messages (spread over the mailbox);</li>
 *   <li>{@code medium} {@value #MEDIUM}: every 100th message (1 %);</li>
 *   <li>{@code common} {@value #COMMON}: a random 30 % of the messages.</li>
 * </ul>
 * {@link #markerCounts()} gives how many messages contain each, so the load generator checks every
 * server's answer count.
 */
final class SearchTextMail {
    static final String RARE = "quokkaphone";
    static final String MEDIUM = "zephyrlink";
    static final String COMMON = "invoice";
    private static final String CONSONANTS = "bdfgklmnprstv";
    private static final String VOWELS = "aeiou";

    private final long seed;
    private final String to;
    private final int count;
    private final List<String> vocabulary = new ArrayList<>();
    private final int[] markers = new int[3];

    SearchTextMail(long seed, String to, int count) {
        this.seed = seed;
        this.to = to;
        this.count = count;
        Random r = new Random(seed);
        while (vocabulary.size() < 3000) {
            StringBuilder w = new StringBuilder();
            int syllables = 1 + r.nextInt(4);
            for (int s = 0; s < syllables; s++) w.append(CONSONANTS.charAt(r.nextInt(CONSONANTS.length()))).append(VOWELS.charAt(r.nextInt(VOWELS.length())));
            vocabulary.add(w.toString());
        }
    }

    /** Message number n (from 1 to count). */
    String message(int n) {
        Random r = new Random(seed * 1_000_003L + n);
        StringBuilder m = new StringBuilder(3200);
        m.append("Return-Path: <writer").append(n % 50).append("@example.org>\n");
        m.append("From: Writer ").append(n % 50).append(" <writer").append(n % 50).append("@example.org>\n");
        m.append("To: ").append(to).append('\n');
        m.append("Subject: ").append(word(r)).append(' ').append(word(r)).append(' ').append(word(r)).append('\n');
        m.append(String.format(Locale.ROOT, "Date: Tue, %d Dec 2026 %02d:%02d:00 +0000\n", 1 + n % 28, n % 24, n % 60));
        m.append("Message-ID: <text-").append(n).append('.').append(seed).append("@bench.invalid>\n");
        m.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\nContent-Transfer-Encoding: 7bit\n\n");
        int length = 1000 + r.nextInt(2000);
        boolean rare = count >= 5 ? n % (count / 5) == 0 && n / (count / 5) <= 5 : n == 1;
        boolean medium = n % 100 == 0;
        boolean common = r.nextInt(10) < 3;
        List<String> extra = new ArrayList<>();
        if (rare) extra.add(RARE);
        if (medium) extra.add(MEDIUM);
        if (common) extra.add(COMMON);
        if (rare) markers[0]++;
        if (medium) markers[1]++;
        if (common) markers[2]++;
        int start = m.length(), col = 0;
        while (m.length() - start < length || !extra.isEmpty()) {
            String w = !extra.isEmpty() && r.nextInt(40) == 0 ? extra.removeFirst() : word(r);
            if (col + w.length() + 1 > 72) {
                m.append('\n');
                col = 0;
            } else if (col > 0) {
                m.append(' ');
                col++;
            }
            m.append(w);
            col += w.length();
        }
        return m.append('\n').toString();
    }

    /** A vocabulary word, skewed towards the first ones (index = size * u^3). */
    private String word(Random r) {
        double u = r.nextDouble();
        return vocabulary.get((int) (vocabulary.size() * u * u * u));
    }

    /** One line per marker: {@code <label> <word> <messages containing it>} (valid once every message was made). */
    String markerCounts() {
        return "rare " + RARE + " " + markers[0] + "\nmedium " + MEDIUM + " " + markers[1] + "\ncommon " + COMMON + " " + markers[2] + "\n";
    }
}
