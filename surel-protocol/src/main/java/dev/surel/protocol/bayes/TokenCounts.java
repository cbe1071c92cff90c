package dev.surel.protocol.bayes;

import java.util.Map;
import java.util.Set;

/**
 * What training taught: how many ham and spam messages were trained, and in how many of each a
 * token appeared (a message counts a token once).
 */
public interface TokenCounts {

    /** Messages trained as ham. */
    long hamMessages();

    /** Messages trained as spam. */
    long spamMessages();

    /** The counts of those of {@code tokens} ever seen; tokens never trained are absent. */
    Map<String, Count> counts(Set<String> tokens);

    /** In how many ham and spam messages one token appeared. */
    record Count(long ham, long spam) {
        public Count {
            if (ham < 0 || spam < 0) throw new IllegalArgumentException("negative count");
        }
    }
}
