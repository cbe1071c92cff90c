package dev.surel.protocol.imap.names;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIST wildcards (RFC 9051 §6.3.9) with hierarchy delimiter '/'. */
class ListPatternTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // reference | mailbox | name | matches
            "|*|INBOX|true",
            "|*|a/b/c|true",
            "|%|a|true",
            "|%|a/b|false",
            "|%/%|a/b|true",
            "|%/%|a/b/c|false",
            "|a/*|a/b/c|true",
            "|a/*|a|false",
            "|a*|a|true",
            "|a*|a/b|true",
            "|a%|abc|true",
            "|a%|a/b|false",
            "|a/%|a/b|true",
            "|a/%|a/b/c|false",
            "a/|%|a/b|true",
            "a/|%|b|false",
            "a/|*|a/b/c|true",
            "|inbox|INBOX|true",
            "|INBOX|inbox|true",
            "|Inbox/%|INBOX/x|true",
            "|inbox/x|INBOX/X|false",
            "|Sent|sent|false",
            "|*b|a/b|true",
            "|%b|a/b|false",
            "|%%%|abc|true",
            "|*%|a/b|true",
            "|a%c|a/c|false",
            "|a*c|a/c|true",
            "||INBOX|false",
            "|Entwürfe|Entwürfe|true",
            "|Entw%fe|Entwürfe|true",
    })
    void matches(String reference, String mailbox, String name, boolean expected) {
        ListPattern p = ListPattern.of(reference == null ? "" : reference, mailbox == null ? "" : mailbox, '/');
        assertThat(p.matches(name)).isEqualTo(expected);
    }

    /** "%" last: levels of hierarchy above a deeper name also match (RFC 3501 §6.3.8). */
    @Test
    void ancestorsForTrailingPercent() {
        assertThat(ListPattern.of("", "%", '/').matchesAncestorOf("a/b/c")).isTrue();
        assertThat(ListPattern.of("", "a/%", '/').matchesAncestorOf("a/b/c")).isTrue();
        assertThat(ListPattern.of("", "x/%", '/').matchesAncestorOf("a/b/c")).isFalse();
        assertThat(ListPattern.of("", "*", '/').matchesAncestorOf("a/b/c")).isFalse();
        assertThat(ListPattern.of("", "%", '/').matchesAncestorOf("a")).isFalse();
    }

    /** Many wildcards against a long name stay fast (no exponential backtracking). */
    @Test
    void hostilePatternIsLinearish() {
        String pattern = "*a".repeat(200) + "b";
        String name = "a".repeat(5000);
        assertThat(ListPattern.of("", pattern, '/').matches(name)).isFalse();
        assertThat(ListPattern.of("", "%".repeat(300) + "x", '/').matches("a".repeat(3000))).isFalse();
    }
}
