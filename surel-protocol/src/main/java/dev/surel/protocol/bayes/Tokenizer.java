package dev.surel.protocol.bayes;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The tokens of a message for {@link BayesClassifier}: words of its subject (prefixed
 * {@code subject:}) and of its text (decoded text parts, HTML reduced to text), lower-cased, of 3
 * to {@link #MAX_WORD} letters or digits; a longer word becomes {@code skip:<first letter><length
 * in tens>} (so random strings still say something, as in SpamBayes); the host names of
 * {@code http(s)://} links become {@code url:<host>} and {@code url:<last two labels>}. Each
 * token once per message, at most {@link #MAX_TOKENS} of them, from at most {@link #MAX_TEXT}
 * characters of text: the cost of a message is bounded whatever its size.
 */
public final class Tokenizer {

    public static final int MAX_WORD = 24;
    public static final int MAX_TOKENS = 2000;
    public static final int MAX_TEXT = 256 * 1024;

    private Tokenizer() {
    }

    /** The tokens of a subject and a text ("" when absent). */
    public static Set<String> tokens(String subject, String text) {
        Set<String> out = new LinkedHashSet<>();
        words(subject, "subject:", out);
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        urls(t, out);
        words(t, "", out);
        return out;
    }

    private static void words(String s, String prefix, Set<String> out) {
        int i = 0;
        while (i < s.length() && out.size() < MAX_TOKENS) {
            int cp = s.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int letters = 0;
            while (i < s.length() && Character.isLetterOrDigit(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
                letters++;
            }
            if (letters < 3) continue;
            String w = s.substring(start, i).toLowerCase(Locale.ROOT);
            if (letters > MAX_WORD) {
                out.add(prefix + "skip:" + new String(Character.toChars(w.codePointAt(0))) + (letters / 10 * 10));
            } else {
                out.add(prefix + w);
            }
        }
    }

    private static void urls(String s, Set<String> out) {
        String lower = s.toLowerCase(Locale.ROOT);
        int from = 0;
        while (out.size() < MAX_TOKENS) {
            int at = lower.indexOf("://", from);
            if (at < 0) return;
            from = at + 3;
            if (!(lower.startsWith("http", Math.max(0, at - 4)) || lower.startsWith("https", Math.max(0, at - 5)))) continue;
            int end = from;
            while (end < lower.length() && end - from < 253) {
                char c = lower.charAt(end);
                if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-')) break;
                end++;
            }
            String host = lower.substring(from, end).replaceAll("\\.+$", "");
            if (host.isEmpty()) continue;
            out.add("url:" + host);
            String[] labels = host.split("\\.");
            if (labels.length > 2) out.add("url:" + labels[labels.length - 2] + "." + labels[labels.length - 1]);
        }
    }
}
