package dev.surel.protocol.dkim;

import java.util.List;

/**
 * Finds the key records of {@code selector._domainkey.domain} (RFC 6376 §3.6.2); the server
 * answers from DNS, tests from a map.
 */
@FunctionalInterface
public interface KeyLookup {

    Answer lookup(String selector, String domain);

    /** The answer of one lookup. */
    sealed interface Answer {
    }

    /** The TXT records found, each with its strings joined. */
    record Records(List<String> texts) implements Answer {
        public Records {
            texts = List.copyOf(texts);
        }
    }

    /** No key record exists (NXDOMAIN or no TXT): a PERMFAIL (§6.1.2). */
    record NoKey() implements Answer {
    }

    /** The lookup failed for now (timeout, SERVFAIL): a TEMPFAIL (§6.1.2). */
    record Temporary(String reason) implements Answer {
    }
}
