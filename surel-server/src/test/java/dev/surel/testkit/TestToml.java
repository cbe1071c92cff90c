package dev.surel.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code surel.toml} a test writes: tables of {@code key = value} lines, each value TOML as
 * written. A key set twice keeps its last value, so a test overrides a default of the kit by
 * setting it again; a dotted key ({@code throttle.base_delay} under {@code [auth]}) goes to its
 * table ({@code [auth.throttle]}), so no table is ever written twice.
 */
final class TestToml {
    /** Table name ("" for the top level) to its keys and raw values, in the order first set. */
    private final Map<String, Map<String, String>> tables = new LinkedHashMap<>();

    TestToml() {
        tables.put("", new LinkedHashMap<>());
    }

    TestToml copy() {
        TestToml c = new TestToml();
        tables.forEach((t, keys) -> c.tables.computeIfAbsent(t, x -> new LinkedHashMap<>()).putAll(keys));
        return c;
    }

    /** Sets {@code key = rawValue} in {@code table}; a null value removes the key. */
    void set(String table, String key, String rawValue) {
        int dot = key.lastIndexOf('.');
        if (dot > 0 && !key.contains("\"")) {
            String prefix = key.substring(0, dot).strip();
            table = table.isEmpty() ? prefix : table + "." + prefix;
            key = key.substring(dot + 1).strip();
        }
        if (rawValue == null) {
            Map<String, String> keys = tables.get(table);
            if (keys != null) keys.remove(key);
        } else {
            tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(key, rawValue);
        }
    }

    /**
     * Adds TOML lines to {@code table}: {@code key = value} lines, blank lines and comments, and
     * {@code [other]} headers that switch the table for the lines after them. A value must fit on
     * its line.
     */
    void lines(String table, String text) {
        String current = table;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            if (l.startsWith("[[")) throw new IllegalArgumentException("arrays of tables are not supported: " + l);
            if (l.startsWith("[")) {
                current = l.substring(1, l.indexOf(']')).strip();
                tables.computeIfAbsent(current, t -> new LinkedHashMap<>());
                continue;
            }
            int eq = l.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("not a one-line key = value: " + l);
            set(current, l.substring(0, eq).strip(), l.substring(eq + 1).strip());
        }
    }

    String text() {
        StringBuilder b = new StringBuilder();
        tables.get("").forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        tables.forEach((table, keys) -> {
            if (table.isEmpty() || keys.isEmpty()) return;
            b.append('[').append(table).append("]\n");
            keys.forEach((k, v) -> b.append(k).append(" = ").append(v).append('\n'));
        });
        return b.toString();
    }

    void write(Path file) throws IOException {
        Files.writeString(file, text());
    }

    /** A TOML basic string. */
    static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
