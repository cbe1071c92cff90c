package dev.surel.protocol.managesieve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** RFC 5804 §1.6 script names. */
class ScriptNameTest {

    @Test
    void acceptsUnicodeUpTo128Characters() {
        assertThat(ScriptName.valid("vacation")).isTrue();
        assertThat(ScriptName.valid("Urlaub für Jörg 😀")).isTrue();
        assertThat(ScriptName.valid("a \"quoted\" \\ name")).isTrue();
        assertThat(ScriptName.valid("😀".repeat(128))).as("128 characters, 256 UTF-16 units").isTrue();
        assertThat(ScriptName.problem("x".repeat(129))).hasValueSatisfying(p -> assertThat(p).contains("128"));
    }

    @Test
    void refusesEmptyControlsSeparatorsAndBrokenUnicode() {
        assertThat(ScriptName.valid("")).isFalse();
        assertThat(ScriptName.valid("a\tb")).isFalse();
        assertThat(ScriptName.valid("a\u0000")).isFalse();
        assertThat(ScriptName.valid("a\u007f")).isFalse();
        assertThat(ScriptName.valid("a\u0085")).isFalse();
        assertThat(ScriptName.valid("a\u2028")).isFalse();
        assertThat(ScriptName.valid("a\u2029")).isFalse();
        assertThat(ScriptName.valid("a\ud800")).isFalse();
        assertThat(ScriptName.valid("\udc00a")).isFalse();
    }
}
