package dev.surel.dns;

import java.util.List;

/** A TXT record (RFC 1035 §3.3.14): its character-strings, in order. */
public record Txt(List<String> strings) {
    public Txt {
        strings = List.copyOf(strings);
    }

    /** The strings joined without separator, as SPF (RFC 7208 §3.3) and DKIM (RFC 6376 §3.6.2.2) read them. */
    public String text() {
        return String.join("", strings);
    }
}
