package dev.surel.protocol.spf;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Zone data in memory for the pure evaluator's tests (surel-protocol has no DNS; the DNS-backed
 * check is tested against a real DNS server in surel-server): a name with records of some type is
 * NODATA for the others, an unknown name NXDOMAIN, a name marked failing a temporary failure.
 */
final class ZoneDns implements SpfDns {

    private final Map<String, List<Object>> records = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final List<String> asked = new ArrayList<>();
    private Consumer<String> onQuery = q -> { };

    private record Rec(String type, Object value) { }

    ZoneDns add(String name, String type, Object value) {
        records.computeIfAbsent(key(name), k -> new ArrayList<>()).add(new Rec(type, value));
        return this;
    }

    ZoneDns txt(String name, String text) {
        return add(name, "TXT", text);
    }

    ZoneDns a(String name, String ip) {
        InetAddress a = InetAddress.ofLiteral(ip);
        return add(name, a.getAddress().length == 4 ? "A" : "AAAA", a);
    }

    ZoneDns fail(String name) {
        failing.add(key(name));
        return this;
    }

    ZoneDns onQuery(Consumer<String> c) {
        onQuery = c;
        return this;
    }

    List<String> asked() {
        return asked;
    }

    private static String key(String n) {
        n = n.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @SuppressWarnings("unchecked")
    private <T> SpfLookup<T> lookup(String name, String type) {
        asked.add(type + " " + key(name));
        onQuery.accept(type + " " + key(name));
        if (failing.contains(key(name))) return new SpfLookup.Temporary<>("SERVFAIL");
        List<Object> rs = records.get(key(name));
        if (rs == null) return new SpfLookup.Void<>(true);
        List<T> out = new ArrayList<>();
        for (Object o : rs) {
            Rec r = (Rec) o;
            if (r.type().equals(type)) out.add((T) r.value());
        }
        return out.isEmpty() ? new SpfLookup.Void<>(false) : new SpfLookup.Found<>(out);
    }

    @Override
    public SpfLookup<String> txt(String name) {
        return lookup(name, "TXT");
    }

    @Override
    public SpfLookup<InetAddress> a(String name) {
        return lookup(name, "A");
    }

    @Override
    public SpfLookup<InetAddress> aaaa(String name) {
        return lookup(name, "AAAA");
    }

    @Override
    public SpfLookup<String> mx(String name) {
        return lookup(name, "MX");
    }

    @Override
    public SpfLookup<String> ptr(InetAddress ip) {
        return lookup(MacroExpander.dotted(ip) + ".ptr", "PTR");
    }
}
