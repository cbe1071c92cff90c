package dev.surel.imap;

import java.util.regex.Pattern;

/**
 * LIST/LSUB pattern matching (RFC 9051 §6.3.9): {@code *} matches any characters, {@code %}
 * any characters but the hierarchy delimiter "/". A name of INBOX matches case-insensitively.
 * A small stand-in until imap-content's matcher is merged.
 */
final class Wildcards {
    private final Pattern regex;

    Wildcards(String pattern) {
        StringBuilder b = new StringBuilder();
        String p = pattern;
        if (p.length() >= 5 && p.substring(0, 5).equalsIgnoreCase("INBOX")
                && (p.length() == 5 || p.charAt(5) == '/' || p.charAt(5) == '*' || p.charAt(5) == '%')) {
            p = "INBOX" + p.substring(5);
        }
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' || c == '%') {
                if (!lit.isEmpty()) b.append(Pattern.quote(lit.toString()));
                lit.setLength(0);
                b.append(c == '*' ? ".*" : "[^/]*");
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) b.append(Pattern.quote(lit.toString()));
        regex = Pattern.compile(b.toString(), Pattern.DOTALL);
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
