package dev.surel.protocol.sieve;

import java.util.List;
import java.util.Map;

/**
 * A validated command or test: its tagged arguments by tag (a tag that takes a value maps to that
 * value, one that does not maps to itself), its positional arguments in order, its tests and its
 * block (commands only; null without one). Names and tags are lower case.
 */
public record Call(String name, Map<String, Argument> tags, List<Argument> args, List<Call> tests,
        List<Call> block, int line) {

    public Call {
        tags = Map.copyOf(tags);
        args = List.copyOf(args);
        tests = List.copyOf(tests);
        block = block == null ? null : List.copyOf(block);
    }

    public boolean has(String tag) {
        return tags.containsKey(tag);
    }

    /** The first of {@code names} present, or null. */
    public String firstOf(String... names) {
        for (String n : names) if (tags.containsKey(n)) return n;
        return null;
    }

    public long number(String tag, long dflt) {
        return tags.get(tag) instanceof Argument.Num n ? n.value() : dflt;
    }

    public List<String> strings(String tag) {
        return tags.get(tag) instanceof Argument.Strings s ? s.values() : null;
    }

    public String string(String tag) {
        List<String> s = strings(tag);
        return s == null ? null : s.getFirst();
    }

    public List<String> arg(int i) {
        return ((Argument.Strings) args.get(i)).values();
    }
}
