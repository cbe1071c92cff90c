package dev.surel.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * FETCH 1:* and SEARCH over 100,000 messages read their per-message data a chunk at a time: one
 * batch call per {@link Chunked#CHUNK} messages, in order, never more than one chunk asked for
 * at once, nothing read for a command that asks for nothing; a message missing from its chunk is
 * asked alone.
 */
class ChunkedTest {

    @Test
    void hundredThousandMessagesAreReadAChunkAtATime() {
        int n = 100_000;
        List<Long> uids = new ArrayList<>(n);
        for (long uid = 1; uid <= n; uid++) uids.add(uid * 3); // UIDs with gaps
        List<Integer> batchSizes = new ArrayList<>();
        List<Long> singles = new ArrayList<>();
        Chunked<String> c = new Chunked<>(uids, part -> {
            batchSizes.add(part.size());
            Map<Long, String> m = new HashMap<>();
            for (long uid : part) if (uid != 3 * 777) m.put(uid, "v" + uid); // 777 expunged and purged meanwhile
            return m;
        }, uid -> {
            singles.add(uid);
            return "single" + uid;
        });
        for (int i = 0; i < n; i++) {
            String v = c.get(i);
            assertThat(v).isEqualTo(i == 776 ? "single" + 3 * 777 : "v" + uids.get(i));
        }
        assertThat(batchSizes).hasSize(n / Chunked.CHUNK).allMatch(s -> s == Chunked.CHUNK);
        assertThat(singles).containsExactly(3L * 777);
    }

    @Test
    void nothingIsReadUntilAsked() {
        List<List<Long>> asked = new ArrayList<>();
        Chunked<String> c = new Chunked<>(List.of(5L, 6L, 7L), part -> {
            asked.add(List.copyOf(part));
            return Map.of();
        }, uid -> null);
        assertThat(asked).isEmpty();
        assertThat(c.get(2)).isNull();
        assertThat(c.get(0)).isNull(); // same chunk: not read again
        assertThat(asked).containsExactly(List.of(5L, 6L, 7L));
    }
}
