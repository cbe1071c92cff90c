package dev.surel.protocol.smtp.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The service extensions a peer announced in its EHLO reply (RFC 5321 §4.1.1.1): keyword
 * (upper-cased) to parameters. A HELO peer has none.
 */
public record EhloCapabilities(Map<String, List<String>> keywords) {

    public static final EhloCapabilities NONE = new EhloCapabilities(Map.of());

    public EhloCapabilities {
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** Parses an EHLO reply: the first line is the greeting, each further line one keyword with parameters. */
    public static EhloCapabilities parse(SmtpReply ehlo) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<String> lines = ehlo.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] parts = lines.get(i).trim().split("[ =]+");
            if (parts.length == 0 || parts[0].isEmpty()) continue;
            m.put(parts[0].toUpperCase(Locale.ROOT), List.of(parts).subList(1, parts.length));
        }
        return new EhloCapabilities(m);
    }

    public boolean has(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** RFC 1870 §4: the peer's fixed maximum size; 0 when it announced none (or SIZE 0, no fixed limit); -1 without SIZE. */
    public long maxSize() {
        List<String> p = keywords.get("SIZE");
        if (p == null) return -1;
        if (p.isEmpty()) return 0;
        try {
            return Long.parseLong(p.getFirst());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** RFC 4954 §3: the AUTH mechanisms, upper-cased. */
    public Set<String> authMechanisms() {
        List<String> p = keywords.get("AUTH");
        if (p == null) return Set.of();
        return Set.copyOf(p.stream().map(s -> s.toUpperCase(Locale.ROOT)).toList());
    }
}
