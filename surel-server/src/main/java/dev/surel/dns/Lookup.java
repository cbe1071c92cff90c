package dev.surel.dns;

import java.util.List;

/**
 * The outcome of one DNS lookup. The four cases are what mail authentication tells apart
 * (RFC 7208 §4.3/§5: "none" for NXDOMAIN or no records, "temperror" for a temporary failure).
 *
 * @param <T> the typed record
 */
public sealed interface Lookup<T> {

    /**
     * Records of the asked type (never empty).
     *
     * @param authenticated the answer came with the AD bit set (RFC 4035 §3.2.3); only ever true
     *                      when the lookup asked for it (TLSA, for DANE)
     */
    record Found<T>(List<T> records, boolean authenticated) implements Lookup<T> {
        public Found {
            records = List.copyOf(records);
            if (records.isEmpty()) throw new IllegalArgumentException("Found without records");
        }
    }

    /** NXDOMAIN (RFC 1035 §4.1.1 RCODE 3): the name does not exist. */
    record NoSuchDomain<T>() implements Lookup<T> { }

    /** NODATA (RFC 2308 §2.2): the name exists but has no record of the type. */
    record NoRecords<T>() implements Lookup<T> { }

    /** SERVFAIL, REFUSED, a timeout or a network error at every server: try again later. */
    record Temporary<T>(String reason) implements Lookup<T> { }

    /** The records when found, else an empty list. */
    default List<T> records() {
        return this instanceof Found<T> f ? f.records() : List.of();
    }
}
