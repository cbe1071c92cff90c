package dev.surel.protocol.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The phrase of a needle: offsets 0, 3, 6, ... and n - 3, which cover every char of it. */
class TrigramsTest {

    @Test
    void shortNeedlesCannotBeAsked() {
        assertThat(Trigrams.ofNeedle("")).isNull();
        assertThat(Trigrams.ofNeedle("ab")).isNull();
    }

    @Test
    void phraseTermsAndOffsets() {
        assertThat(Trigrams.ofNeedle("abc").terms()).containsExactly(new Trigrams.Term("abc", 0));
        assertThat(Trigrams.ofNeedle("abcdef").terms()).containsExactly(new Trigrams.Term("abc", 0), new Trigrams.Term("def", 3));
        assertThat(Trigrams.ofNeedle("abcdefg").terms())
                .containsExactly(new Trigrams.Term("abc", 0), new Trigrams.Term("def", 3), new Trigrams.Term("efg", 4));
        assertThat(Trigrams.ofNeedle("abcdefg").complete()).isTrue();
    }

    @Test
    void longNeedleKeepsItsFirstTermsAndSaysSo() {
        String needle = "x".repeat(Trigrams.N * Trigrams.MAX_TERMS + 1);
        Trigrams.Phrase p = Trigrams.ofNeedle(needle);
        assertThat(p.terms()).hasSize(Trigrams.MAX_TERMS);
        assertThat(p.complete()).isFalse();
        assertThat(Trigrams.ofNeedle("x".repeat(Trigrams.N * Trigrams.MAX_TERMS)).complete()).isTrue();
        assertThat(Trigrams.ofNeedle(needle).terms().getLast().offset()).isLessThan(Trigrams.TEXT_GAP);
    }

    /**
     * The phrase is an exact substring test: for random texts over a small alphabet (many near
     * misses), the terms at offset+i are all in the text exactly when the needle is at i.
     */
    @Test
    void phraseMatchesExactlyWhereTheNeedleIs() {
        Random r = new Random(16);
        for (int round = 0; round < 2000; round++) {
            String text = random(r, 5 + r.nextInt(40));
            String needle = r.nextBoolean() && text.length() > 8 ? text.substring(r.nextInt(text.length() - 8)).substring(0, 3 + r.nextInt(6))
                    : random(r, 3 + r.nextInt(8));
            Trigrams.Phrase p = Trigrams.ofNeedle(needle);
            for (int i = 0; i + needle.length() <= text.length(); i++) {
                boolean all = true;
                for (Trigrams.Term t : p.terms()) {
                    all &= text.startsWith(t.text(), i + t.offset());
                }
                assertThat(all).as(text + " / " + needle + " at " + i).isEqualTo(text.startsWith(needle, i));
            }
        }
    }

    private static String random(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append("ab".charAt(r.nextInt(2)));
        return b.toString();
    }

    @Test
    void everyTermIsThreeChars() {
        List<Integer> lengths = new ArrayList<>();
        for (Trigrams.Term t : Trigrams.ofNeedle("straße über").terms()) lengths.add(t.text().length());
        assertThat(lengths).containsOnly(3);
    }
}
