package dev.surel.protocol.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Parameters of a MIME header value in order (RFC 2045 §5.1), with decoded lookup that joins RFC
 * 2231 continuations ({@code name*0}, {@code name*1*}), decodes RFC 2231 charset/percent encoding
 * ({@code name*=utf-8'en'%E2%82%AC}) and, leniently, RFC 2047 words in quoted values (common in
 * the wild). Parsing never throws; junk between parameters is skipped.
 */
public record Parameters(List<MimeParameter> list) {

    public Parameters {
        list = List.copyOf(list);
    }

    public static Parameters empty() {
        return new Parameters(List.of());
    }

    /** The raw parameter named exactly {@code name} (case-insensitive), or null. */
    public String raw(String name) {
        for (MimeParameter p : list) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /** The decoded value of the parameter {@code name}, or null when absent. */
    public String get(String name) {
        String star = raw(name + "*");
        if (star != null) {
            return decode2231(star, true);
        }
        TreeMap<Integer, MimeParameter> parts = new TreeMap<>();
        String prefix = name.toLowerCase(Locale.ROOT) + "*";
        for (MimeParameter p : list) {
            String n = p.name().toLowerCase(Locale.ROOT);
            if (n.startsWith(prefix)) {
                String rest = n.substring(prefix.length());
                boolean enc = rest.endsWith("*");
                String num = enc ? rest.substring(0, rest.length() - 1) : rest;
                if (!num.isEmpty() && num.length() < 5 && num.chars().allMatch(Character::isDigit)) {
                    parts.putIfAbsent(Integer.parseInt(num), p);
                }
            }
        }
        if (!parts.isEmpty()) {
            Charset cs = null;
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StringBuilder sb = new StringBuilder();
            boolean first = true;
            for (MimeParameter p : parts.values()) {
                boolean enc = p.name().endsWith("*");
                String v = p.value();
                if (enc) {
                    Extended e = first ? Extended.of(v) : null;
                    if (e != null) {
                        cs = e.charset();
                        v = e.value();
                    }
                    percentDecode(v, bytes);
                } else {
                    flush(bytes, cs, sb);
                    sb.append(v);
                }
                first = false;
            }
            flush(bytes, cs, sb);
            return sb.toString();
        }
        String plain = raw(name);
        return plain == null ? null : Text.decodeWords(plain);
    }

    private static void flush(ByteArrayOutputStream bytes, Charset cs, StringBuilder sb) {
        if (bytes.size() > 0) {
            sb.append(bytes.toString(cs == null ? StandardCharsets.UTF_8 : cs));
            bytes.reset();
        }
    }

    static String decode2231(String v, boolean withCharset) {
        Charset cs = null;
        Extended e = withCharset ? Extended.of(v) : null;
        if (e != null) {
            cs = e.charset();
            v = e.value();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        percentDecode(v, bytes);
        return bytes.toString(cs == null ? StandardCharsets.UTF_8 : cs);
    }

    /** RFC 2231 §4 {@code charset'language'value}: the charset (null when unknown) and the value part. */
    private record Extended(Charset charset, String value) {
        /** Null when {@code v} has no {@code charset'language'} prefix. */
        static Extended of(String v) {
            int q1 = v.indexOf('\'');
            int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
            return q2 > 0 ? new Extended(Text.charset(v.substring(0, q1)), v.substring(q2 + 1)) : null;
        }
    }

    private static void percentDecode(String v, ByteArrayOutputStream out) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%' && i + 2 < v.length()) {
                int h = Character.digit(v.charAt(i + 1), 16);
                int l = Character.digit(v.charAt(i + 2), 16);
                if (h >= 0 && l >= 0) {
                    out.write(h * 16 + l);
                    i += 2;
                    continue;
                }
            }
            byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            out.write(b, 0, b.length);
        }
    }

    /**
     * Parses {@code ;name=value} pairs starting at {@code from} in an unfolded header value.
     * Values are tokens or quoted strings; RFC 5322 comments are skipped.
     */
    static Parameters parse(String s, int from) {
        List<MimeParameter> out = new ArrayList<>();
        int i = from;
        int n = s.length();
        while (i < n && out.size() < 1000) {
            i = skipCfws(s, i);
            if (i >= n) {
                break;
            }
            if (s.charAt(i) == ';') {
                i++;
                continue;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String name = s.substring(nameStart, i);
            i = skipCfws(s, i);
            if (i >= n || s.charAt(i) != '=') {
                // junk without a value: skip to next ';'
                while (i < n && s.charAt(i) != ';') {
                    i++;
                }
                continue;
            }
            i = skipCfws(s, i + 1);
            String value;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        c = s.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                i++; // closing quote (or end)
                value = sb.toString();
            } else {
                int vs = i;
                while (i < n && s.charAt(i) != ';' && !Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '(') {
                    i++;
                }
                value = s.substring(vs, i);
            }
            if (!name.isEmpty()) {
                out.add(new MimeParameter(name, value));
            }
            while (i < n && s.charAt(i) != ';') {
                i++;
            }
        }
        return new Parameters(out);
    }

    /** Skips whitespace and RFC 5322 comments (nested, with quoted-pairs). */
    static int skipCfws(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                i++;
            } else if (c == '(') {
                int depth = 0;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '\\') {
                        i += 2;
                        continue;
                    }
                    if (d == '(') {
                        depth++;
                    } else if (d == ')') {
                        depth--;
                        if (depth == 0) {
                            i++;
                            break;
                        }
                    }
                    i++;
                }
            } else {
                break;
            }
        }
        return Math.min(i, n);
    }
}
