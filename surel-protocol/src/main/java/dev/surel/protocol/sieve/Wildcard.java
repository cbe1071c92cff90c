package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.List;

/**
 * The :matches match type (RFC 5228 §2.7.1): {@code *} matches any run of characters, {@code ?}
 * one character, a backslash quotes the next character. Each wildcard's text is captured for the
 * match variables (RFC 5229 §3.2), earlier {@code *}s matching as little as possible. The
 * algorithm backtracks only to the last {@code *} seen, so it takes at most
 * value length × pattern length steps.
 */
final class Wildcard {

    private Wildcard() {}

    private sealed interface Tok {}

    private record Lit(char c) implements Tok {}

    private record Star() implements Tok {}

    private record One() implements Tok {}

    /**
     * The texts of the wildcards ({@code [0]} is the whole value), or null when {@code value}
     * does not match. {@code steps[0]} is increased by the work done.
     */
    static List<String> match(String pattern, String value, Comparator cmp, long[] steps) {
        List<Tok> toks = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) toks.add(new Lit(pattern.charAt(++i)));
            else if (c == '*') toks.add(new Star());
            else if (c == '?') toks.add(new One());
            else toks.add(new Lit(c));
        }
        int n = toks.size();
        int[] start = new int[n]; // where each wildcard's text starts
        int[] end = new int[n];
        int p = 0;
        int v = 0;
        int starP = -1;
        int starV = -1;
        long work = 0;
        while (v < value.length() || p < n) {
            work++;
            if (p < n) {
                Tok t = toks.get(p);
                if (t instanceof Star) {
                    starP = p;
                    starV = v;
                    start[p] = v;
                    end[p] = v;
                    p++;
                    continue;
                }
                if (v < value.length()) {
                    if (t instanceof One) {
                        // a '?' consumes a whole code point
                        int len = Character.charCount(value.codePointAt(v));
                        start[p] = v;
                        end[p] = v + len;
                        p++;
                        v += len;
                        continue;
                    }
                    if (t instanceof Lit l && cmp.charEqual(l.c(), value.charAt(v))) {
                        p++;
                        v++;
                        continue;
                    }
                }
            }
            if (starP < 0 || starV >= value.length()) {
                steps[0] += work;
                return null;
            }
            starV++;
            end[starP] = starV;
            v = starV;
            p = starP + 1;
        }
        steps[0] += work;
        List<String> caps = new ArrayList<>();
        caps.add(value);
        for (int i = 0; i < n; i++) {
            if (!(toks.get(i) instanceof Lit)) caps.add(value.substring(start[i], end[i]));
        }
        return caps;
    }
}
