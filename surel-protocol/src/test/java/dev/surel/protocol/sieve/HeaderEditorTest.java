package dev.surel.protocol.sieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HeaderEditor}: RFC 5293 changes applied to a header section as octets. */
class HeaderEditorTest {

    static final String HEADER = "Received: from a\r\n\tby b\r\nX-A: 1\r\nSubject: hi\r\nX-A: 2\r\n";

    static String apply(List<HeaderEdit> edits) {
        return new String(HeaderEditor.apply(HEADER.getBytes(StandardCharsets.UTF_8), edits), StandardCharsets.UTF_8);
    }

    @Test
    void addsAtTheTopOrAtTheEnd() {
        assertThat(apply(List.of(new HeaderEdit.Add("X-New", "top", false), new HeaderEdit.Add("X-Last", "end", true))))
                .isEqualTo("X-New: top\r\n" + HEADER + "X-Last: end\r\n");
    }

    @Test
    void deletesTheNthFieldOfANameKeepingFoldedFieldsWhole() {
        assertThat(apply(List.of(new HeaderEdit.Delete("x-a", 2)))).isEqualTo("Received: from a\r\n\tby b\r\nX-A: 1\r\nSubject: hi\r\n");
        assertThat(apply(List.of(new HeaderEdit.Delete("X-A", 2), new HeaderEdit.Delete("X-A", 1))))
                .isEqualTo("Received: from a\r\n\tby b\r\nSubject: hi\r\n");
        assertThat(apply(List.of(new HeaderEdit.Delete("Received", 1)))).isEqualTo("X-A: 1\r\nSubject: hi\r\nX-A: 2\r\n");
    }

    @Test
    void nonAsciiValuesAreEncodedWords() {
        String out = apply(List.of(new HeaderEdit.Add("X-Note", "für dich", false)));
        assertThat(out).startsWith("X-Note: =?UTF-8?").doesNotContain("ü");
        assertThat(out.chars().allMatch(c -> c < 128)).isTrue();
    }

    @Test
    void aDeletionOfAMissingFieldChangesNothing() {
        assertThat(apply(List.of(new HeaderEdit.Delete("X-None", 1)))).isEqualTo(HEADER);
    }
}
