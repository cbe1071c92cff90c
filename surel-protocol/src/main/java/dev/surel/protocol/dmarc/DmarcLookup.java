package dev.surel.protocol.dmarc;

import java.util.List;

/**
 * Finds the TXT records at {@code _dmarc.<domain>} (RFC 7489 §6.1, §6.6.3); the server answers
 * from DNS, tests from a map.
 */
@FunctionalInterface
public interface DmarcLookup {

    /** @param domain the domain whose policy is asked ({@code _dmarc.} is put in front by the implementation) */
    Answer lookup(String domain);

    /** The answer of one lookup. */
    sealed interface Answer {
    }

    /** The TXT records found, each with its strings joined (possibly none that is DMARC). */
    record Records(List<String> texts) implements Answer {
        public Records {
            texts = List.copyOf(texts);
        }
    }

    /** No TXT record there (NXDOMAIN or no data). */
    record NoRecord() implements Answer {
    }

    /** The lookup failed for now (timeout, SERVFAIL). */
    record Temporary(String reason) implements Answer {
    }
}
