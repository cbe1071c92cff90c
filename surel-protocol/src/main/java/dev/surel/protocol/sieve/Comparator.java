package dev.surel.protocol.sieve;

import java.util.Locale;

/**
 * The comparators (RFC 5228 §2.7.3, RFC 4790 §9): i;octet (octets; code point order is UTF-8
 * octet order), i;ascii-casemap (ASCII letters folded) and i;ascii-numeric (the leading digits as
 * a number; a string without one is positive infinity).
 */
enum Comparator {
    OCTET, ASCII_CASEMAP, ASCII_NUMERIC;

    static Comparator of(String name) {
        if (name == null) return ASCII_CASEMAP;
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "i;octet" -> OCTET;
            case "i;ascii-numeric" -> ASCII_NUMERIC;
            default -> ASCII_CASEMAP;
        };
    }

    boolean equal(String a, String b) {
        return compare(a, b) == 0;
    }

    int compare(String a, String b) {
        return switch (this) {
            case OCTET -> codePointCompare(a, b);
            case ASCII_CASEMAP -> codePointCompare(fold(a), fold(b));
            case ASCII_NUMERIC -> numeric(a, b);
        };
    }

    /** Substring match (:contains, §2.7.1); never called for i;ascii-numeric (refused at compile time). */
    boolean contains(String value, String key) {
        return this == OCTET ? value.contains(key) : fold(value).contains(fold(key));
    }

    boolean charEqual(char a, char b) {
        return this == OCTET ? a == b : foldChar(a) == foldChar(b);
    }

    static String fold(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (sb == null) sb = new StringBuilder(s);
                sb.setCharAt(i, (char) (c + 32));
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static char foldChar(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    private static int codePointCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** RFC 4790 §9.1.1: compare the leading digit strings as numbers, no digits = infinity. */
    private static int numeric(String a, String b) {
        String na = digits(a);
        String nb = digits(b);
        if (na == null || nb == null) return na == null ? (nb == null ? 0 : 1) : -1;
        if (na.length() != nb.length()) return Integer.compare(na.length(), nb.length());
        return na.compareTo(nb);
    }

    /** The leading digits without leading zeros ("0" for zero), or null without a leading digit. */
    private static String digits(String s) {
        int end = 0;
        while (end < s.length() && s.charAt(end) >= '0' && s.charAt(end) <= '9') end++;
        if (end == 0) return null;
        int start = 0;
        while (start < end - 1 && s.charAt(start) == '0') start++;
        return s.substring(start, end);
    }
}
