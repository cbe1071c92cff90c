package dev.surel.protocol.spf;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** Expands macro-strings (RFC 7208 §7.3). */
public final class MacroExpander {

    /** Longest expansion produced; beyond it the expansion is a permerror (no unbounded growth). */
    public static final int MAX_EXPANSION = 8192;

    /** Longest domain name in text form (RFC 7208 §7.3, RFC 1035 §2.3.4 less the root's dot). */
    public static final int MAX_DOMAIN = 253;

    private MacroExpander() { }

    /**
     * Expands {@code ms}.
     *
     * @param validatedName {@code p} (§7.2): asked only when the macro is used
     */
    public static String expand(MacroString ms, MacroContext ctx, Supplier<String> validatedName) throws SpfException {
        StringBuilder out = new StringBuilder();
        for (MacroString.Part part : ms.parts()) {
            switch (part) {
                case MacroString.Literal l -> out.append(l.text());
                case MacroString.Macro m -> out.append(expand(m, ctx, validatedName));
            }
            if (out.length() > MAX_EXPANSION) throw SpfException.perm("macro expansion longer than " + MAX_EXPANSION);
        }
        return out.toString();
    }

    /**
     * Expands a domain-spec and, when longer than {@value #MAX_DOMAIN} characters, removes labels
     * from the left until it fits (RFC 7208 §7.3).
     */
    public static String expandDomain(MacroString ms, MacroContext ctx, Supplier<String> validatedName) throws SpfException {
        String d = expand(ms, ctx, validatedName);
        while (d.length() > MAX_DOMAIN) {
            int dot = d.indexOf('.');
            if (dot < 0) return "";
            d = d.substring(dot + 1);
        }
        return d;
    }

    private static String expand(MacroString.Macro m, MacroContext ctx, Supplier<String> validatedName) {
        String value = switch (m.letter()) {
            case 's' -> ctx.sender();
            case 'l' -> ctx.localPart();
            case 'o' -> ctx.senderDomain();
            case 'd' -> ctx.domain();
            case 'i' -> dotted(ctx.ip());
            case 'p' -> validatedName.get();
            case 'v' -> ctx.ip() instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> ctx.helo();
            case 'c' -> readable(ctx.ip());
            case 'r' -> ctx.receiver();
            case 't' -> Long.toString(ctx.timestamp());
            default -> throw new IllegalStateException("macro letter " + m.letter());
        };
        value = transform(value, m);
        return m.urlEscape() ? urlEscape(value) : value;
    }

    /** Splits on the delimiters, reverses, keeps the right-hand parts, joins with "." (§7.3). */
    static String transform(String value, MacroString.Macro m) {
        if (m.digits() == 0 && !m.reverse() && (m.delimiters().isEmpty() || m.delimiters().equals("."))) return value;
        String delims = m.delimiters().isEmpty() ? "." : m.delimiters();
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (delims.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        if (m.reverse()) Collections.reverse(parts);
        if (m.digits() > 0 && m.digits() < parts.size()) parts = parts.subList(parts.size() - m.digits(), parts.size());
        return String.join(".", parts);
    }

    /** {@code i}: dotted-quad, or 32 dot-separated nibbles for IPv6 (§7.3). */
    static String dotted(InetAddress ip) {
        byte[] b = ip.getAddress();
        StringBuilder s = new StringBuilder();
        if (b.length == 4) {
            for (int i = 0; i < 4; i++) {
                if (i > 0) s.append('.');
                s.append(b[i] & 0xff);
            }
            return s.toString();
        }
        for (byte x : b) {
            if (!s.isEmpty()) s.append('.');
            s.append(Character.forDigit((x >> 4) & 0xf, 16)).append('.').append(Character.forDigit(x & 0xf, 16));
        }
        return s.toString();
    }

    /** {@code c}: dotted-quad, or the RFC 5952 §4 text form of an IPv6 address. */
    static String readable(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (b.length == 4) return dotted(ip);
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLen = 1; // RFC 5952 §4.2.2: a single 0 group is not shortened
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) j++;
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append("::");
                i += bestLen - 1;
                continue;
            }
            if (!s.isEmpty() && s.charAt(s.length() - 1) != ':') s.append(':');
            s.append(Integer.toHexString(g[i]));
        }
        return s.toString();
    }

    /** RFC 7208 §7.3: uppercase macros are URL-escaped (RFC 3986 §2.1; unreserved characters stay). */
    static String urlEscape(String s) {
        StringBuilder out = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
