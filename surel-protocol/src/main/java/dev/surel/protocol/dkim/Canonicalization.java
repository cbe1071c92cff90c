package dev.surel.protocol.dkim;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/** The two canonicalization algorithms of RFC 6376 §3.4, for header fields and for the body. */
public enum Canonicalization {
    SIMPLE("simple"),
    RELAXED("relaxed");

    private final String tag;

    Canonicalization(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public static Optional<Canonicalization> fromTag(String s) {
        for (Canonicalization c : values()) {
            if (c.tag.equalsIgnoreCase(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * A header field canonicalized, with its CRLF (ISO-8859-1 text). Simple (§3.4.1): unchanged.
     * Relaxed (§3.4.2): name lower-cased, folding removed, WSP runs to one SP, WSP at the end of
     * the value and around the colon removed.
     */
    public String header(HeaderField field) {
        return header(field.raw()) + "\r\n";
    }

    /** The same as {@link #header(HeaderField)} on raw field text, without the CRLF. */
    public String header(String raw) {
        if (this == SIMPLE) {
            return raw;
        }
        int colon = raw.indexOf(':');
        String name = TagList.trimFws(raw.substring(0, colon)).toLowerCase(Locale.ROOT);
        String value = raw.substring(colon + 1).replace("\r\n", "");
        StringBuilder b = new StringBuilder(name.length() + value.length() + 1).append(name).append(':');
        boolean space = false;
        boolean started = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t') {
                space = started;
            } else {
                if (space) {
                    b.append(' ');
                }
                b.append(c);
                space = false;
                started = true;
            }
        }
        return b.toString();
    }

    /**
     * The body canonicalized. Simple (§3.4.3): trailing empty lines reduced to none, the result
     * ending in one CRLF (an empty body becomes CRLF). Relaxed (§3.4.4): WSP at line ends removed,
     * WSP runs to one SP, trailing empty lines removed; an empty body stays empty. A last line
     * without CRLF gets one (§3.4.3, §3.4.4). The same code as the streaming
     * {@link BodyCanonicalizer} the signer uses.
     */
    public byte[] body(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 2);
        BodyCanonicalizer.canonicalize(this, body, out);
        return out.toByteArray();
    }

}
