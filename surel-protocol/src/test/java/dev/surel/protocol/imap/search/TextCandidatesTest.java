package dev.surel.protocol.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.SearchKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plan of a search program over a substring index, written out as text: {@code [needle]} is
 * a lookup, {@code &} and {@code |} the set operations, empty where nothing narrows.
 */
class TextCandidatesTest {

    private static Optional<String> plan(SearchKey key) {
        return TextCandidates.plan(key, n -> n.length() >= 3 ? Optional.of("[" + n + "]") : Optional.empty(),
                (a, b) -> "(" + a + " & " + b + ")", (a, b) -> "(" + a + " | " + b + ")");
    }

    @Test
    void bodyAndTextAreLookedUpFolded() {
        assertThat(plan(new SearchKey.Text("Straße"))).contains("[strasse]");
        assertThat(plan(new SearchKey.Body("HELLO"))).contains("[hello]");
        assertThat(plan(new SearchKey.Text("ab"))).isEmpty();
    }

    @Test
    void andIntersectsTheKeysThatNarrow() {
        SearchKey k = new SearchKey.And(List.of(new SearchKey.Flag(SearchKey.SystemFlag.SEEN, true), new SearchKey.Text("one"),
                new SearchKey.Text("ab"), new SearchKey.Body("two")));
        assertThat(plan(k)).contains("([one] & [two])");
        assertThat(plan(new SearchKey.And(List.of(new SearchKey.All(), new SearchKey.Flag(SearchKey.SystemFlag.SEEN, true))))).isEmpty();
    }

    @Test
    void orNarrowsOnlyWhenBothSidesDo() {
        assertThat(plan(new SearchKey.Or(new SearchKey.Text("one"), new SearchKey.Body("two")))).contains("([one] | [two])");
        assertThat(plan(new SearchKey.Or(new SearchKey.Text("one"), new SearchKey.AddressOrSubject(SearchKey.HeaderKind.SUBJECT, "two")))).isEmpty();
        assertThat(plan(new SearchKey.Or(new SearchKey.Text("one"), new SearchKey.Text("tw")))).isEmpty();
    }

    @Test
    void notAndOtherKeysNarrowNothing() {
        assertThat(plan(new SearchKey.Not(new SearchKey.Text("one")))).isEmpty();
        assertThat(plan(new SearchKey.Header("Subject", "one"))).isEmpty();
        assertThat(plan(new SearchKey.And(List.of(new SearchKey.Not(new SearchKey.Text("one")), new SearchKey.Text("two"))))).contains("[two]");
    }
}
