package dev.surel.protocol.sieve;

/**
 * A header change of editheader (RFC 5293), to be applied in order to the delivered message.
 * A value may hold non-ASCII text: the deliverer encodes it (RFC 2047) when it writes the field.
 */
public sealed interface HeaderEdit {

    /** Add {@code name: value} at the top of the header, or at its end when {@code last} (§4). */
    record Add(String name, String value, boolean last) implements HeaderEdit {}

    /**
     * Delete the {@code occurrence}-th (1-based, counted from the top when applied) field named
     * {@code name} (§5). Several deletions of one command come highest occurrence first.
     */
    record Delete(String name, int occurrence) implements HeaderEdit {}

    /** {@code field-name = 1*ftext}, ftext = %d33-57 / %d59-126 (RFC 5322 §3.6.8), at most 997 characters. */
    static boolean isFieldName(String s) {
        if (s.isEmpty() || s.length() > 997) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126 || c == ':') return false;
        }
        return true;
    }
}
