package dev.surel.store;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * System flags plus keywords of a message. Keywords are compared case-insensitively (RFC 9051
 * §2.3.2) and kept in the case first given; they are atoms without spaces.
 */
public record Flags(Set<Flag> system, Set<String> keywords) {
    public static final Flags NONE = new Flags(EnumSet.noneOf(Flag.class), Set.of());

    public Flags {
        system = system.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(system));
        keywords = normalise(keywords);
    }

    public static Flags of(Flag... flags) {
        EnumSet<Flag> s = EnumSet.noneOf(Flag.class);
        s.addAll(java.util.List.of(flags));
        return new Flags(s, Set.of());
    }

    public Flags withKeywords(String... kw) {
        return new Flags(system, Set.of(kw));
    }

    public boolean has(Flag f) { return system.contains(f); }

    /** Storage form of the keywords: sorted (case-insensitively), space separated. */
    public String keywordString() {
        return String.join(" ", keywords);
    }

    /**
     * Flags named by a source that drops what it cannot keep instead of refusing it (imports,
     * Sieve's imap4flags): the five system flags by name, keywords that are
     * {@link #isKeyword atoms} of at most {@code maxKeywordLength} characters; {@code \Recent},
     * other backslash names and anything else are ignored.
     */
    public static Flags lenient(Iterable<String> names, int maxKeywordLength) {
        EnumSet<Flag> system = EnumSet.noneOf(Flag.class);
        Set<String> keywords = new java.util.LinkedHashSet<>();
        for (String n : names) {
            if (n.startsWith("\\")) {
                for (Flag f : Flag.values()) if (f.imapName().equalsIgnoreCase(n)) system.add(f);
            } else if (isKeyword(n, maxKeywordLength)) {
                keywords.add(n);
            }
        }
        return new Flags(system, keywords);
    }

    /**
     * Whether {@code k} can be kept as a keyword that clients can read back: an IMAP atom
     * (RFC 9051 §9 flag-keyword: no space, control, non-ASCII or atom-special) of 1 to
     * {@code maxLength} characters. For sources that drop what is not one (imports, Sieve flags).
     */
    public static boolean isKeyword(String k, int maxLength) {
        if (k.isEmpty() || k.length() > maxLength) return false;
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c <= ' ' || c >= 127 || "(){%*\"\\]".indexOf(c) >= 0) return false;
        }
        return true;
    }

    public static Set<String> parseKeywords(String stored) {
        if (stored == null || stored.isEmpty()) return Set.of();
        return normalise(java.util.List.of(stored.split(" ")));
    }

    private static Set<String> normalise(Collection<String> in) {
        TreeMap<String, String> byLower = new TreeMap<>();
        for (String k : in) {
            if (k == null || k.isEmpty()) continue;
            for (int i = 0; i < k.length(); i++) {
                char ch = k.charAt(i);
                if (ch <= ' ' || ch == 127) throw new IllegalArgumentException("keyword with space or control character: " + k);
            }
            byLower.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
        }
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        out.addAll(byLower.values());
        return java.util.Collections.unmodifiableSortedSet(out);
    }
}
