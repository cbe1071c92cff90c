package dev.surel.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the key reference of {@code docs/configuration.md} from {@link ConfigSchema}, so the
 * documentation cannot drift from what the loader accepts. Run: {@code ./surel config-docs}.
 */
public final class ConfigDocs {

    public static final String BEGIN = "<!-- BEGIN GENERATED: ./surel config-docs -->";
    public static final String END = "<!-- END GENERATED -->";

    private ConfigDocs() {
    }

    public static String reference() {
        Map<String, StringBuilder> byTable = new LinkedHashMap<>();
        for (Setting<?> s : ConfigSchema.ALL) {
            StringBuilder b = byTable.computeIfAbsent(s.table(), t -> new StringBuilder(
                    (t.isEmpty() ? "### Top level" : "### [" + t + "]")
                            + "\n\n| key | type | default | meaning |\n|---|---|---|---|\n"));
            b.append("| `").append(s.name()).append("` | ").append(escape(s.type().expected()))
                    .append(" | ").append(escape(s.defaultText())).append(" | ").append(escape(s.doc())).append(" |\n");
        }
        StringBuilder out = new StringBuilder(BEGIN).append("\n\n");
        byTable.values().forEach(b -> out.append(b).append('\n'));
        return out.append(END).append('\n').toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    /** The generated block inside a whole document, or null when the markers are missing. */
    public static String generatedPart(String document) {
        int b = document.indexOf(BEGIN);
        int e = document.indexOf(END);
        if (b < 0 || e < b) return null;
        return document.substring(b, e + END.length()) + "\n";
    }
}
