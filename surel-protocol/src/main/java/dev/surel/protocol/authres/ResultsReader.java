package dev.surel.protocol.authres;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the results of an {@code Authentication-Results} value (RFC 8601 §2.2), as another
 * host wrote it: {@code authserv-id [version] ; resinfo ; resinfo ...}, each resinfo
 * {@code method[/version]=result [reason=value] [ptype.property=value ...]} (§2.3). Comments
 * are dropped, quoted-strings unquoted; what cannot be read is skipped, never an error: the
 * caller only looks for results it trusts. Used on the ARC-Authentication-Results of trusted
 * sealers (RFC 8617 §7.2) and on our own stored field.
 */
public final class ResultsReader {

    /** At most this many resinfos are read from one value. */
    public static final int MAX_RESULTS = 64;

    /**
     * One resinfo.
     *
     * @param method     lower-cased, without version
     * @param result     lower-cased
     * @param properties {@code ptype.property} (lower-cased) to value, first one kept
     */
    public record Result(String method, String result, Map<String, String> properties) {
        public Result {
            properties = Map.copyOf(properties);
        }

        public String property(String name) {
            return properties.getOrDefault(name, "");
        }
    }

    private ResultsReader() {
    }

    /** The resinfos of a value (the text after the field's colon, or after an ARC {@code i=N;}). */
    public static List<Result> read(String value) {
        List<List<String>> parts = tokens(value);
        List<Result> results = new ArrayList<>();
        for (int p = 1; p < parts.size() && results.size() < MAX_RESULTS; p++) { // parts[0] is the authserv-id
            List<String> words = parts.get(p);
            if (words.isEmpty()) continue;
            String[] first = pair(words.getFirst());
            if (first == null) continue;
            String method = first[0].toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            method = slash < 0 ? method : method.substring(0, slash);
            Map<String, String> props = new LinkedHashMap<>();
            for (String w : words.subList(1, words.size())) {
                String[] kv = pair(w);
                if (kv != null) props.putIfAbsent(kv[0].toLowerCase(Locale.ROOT), kv[1]);
            }
            results.add(new Result(method, first[1].toLowerCase(Locale.ROOT), props));
        }
        return results;
    }

    private static String[] pair(String word) {
        int eq = word.indexOf('=');
        return eq <= 0 ? null : new String[] {word.substring(0, eq), word.substring(eq + 1)};
    }

    /**
     * The value split at top-level semicolons into words; comments removed, quoted-strings kept
     * as one word piece without quotes, whitespace around {@code =} and {@code /} closed up.
     */
    private static List<List<String>> tokens(String s) {
        List<List<String>> parts = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length() && s.length() < 65536; i++) {
            char c = s.charAt(i);
            if (depth > 0) {
                if (c == '\\') i++;
                else if (c == '(') depth++;
                else if (c == ')') depth--;
                continue;
            }
            switch (c) {
                case '(' -> depth = 1;
                case '"' -> {
                    for (i++; i < s.length() && s.charAt(i) != '"'; i++) {
                        if (s.charAt(i) == '\\' && i + 1 < s.length()) i++;
                        word.append(s.charAt(i));
                    }
                }
                case ';' -> {
                    end(words, word);
                    parts.add(words);
                    words = new ArrayList<>();
                }
                case ' ', '\t', '\r', '\n' -> {
                    if (!nextJoins(s, i) && !(!word.isEmpty() && (word.charAt(word.length() - 1) == '=' || word.charAt(word.length() - 1) == '/'))) {
                        end(words, word);
                    }
                }
                default -> word.append(c);
            }
        }
        end(words, word);
        parts.add(words);
        return parts;
    }

    /** Whether the next non-space character is {@code =} or {@code /} (so "dkim = pass" is one word). */
    private static boolean nextJoins(String s, int i) {
        int j = i;
        while (j < s.length() && " \t\r\n".indexOf(s.charAt(j)) >= 0) j++;
        return j < s.length() && (s.charAt(j) == '=' || s.charAt(j) == '/');
    }

    private static void end(List<String> words, StringBuilder word) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
