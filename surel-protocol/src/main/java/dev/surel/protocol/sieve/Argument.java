package dev.surel.protocol.sieve;

import java.util.List;

/** One argument of a command or test (RFC 5228 §2.6, §8.2): a tag, a number or a string list. */
public sealed interface Argument {

    int line();

    /** {@code :name}, kept lower case (§2.6.2: tags are case-insensitive). */
    record Tag(String name, int line) implements Argument {}

    /** A number, its K/M/G quantifier applied (§2.4.1). */
    record Num(long value, int line) implements Argument {}

    /**
     * A string or a string list (§2.4.2, §2.4.2.1); {@code list} tells whether it was written in
     * brackets (some arguments must be a single string); {@code itemLines} is the line each string
     * starts on.
     */
    record Strings(List<String> values, boolean list, int line, List<Integer> itemLines) implements Argument {
        public Strings {
            values = List.copyOf(values);
            itemLines = List.copyOf(itemLines);
            if (itemLines.size() != values.size()) throw new IllegalArgumentException("one line per string");
        }

        /** All strings on {@code line}. */
        public Strings(List<String> values, boolean list, int line) {
            this(values, list, line, java.util.Collections.nCopies(values.size(), line));
        }
    }
}
