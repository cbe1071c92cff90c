package dev.surel.dns;

import java.util.HexFormat;

/** A TLSA record (RFC 6698 §2.1) for DANE (RFC 7672). */
public record Tlsa(int usage, int selector, int matchingType, byte[] data) {
    public Tlsa {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tlsa t && t.usage == usage && t.selector == selector && t.matchingType == matchingType
                && java.util.Arrays.equals(t.data, data);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(usage, selector, matchingType, java.util.Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
