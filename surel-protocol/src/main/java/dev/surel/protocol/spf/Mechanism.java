package dev.surel.protocol.spf;

import java.util.Arrays;

/** The eight mechanisms of RFC 7208 §5 with their arguments as parsed (macros not yet expanded). */
public sealed interface Mechanism {

    /** Whether evaluating it queries DNS, so that it counts against the limit of 10 (RFC 7208 §4.6.4). */
    default boolean queriesDns() {
        return !(this instanceof All || this instanceof Ip4 || this instanceof Ip6);
    }

    /** {@code all} (§5.1): always matches. */
    record All() implements Mechanism { }

    /** {@code include:<domain-spec>} (§5.2). */
    record Include(MacroString domain) implements Mechanism { }

    /**
     * {@code a[:<domain-spec>][/<ip4-cidr>][//<ip6-cidr>]} (§5.3).
     *
     * @param domain null for the current domain
     */
    record A(MacroString domain, int cidr4, int cidr6) implements Mechanism { }

    /** {@code mx[:<domain-spec>][dual-cidr]} (§5.4); domain null for the current domain. */
    record Mx(MacroString domain, int cidr4, int cidr6) implements Mechanism { }

    /** {@code ptr[:<domain-spec>]} (§5.5); domain null for the current domain. */
    record Ptr(MacroString domain) implements Mechanism { }

    /** {@code ip4:<network>[/<cidr>]} (§5.6): the 4 octets of the network. */
    record Ip4(byte[] network, int cidr) implements Mechanism {
        public Ip4 {
            network = network.clone();
        }

        @Override
        public byte[] network() {
            return network.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip4 other && Arrays.equals(network, other.network) && cidr == other.cidr;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(network) * 31 + cidr;
        }
    }

    /** {@code ip6:<network>[/<cidr>]} (§5.6): the 16 octets of the network. */
    record Ip6(byte[] network, int cidr) implements Mechanism {
        public Ip6 {
            network = network.clone();
        }

        @Override
        public byte[] network() {
            return network.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ip6 other && Arrays.equals(network, other.network) && cidr == other.cidr;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(network) * 31 + cidr;
        }
    }

    /** {@code exists:<domain-spec>} (§5.7). */
    record Exists(MacroString domain) implements Mechanism { }
}
