package dev.surel.transfer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages already in a target folder, as a multiset of {@link MessageKey}s: each source
 * message with a key still in it claims one and is skipped. So a second run of the same import
 * copies only what is missing, and a folder that really holds two identical messages gets both.
 */
final class Dedup {

    private final Map<MessageKey, Integer> left = new HashMap<>();

    Dedup(List<MessageKey> present) {
        for (MessageKey k : present) left.merge(k, 1, Integer::sum);
    }

    /** True (and one fewer left) when a message with this key is already there. */
    boolean claim(MessageKey key) {
        Integer n = left.get(key);
        if (n == null) return false;
        if (n == 1) left.remove(key);
        else left.put(key, n - 1);
        return true;
    }
}
