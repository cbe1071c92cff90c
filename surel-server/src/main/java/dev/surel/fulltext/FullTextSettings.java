package dev.surel.fulltext;

/**
 * The {@code [search]} table: {@code full_text} (default true) keeps the full-text index of
 * SEARCH BODY / TEXT under {@code data/fts/}; false: every such SEARCH reads the messages.
 */
public record FullTextSettings(boolean enabled) {
    public static final FullTextSettings DEFAULTS = new FullTextSettings(true);
}
