package dev.surel.protocol.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XtextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rfc822;alice@example.org|rfc822;alice@example.org",
            "a+b=c|a+2Bb+3Dc",
            "with space|with+20space",
            "é|+C3+A9",
            "''|''",
    })
    void encodesAndDecodes(String plain, String xtext) {
        assertThat(Xtext.encode(plain)).isEqualTo(xtext);
        assertThat(Xtext.decode(xtext)).contains(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=b", "a b", "+", "+4", "+G0", "a+0D", "+0A", "tab\t", "é", "QQ+00314", "o+bf+bA", "+FF", "+C3"})
    void refusesWhatIsNotXtext(String bad) {
        assertThat(Xtext.decode(bad)).isEmpty();
        assertThat(Xtext.isValid(bad)).isFalse();
    }

    @Test
    void acceptsLowerCaseHex() {
        assertThat(Xtext.decode("a+2bb")).contains("a+b");
    }
}
