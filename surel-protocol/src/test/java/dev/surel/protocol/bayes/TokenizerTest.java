package dev.surel.protocol.bayes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void wordsSubjectLongWordsAndLinks() {
        assertThat(Tokenizer.tokens("Cheap Pills", "Buy NOW at https://shop.pills.example/x?a=1 or http://Other.Example. ok "
                + "x".repeat(30) + " Grüße 42 123"))
                .containsExactly("subject:cheap", "subject:pills", "url:shop.pills.example", "url:pills.example", "url:other.example",
                        "buy", "now", "https", "shop", "pills", "example", "http", "other", "skip:x30", "grüße", "123");
    }

    @Test
    void boundedWhateverTheInput() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 100_000; i++) b.append("w").append(i).append(' ');
        assertThat(Tokenizer.tokens("", b.toString())).hasSize(Tokenizer.MAX_TOKENS);
        String late = "a ".repeat(Tokenizer.MAX_TEXT) + "unseen";
        assertThat(Tokenizer.tokens("", late)).doesNotContain("unseen");
        assertThat(Tokenizer.tokens("", "")).isEmpty();
    }
}
