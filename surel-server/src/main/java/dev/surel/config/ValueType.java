package dev.surel.config;

import dev.surel.net.HostPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * How a TOML value becomes a typed setting. {@link #parse} throws
 * {@link IllegalArgumentException} with a short reason when the value does not fit; the loader
 * adds the key, the line and {@link #expected()}.
 */
public record ValueType<T>(String expected, Function<Object, T> parser) {

    public T parse(Object tomlValue) {
        return parser.apply(tomlValue);
    }

    /** A derived type: parse as this, then convert (conversion failures are IllegalArgumentException). */
    public <R> ValueType<R> map(String expected, Function<T, R> f) {
        return new ValueType<>(expected, v -> f.apply(parser.apply(v)));
    }

    public static final ValueType<String> STRING = new ValueType<>("a string", v -> {
        if (v instanceof String s) return s;
        throw new IllegalArgumentException("not a string");
    });

    public static final ValueType<Boolean> BOOLEAN = new ValueType<>("true or false", v -> {
        if (v instanceof Boolean b) return b;
        throw new IllegalArgumentException("not a boolean");
    });

    public static final ValueType<Integer> COUNT = new ValueType<>("a whole number >= 0", v -> {
        if (v instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) return l.intValue();
        throw new IllegalArgumentException("not a whole number >= 0");
    });

    /** A count that may exceed 2^31 (messages of a quota): a plain whole number, no size suffix. */
    public static final ValueType<Long> LONG_COUNT = new ValueType<>("a whole number >= 0 (a count, no size suffix)", v -> {
        if (v instanceof Long l && l >= 0) return l;
        throw new IllegalArgumentException("not a whole number >= 0");
    });

    /** A size in bytes (as {@link #BYTES}) that fits an int: the MIME parser's buffers. */
    public static final ValueType<Integer> INT_BYTES = new ValueType<>(
            "a size in bytes below 2G: a number or a string such as \"64K\", \"1M\"", v -> {
                long n = v instanceof String s ? parseSize(s) : v instanceof Long l && l >= 0 ? l : -1;
                if (n < 0) throw new IllegalArgumentException("not a size");
                if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("too large");
                return (int) n;
            });

    /** A number, whole or not ({@code 5}, {@code 7.5}, {@code -1.0}); not NaN or infinite. */
    public static final ValueType<Double> NUMBER = new ValueType<>("a number such as 5 or 7.5", v -> {
        if (v instanceof Long l) return l.doubleValue();
        if (v instanceof Double d && Double.isFinite(d)) return d;
        throw new IllegalArgumentException("not a number");
    });

    public static final ValueType<Integer> POSITIVE = new ValueType<>("a whole number >= 1", v -> {
        if (v instanceof Long l && l >= 1 && l <= Integer.MAX_VALUE) return l.intValue();
        throw new IllegalArgumentException("not a whole number >= 1");
    });

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** A duration: a string of a number and a unit, ms, s, m, h or d ("30s", "15m", "7d"). */
    public static final ValueType<Duration> DURATION_TYPE = new ValueType<>(
            "a duration such as \"500ms\", \"30s\", \"15m\", \"2h\" or \"7d\"", v -> parseDuration(STRING.parse(v)));

    public static Duration parseDuration(String s) {
        Matcher m = DURATION.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a duration: \"" + s + "\"");
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) { // more than a Duration holds
            throw new IllegalArgumentException("too large: \"" + s + "\"");
        }
    }

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

    /** A size in bytes: a whole number, or a string with a binary suffix ("512K", "50M", "2G"); 0 often means unlimited. */
    public static final ValueType<Long> BYTES = new ValueType<>(
            "a size in bytes: a number or a string such as \"512K\", \"50M\", \"2G\"", v -> {
                if (v instanceof Long l && l >= 0) return l;
                if (v instanceof String s) return parseSize(s);
                throw new IllegalArgumentException("not a size");
            });

    public static long parseSize(String s) {
        Matcher m = SIZE.matcher(s.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("not a size: \"" + s + "\"");
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) throw new IllegalArgumentException("too large: \"" + s + "\"");
        return n << shift;
    }

    public static final ValueType<List<String>> STRING_LIST = new ValueType<>("an array of strings", v -> {
        if (!(v instanceof TomlArray a)) throw new IllegalArgumentException("not an array");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof String s)) throw new IllegalArgumentException("element " + (i + 1) + " is not a string");
            out.add(s);
        }
        return List.copyOf(out);
    });

    /** An array of tables ({@code [[tls.sni]]}), each with exactly the given string keys. */
    public static ValueType<List<Map<String, String>>> tables(String expected, List<String> keys) {
        return new ValueType<>(expected, v -> {
            if (!(v instanceof TomlArray a)) throw new IllegalArgumentException("not an array of tables");
            List<Map<String, String>> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                if (!(a.get(i) instanceof TomlTable t)) throw new IllegalArgumentException("element " + (i + 1) + " is not a table");
                Map<String, String> m = new LinkedHashMap<>();
                for (String k : t.keySet()) {
                    if (!keys.contains(k)) throw new IllegalArgumentException("entry " + (i + 1) + ": unknown key " + k);
                    if (!(t.get(List.of(k)) instanceof String s)) throw new IllegalArgumentException("entry " + (i + 1) + ": " + k + " is not a string");
                    m.put(k, s);
                }
                for (String k : keys) {
                    if (!m.containsKey(k)) throw new IllegalArgumentException("entry " + (i + 1) + ": " + k + " is missing");
                }
                out.add(Map.copyOf(m));
            }
            return List.copyOf(out);
        });
    }

    public static final ValueType<HostPort> HOST_PORT = STRING.map(
            "\"host:port\" such as \"0.0.0.0:25\" or \"[::1]:143\" (port 0 = any free port)", HostPort::parse);

    /** One "host:port" or an array of them, in order (at least one). */
    public static final ValueType<List<HostPort>> HOST_PORTS = new ValueType<>(
            "\"host:port\" or an array of them, such as [\"127.0.0.1:53\", \"[::1]:53\"]", v -> {
                if (v instanceof String s) return List.of(HostPort.parse(s));
                List<String> all = STRING_LIST.parse(v);
                if (all.isEmpty()) throw new IllegalArgumentException("an empty array");
                return all.stream().map(HostPort::parse).toList();
            });
}
