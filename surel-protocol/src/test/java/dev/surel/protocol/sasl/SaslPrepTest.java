package dev.surel.protocol.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RFC 4013 §3 examples (all but the bidi one, which is documented as not checked). */
class SaslPrepTest {
    @Test
    void rfc4013Examples() {
        assertThat(SaslPrep.prepare("I\u00ADX")).isEqualTo("IX");
        assertThat(SaslPrep.prepare("user")).isEqualTo("user");
        assertThat(SaslPrep.prepare("USER")).isEqualTo("USER");
        assertThat(SaslPrep.prepare("\u00AA")).isEqualTo("a");
        assertThat(SaslPrep.prepare("\u2168")).isEqualTo("IX");
        assertThatThrownBy(() -> SaslPrep.prepare("\u0007")).isInstanceOf(SaslPrep.ProhibitedCharacter.class);
    }

    @Test
    void asciiIsCopiedUnchanged() {
        char[] in = "pencil".toCharArray();
        char[] out = SaslPrep.prepare(in);
        assertThat(out).isEqualTo(in).isNotSameAs(in);
    }
}
