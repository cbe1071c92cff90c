package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POSIX ERE (XBD §9.4) translated for java.util.regex: what matches, what is refused. */
class EreTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "a.c           ; aXc          ; true",
            "a.c           ; 'a\nc'        ; true",
            "^ab+c?$       ; abbb         ; true",
            "(ab|cd){2}    ; xcdabx       ; true",
            "(ab|cd){3,}   ; abcdab       ; true",
            "x{0,1}y       ; y            ; true",
            "[]a]+         ; ]a]         ; true",
            "[^]a]         ; ]            ; false",
            "[a\\]         ; \\           ; true",
            "[[:digit:]-]+ ; 12-3         ; true",
            "[a-c]+        ; abcd         ; true",
            "(a|)          ; zzz          ; true",
            "\\.\\*\\+     ; .*+          ; true",
            "$x            ; x            ; false",
            "[.]           ; a            ; false",
            "(            ; (             ; error",
            ")             ; )            ; error",
            "a**           ; a            ; error",
            "*a            ; a            ; error",
            "a{2,1}        ; aa           ; error",
            "a{256}        ; a            ; error",
            "a{x}          ; a            ; error",
            "a{            ; a            ; error",
            "[z-a]         ; a            ; error",
            "[a            ; a            ; error",
            "[]            ; a            ; error",
            "[[:nope:]]    ; a            ; error",
            "[[=a=]]       ; a            ; error",
            "(a)\\1        ; aa           ; error",
            "\\d           ; 1            ; error",
            "(?i)a         ; a            ; error",
            "a+?           ; a            ; error",
            "a\\           ; a            ; error",
    })
    void translates(String ere, String value, String expected) {
        if (expected.equals("error")) {
            assertThatThrownBy(() -> Ere.translate(ere)).isInstanceOf(Ere.Invalid.class);
            assertThat(Regex.check(ere)).isNotNull();
        } else {
            assertThat(Regex.check(ere)).isNull();
            assertThat(Regex.compile(ere, false).matcher(value).find()).isEqualTo(Boolean.parseBoolean(expected));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"((((a))))", "[[:alpha:][:digit:]_-]", "a{1,255}", "\\(\\)\\[\\]\\{\\}\\|\\^\\$"})
    void alwaysCompiles(String ere) throws Ere.Invalid {
        assertThat(Pattern.compile(Ere.translate(ere))).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void nestingIsBounded() {
        assertThatThrownBy(() -> Ere.translate("(".repeat(40) + "a" + ")".repeat(40))).hasMessageContaining("nested deeper");
    }
}
