package dev.surel.protocol.spf;

import java.util.List;

/**
 * What one DNS query gave the SPF evaluator (RFC 7208 §4.4, §4.6.4, §5).
 *
 * @param <T> the typed answer
 */
public sealed interface SpfLookup<T> {

    /** Records of the asked type (RCODE 0 with answers). */
    record Found<T>(List<T> records) implements SpfLookup<T> {
        public Found {
            records = List.copyOf(records);
        }
    }

    /**
     * A "void lookup" (§4.6.4): NXDOMAIN (RCODE 3) or NODATA (RCODE 0, no answer).
     *
     * @param nxdomain the name does not exist
     */
    record Void<T>(boolean nxdomain) implements SpfLookup<T> { }

    /** A timeout, SERVFAIL or another RCODE: temperror where the result depends on it (§4.4, §5). */
    record Temporary<T>(String reason) implements SpfLookup<T> { }
}
