package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The protocol log never shows a password and never a control byte. */
class ProtocolLogTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a1 LOGIN alice \"secret pw\"|a1 LOGIN ***",
            "a1 login {5}|a1 login ***",
            "a2 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==|a2 AUTHENTICATE PLAIN ***",
            "a3 UID FETCH 1:5 (BODY.PEEK[])|a3 UID FETCH 1:5 (BODY.PEEK[])",
            "a4 SELECT Entw\u00fcrfe|a4 SELECT Entw??rfe",
    })
    void redacts(String line, String logged) {
        assertThat(ProtocolLog.redact((line + "\r\n").getBytes(StandardCharsets.UTF_8))).isEqualTo(logged);
    }
}
