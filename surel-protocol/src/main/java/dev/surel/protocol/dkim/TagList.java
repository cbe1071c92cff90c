package dev.surel.protocol.dkim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An RFC 6376 §3.2 tag list: {@code tag-spec *( ";" tag-spec ) [ ";" ]}, each
 * {@code [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]}. Tag names are case-sensitive; a tag
 * given twice is an error (§3.2: "Tags with duplicate names MUST NOT occur"). Values keep their
 * inner folding whitespace; {@link #compact} removes it for base64 values.
 *
 * @param tags tag name to value, in the order given
 */
public record TagList(Map<String, String> tags) {

    public TagList {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Parses a tag list; the text may contain folding (CRLF followed by WSP). */
    public static TagList parse(String text) throws DkimException {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] specs = text.split(";", -1);
        for (int n = 0; n < specs.length; n++) {
            String spec = specs[n];
            if (trimFws(spec).isEmpty()) {
                if (n == specs.length - 1) {
                    break; // the optional trailing ";"
                }
                throw new DkimException("empty tag-spec in tag list");
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new DkimException("tag-spec without '=': " + trimFws(spec));
            }
            String name = trimFws(spec.substring(0, eq));
            if (!validName(name)) {
                throw new DkimException("bad tag name: " + name);
            }
            String value = trimFws(spec.substring(eq + 1));
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x21 && !isFws(c)) || c == 0x7f) {
                    throw new DkimException("bad character in value of tag " + name);
                }
            }
            if (tags.putIfAbsent(name, value) != null) {
                throw new DkimException("duplicate tag " + name);
            }
        }
        return new TagList(tags);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(tags.get(name));
    }

    /** The value of a required tag. */
    public String require(String name) throws DkimException {
        String v = tags.get(name);
        if (v == null) {
            throw new DkimException("missing required tag " + name + "=");
        }
        return v;
    }

    /** A value with all folding whitespace removed (base64 values, §3.5 b= and bh=). */
    static String compact(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isFws(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String trimFws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isFws(s.charAt(from))) {
            from++;
        }
        while (to > from && isFws(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 0x7e) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_'))) {
                return false;
            }
        }
        return true;
    }
}
