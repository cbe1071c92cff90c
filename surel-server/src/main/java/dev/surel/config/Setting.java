package dev.surel.config;

/**
 * One configuration key: its dotted name ({@code "auth.cleartext_networks"}), its type, its
 * default (as a value and as the text the documentation shows) and what it means.
 */
public record Setting<T>(String key, ValueType<T> type, T defaultValue, String defaultText, String doc) {

    /** The table part of the key ({@code "auth"}), or "" for a top-level key. */
    public String table() {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    /** The last part of the key ({@code "cleartext_networks"}). */
    public String name() {
        return key.substring(key.lastIndexOf('.') + 1);
    }
}
