package dev.surel.fulltext;

import dev.surel.protocol.imap.search.Trigrams;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * The trigram at every char of each text, at consecutive positions, with {@link Trigrams#TEXT_GAP}
 * empty positions between texts ({@link Trigrams}). The texts are already folded and bounded.
 */
final class TrigramTokens extends TokenStream {
    private final List<String> texts;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute increment = addAttribute(PositionIncrementAttribute.class);
    private int text;
    private int at;
    private boolean emitted;
    private boolean newText;

    TrigramTokens(List<String> texts) {
        this.texts = texts;
    }

    @Override
    public boolean incrementToken() {
        clearAttributes();
        while (text < texts.size()) {
            String t = texts.get(text);
            if (at + Trigrams.N <= t.length()) {
                term.setEmpty().append(t, at, at + Trigrams.N);
                increment.setPositionIncrement(emitted && newText ? 1 + Trigrams.TEXT_GAP : 1);
                emitted = true;
                newText = false;
                at++;
                return true;
            }
            text++;
            at = 0;
            newText = true;
        }
        return false;
    }

    @Override
    public void reset() throws java.io.IOException {
        super.reset();
        text = 0;
        at = 0;
        emitted = false;
        newText = false;
    }
}
