package dev.surel.imap.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.HeaderSearchTexts;
import dev.surel.protocol.mime.HeaderFields;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The shared cache of decoded SEARCH texts: keyed by blob hash, bounded, recently used entries kept. */
class SearchTextCacheTest {

    private static HeaderSearchTexts texts(int i) {
        return HeaderSearchTexts.of(HeaderFields.parse(("Subject: message " + i + "\r\nFrom: A <a" + i + "@example.org>\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hash(int i) {
        return "%064x".formatted(i);
    }

    @Test
    void returnsWhatWasPutByHash() {
        SearchTextCache c = new SearchTextCache(1 << 20);
        HeaderSearchTexts t = texts(1);
        assertThat(c.get(hash(1))).isNull();
        c.put(hash(1), t);
        assertThat(c.get(hash(1))).isSameAs(t);
        assertThat(c.get(hash(2))).isNull();
        assertThat(c.get(hash(1)).of(SearchKey.HeaderKind.SUBJECT)).containsExactly("message 1");
    }

    @Test
    void staysWithinItsBudgetAndKeepsWhatIsUsed() {
        long perEntry = 320 + 2 * 64 + texts(0).approximateBytes();
        SearchTextCache c = new SearchTextCache(perEntry * 100); // about 50 entries per generation
        c.put(hash(0), texts(0));
        for (int i = 1; i < 10_000; i++) {
            c.put(hash(i), texts(i));
            assertThat(c.get(hash(0))).as("an entry read all along stays (after %d others)", i).isNotNull();
        }
        assertThat(c.size()).isLessThanOrEqualTo(2 * 51 + 1);
        assertThat(c.get(hash(5))).as("an entry not read since it was put is gone").isNull();
        assertThat(c.get(hash(9_999))).isNotNull();
    }

    @Test
    void zeroBudgetCachesNothing() {
        SearchTextCache c = new SearchTextCache(0);
        c.put(hash(1), texts(1));
        assertThat(c.get(hash(1))).isNull();
    }
}
