package dev.surel.dns;

/**
 * An MX record (RFC 1035 §3.3.9): the host is lower case without the final dot; "." (the null
 * MX of RFC 7505) is the empty string.
 */
public record Mx(int preference, String host) {

    /** RFC 7505 §3: {@code MX 0 .}, the domain accepts no mail. */
    public boolean isNull() {
        return host.isEmpty();
    }
}
