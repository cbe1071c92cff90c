package dev.surel.store.sql;

import dev.surel.store.StoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * Mailbox name rules: "/" is the hierarchy delimiter; INBOX is case-insensitive and stored as
 * "INBOX" (also as the first level, "inbox/x" is "INBOX/x"); names are non-empty, have no empty
 * level, no leading "/", no control characters and no IMAP wildcards ({@code *}, {@code %}). A
 * single trailing "/" is dropped (RFC 9051 §6.3.4). Names are Unicode; the IMAP layer converts
 * modified UTF-7.
 *
 * <p>A name given to a new mailbox (CREATE, RENAME target, {@link #checkNew}) also has no "." or
 * ".." level: in a Maildir or mbox export each level becomes a path element, and those would
 * point elsewhere. Stores made before this rule may hold such names: they stay reachable (every
 * lookup takes them), {@code surel check} lists them, and RENAME gives them a safe name.
 */
final class MailboxNames {
    static final String INBOX = "INBOX";
    static final char DELIMITER = '/';
    private static final int MAX_LENGTH = 1000;

    private MailboxNames() { }

    static String normalise(String name) {
        if (name == null) throw new StoreException.InvalidName("null", "missing");
        String n = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        if (n.isEmpty()) throw new StoreException.InvalidName(name, "empty");
        if (n.length() > MAX_LENGTH) throw new StoreException.InvalidName(name, "too long");
        if (n.startsWith("/")) throw new StoreException.InvalidName(name, "starts with the delimiter");
        if (n.contains("//")) throw new StoreException.InvalidName(name, "empty hierarchy level");
        for (int i = 0; i < n.length(); i++) {
            char ch = n.charAt(i);
            if (ch < 0x20 || ch == 0x7f) throw new StoreException.InvalidName(name, "control character");
            if (ch == '*' || ch == '%') throw new StoreException.InvalidName(name, "wildcard character");
        }
        int slash = n.indexOf(DELIMITER);
        String first = slash < 0 ? n : n.substring(0, slash);
        if (first.equalsIgnoreCase(INBOX)) n = INBOX + (slash < 0 ? "" : n.substring(slash));
        return n;
    }

    /** {@link #normalise}, and the rules for a name a mailbox is about to get (no "." or ".." level). */
    static String checkNew(String name) {
        String n = normalise(name);
        String why = unsafeLevel(n);
        if (why != null) throw new StoreException.InvalidName(name, why);
        return n;
    }

    /** Why a stored name is unsafe as a path (a "." or ".." level), or null when it is not. */
    static String unsafeLevel(String name) {
        for (String level : name.split("/", -1)) {
            if (level.equals(".") || level.equals("..")) return "\"" + level + "\" as a hierarchy level";
        }
        return null;
    }

    /** The superior names of {@code name}, outermost first ("a/b/c" gives "a", "a/b"). */
    static List<String> superiors(String name) {
        List<String> out = new ArrayList<>();
        for (int i = name.indexOf(DELIMITER); i >= 0; i = name.indexOf(DELIMITER, i + 1)) out.add(name.substring(0, i));
        return out;
    }

    /** True if {@code name} is {@code ancestor} or lies below it. */
    static boolean isSelfOrInferior(String name, String ancestor) {
        return name.equals(ancestor) || name.startsWith(ancestor + DELIMITER);
    }
}
