package dev.surel.protocol.sieve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature of one command or test: the extension that brings it (null for the base
 * language), its tagged arguments, its positional argument types, its tests and whether it takes
 * a block. {@link Specs} holds the table; {@link SieveCompiler} checks calls against it.
 */
record Spec(String name, boolean test, String extension, Map<String, TagSpec> tags,
        List<Type> positional, int minPositional, Tests tests, boolean block) {

    /** Argument value types. */
    enum Type { NONE, NUMBER, STRING, STRING_LIST }

    /** What a command or test takes after its arguments. */
    enum Tests { NONE, ONE, LIST }

    /**
     * A tag: the value that follows it (NONE for a flag tag), the group of which at most one tag
     * may be given (null: the tag alone), and the extension it needs beyond its command's.
     */
    record TagSpec(String tag, Type value, String group, String extension) {}

    static Builder command(String name, String extension) {
        return new Builder(name, false, extension);
    }

    static Builder test(String name, String extension) {
        return new Builder(name, true, extension);
    }

    static final class Builder {
        private final String name;
        private final boolean test;
        private final String extension;
        private final Map<String, TagSpec> tags = new LinkedHashMap<>();
        private List<Type> positional = List.of();
        private int min = -1;
        private Tests tests = Tests.NONE;
        private boolean block;

        private Builder(String name, boolean test, String extension) {
            this.name = name;
            this.test = test;
            this.extension = extension;
        }

        Builder tag(String tag, Type value, String group, String ext) {
            tags.put(tag, new TagSpec(tag, value, group, ext));
            return this;
        }

        Builder tag(String tag) {
            return tag(tag, Type.NONE, null, null);
        }

        Builder tag(String tag, Type value) {
            return tag(tag, value, null, null);
        }

        /** :comparator (RFC 5228 §2.7.3). */
        Builder comparator() {
            return tag(":comparator", Type.STRING, "comparator", null);
        }

        /** :is :contains :matches (§2.7.1), :regex (draft-ietf-sieve-regex-01 §3), :count :value (RFC 5231 §4). */
        Builder matchType() {
            tag(":is", Type.NONE, "match", null);
            tag(":contains", Type.NONE, "match", null);
            tag(":matches", Type.NONE, "match", null);
            tag(":regex", Type.NONE, "match", "regex");
            tag(":count", Type.STRING, "match", "relational");
            return tag(":value", Type.STRING, "match", "relational");
        }

        /** :all :localpart :domain (§2.7.4), :user :detail (RFC 5233 §4). */
        Builder addressPart() {
            tag(":all", Type.NONE, "addresspart", null);
            tag(":localpart", Type.NONE, "addresspart", null);
            tag(":domain", Type.NONE, "addresspart", null);
            tag(":user", Type.NONE, "addresspart", "subaddress");
            return tag(":detail", Type.NONE, "addresspart", "subaddress");
        }

        /** :index and :last (RFC 5260 §6). */
        Builder index() {
            tag(":index", Type.NUMBER, null, "index");
            return tag(":last", Type.NONE, null, "index");
        }

        Builder args(int min, Type... types) {
            this.positional = List.of(types);
            this.min = min;
            return this;
        }

        Builder args(Type... types) {
            return args(types.length, types);
        }

        Builder tests(Tests t) {
            this.tests = t;
            return this;
        }

        Builder block() {
            this.block = true;
            return this;
        }

        Spec build() {
            return new Spec(name, test, extension, Map.copyOf(tags), positional,
                    min < 0 ? positional.size() : min, tests, block);
        }
    }
}
