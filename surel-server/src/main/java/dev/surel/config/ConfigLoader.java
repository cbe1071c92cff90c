package dev.surel.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads the TOML configuration and validates it against {@link ConfigSchema}: every key must be
 * known and of the right type, else a {@link ConfigException} names the key, its line and what
 * is expected. All problems are reported at once, one per line.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The configuration used when no file is given: every default, listeners on the standard ports. */
    public static SurelConfig defaults() {
        return SurelConfig.from(new ConfigValues(Map.of(), Path.of("").toAbsolutePath(), false));
    }

    public static SurelConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file: " + e.getMessage());
        }
        Path base = Optional.ofNullable(file.toAbsolutePath().getParent()).orElse(Path.of("/"));
        return SurelConfig.from(validate(file.toString(), text, base));
    }

    /** Parses and checks {@code text}; {@code where} names the source in messages. */
    public static ConfigValues validate(String where, String text, Path base) {
        TomlParseResult toml = Toml.parse(text);
        List<String> problems = new ArrayList<>();
        for (TomlParseError e : toml.errors()) {
            problems.add(where + ":" + e.position().line() + ": TOML syntax error: " + e.getMessage());
        }
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));

        Map<String, Setting<?>> known = ConfigSchema.ALL.stream()
                .collect(Collectors.toMap(Setting::key, s -> s));
        Set<String> tables = new java.util.HashSet<>();
        for (Setting<?> s : ConfigSchema.ALL) {
            for (String t = s.table(); !t.isEmpty(); t = t.contains(".") ? t.substring(0, t.lastIndexOf('.')) : "") {
                tables.add(t);
            }
        }
        Map<String, Object> values = new HashMap<>();
        check(where, toml, List.of(), known, tables, values, problems);
        if (!problems.isEmpty()) throw new ConfigException(String.join("\n", problems));
        return new ConfigValues(values, base, true);
    }

    private static void check(String where, TomlTable table, List<String> prefix, Map<String, Setting<?>> known,
                              Set<String> tables, Map<String, Object> values, List<String> problems) {
        for (String k : table.keySet()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(k);
            String dotted = String.join(".", path);
            Object value = table.get(List.of(k));
            Setting<?> setting = known.get(dotted);
            int line = line(table.inputPositionOf(List.of(k)));
            if (setting != null) {
                try {
                    values.put(dotted, setting.type().parse(value));
                } catch (IllegalArgumentException e) {
                    problems.add(where + ":" + line + ": " + dotted + ": " + e.getMessage()
                            + "; expected " + setting.type().expected());
                }
            } else if (value instanceof TomlTable sub && tables.contains(dotted)) {
                check(where, sub, path, known, tables, values, problems);
            } else {
                problems.add(where + ":" + line + ": unknown key " + dotted + suggestion(dotted, known.keySet()));
            }
        }
    }

    private static int line(TomlPosition p) {
        return p == null ? 0 : p.line();
    }

    private static String suggestion(String key, Set<String> known) {
        String table = key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
        List<String> same = known.stream().filter(k -> k.startsWith(table.isEmpty() ? "" : table + "."))
                .filter(k -> table.isEmpty() ? !k.contains(".") : k.indexOf('.', table.length() + 1) < 0)
                .sorted().toList();
        if (same.isEmpty()) return " (see docs/configuration.md)";
        return " (known keys here: " + String.join(", ", same) + "; see docs/configuration.md)";
    }
}
