package dev.surel.protocol.imap.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3501 §5.1.3 modified UTF-7: round trips, the RFC's own example, strict rejection. */
class ModifiedUtf7Test {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "INBOX|INBOX",
            "Sent Items|Sent Items",
            "a&b|a&-b",
            "&|&-",
            // RFC 3501 §5.1.3 example: "~peter/mail/&U,BTFw-/&ZeVnLIqe-" is ~peter/mail/台北/日本語
            "~peter/mail/\u53f0\u5317/\u65e5\u672c\u8a9e|~peter/mail/&U,BTFw-/&ZeVnLIqe-",
            "Entw\u00fcrfe|Entw&APw-rfe",
            "Gel\u00f6schte Elemente|Gel&APY-schte Elemente",
            "\u00fc\u00f6|&APwA9g-",
            "\ud83d\udce7 mail|&2D3c5w- mail",
            "tab\there|tab&AAk-here",
    })
    void roundTrips(String name, String wire) {
        assertThat(ModifiedUtf7.encode(name)).isEqualTo(wire);
        assertThat(ModifiedUtf7.decode(wire)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "a&b",        // unterminated shift
            "&Jjo",       // unterminated shift
            "&Jjo!-",     // '!' is not base64
            "&AGE-",      // encodes printable ASCII 'a'
            "&APw-&APY-", // adjacent runs must be one
            "&APw",       // unterminated
            "&AP-",       // partial UTF-16 unit
            "&APx-",      // non-zero pad bits
            "&2D0-",      // unpaired high surrogate
            "&3OcA,A-",   // unpaired low surrogate
            "Entw\u00fcrfe", // raw 8-bit
            "a\tb",       // control character
            "&U,BTFw==-", // padding not allowed
    })
    void rejectsInvalid(String wire) {
        assertThat(ModifiedUtf7.isValid(wire)).isFalse();
        assertThatThrownBy(() -> ModifiedUtf7.decode(wire)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800x", "x\udc00"})
    void encodeRejectsUnpairedSurrogates(String name) {
        assertThatThrownBy(() -> ModifiedUtf7.encode(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
