package dev.surel.imap;

import dev.surel.store.Flag;
import dev.surel.store.Flags;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Flag names from a client to store {@link Flags} (RFC 9051 §2.3.2): the five system flags,
 * keywords as atoms; {@code \Recent} is ignored (the server sets it), other backslash flags are
 * refused. A keyword spelled {@code NIL} (any case) is refused too: the grammar allows it as an
 * atom, but in a response {@code FLAGS (NIL)} it is what clients read as the NIL token, so
 * {@code STORE 1 +FLAGS NIL} is BAD rather than a message showing a "NIL" keyword.
 */
final class FlagNames {
    private FlagNames() { }

    /** @throws IllegalArgumentException for an unknown system flag or the keyword NIL */
    static Flags parse(List<String> names) {
        EnumSet<Flag> system = EnumSet.noneOf(Flag.class);
        List<String> keywords = new ArrayList<>();
        for (String n : names) {
            if (n.startsWith("\\")) {
                if (n.equalsIgnoreCase("\\Recent")) continue;
                Flag f = null;
                for (Flag x : Flag.values()) if (x.imapName().equalsIgnoreCase(n)) f = x;
                if (f == null) throw new IllegalArgumentException("unknown system flag");
                system.add(f);
            } else {
                if (n.equalsIgnoreCase("NIL")) throw new IllegalArgumentException("NIL is not a keyword");
                keywords.add(n);
            }
        }
        return new Flags(system, Set.copyOf(dedupe(keywords)));
    }

    private static List<String> dedupe(List<String> in) {
        List<String> out = new ArrayList<>();
        for (String k : in) if (out.stream().noneMatch(k::equalsIgnoreCase)) out.add(k);
        return out;
    }
}
