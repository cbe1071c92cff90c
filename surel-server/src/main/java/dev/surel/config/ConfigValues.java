package dev.surel.config;

import java.nio.file.Path;
import java.util.Map;

/**
 * The validated values of one configuration: what the file set, with every other key at its
 * default. {@code base} is where relative paths in the file are resolved (the file's directory).
 */
public record ConfigValues(Map<String, Object> set, Path base, boolean fromFile) {

    public ConfigValues {
        set = Map.copyOf(set);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> s) {
        Object v = set.get(s.key());
        return v == null ? s.defaultValue() : (T) v;
    }

    public boolean isSet(Setting<?> s) {
        return set.containsKey(s.key());
    }

    /** A path from the file, resolved against the file's directory when relative. */
    public Path path(String value) {
        return base.resolve(value).normalize();
    }
}
