package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.imap.names.ListPattern;
import dev.surel.store.MailboxInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * LIST (RFC 9051 §6.3.9, RFC 3501 §6.3.8) with CHILDREN (RFC 3348: \HasChildren / \HasNoChildren
 * always), SPECIAL-USE attributes (RFC 6154), LIST-EXTENDED selection options SUBSCRIBED,
 * REMOTE (no remote mailboxes here), RECURSIVEMATCH, SPECIAL-USE and return options SUBSCRIBED,
 * CHILDREN, SPECIAL-USE (RFC 5258), and the STATUS return option (RFC 5819). The hierarchy
 * delimiter is "/".
 *
 * <ul>
 *   <li>A name that is not a mailbox but has mailboxes below it (its mailbox was deleted, RFC
 *       9051 §6.3.5) is a hierarchy level: listed with {@code \Noselect} (RFC 3501 §6.3.8), or
 *       {@code \NonExistent} for LIST-EXTENDED and IMAP4rev2 (RFC 5258 §3.4, RFC 9051 §7.3.1),
 *       and {@code \HasChildren}, as Dovecot 2.3.19 does.</li>
 *   <li>With selection options, a name is listed when it meets them (a subscribed name that is
 *       no mailbox: {@code \NonExistent}); with RECURSIVEMATCH also a name that does not but has
 *       a descendant that does and that the patterns do not match (RFC 5258 §3, the imaptest
 *       {@code listext} cases). CHILDINFO goes only with RECURSIVEMATCH, to a listed name with a
 *       descendant that meets the selection (RFC 5258 §3.5). RECURSIVEMATCH alone or only with
 *       REMOTE is BAD (the parser).</li>
 *   <li>STATUS (RFC 5819) only for listed mailboxes that exist and meet the selection.</li>
 * </ul>
 */
final class ListCmd {
    private ListCmd() { }

    // RFC 9051 §6.3.9, RFC 5258 §3, RFC 5819 §2
    static void run(ImapSession s, String tag, ImapCommand.ListMailboxes c) throws IOException {
        if (!c.extended() && c.patterns().size() == 1 && c.patterns().getFirst().isEmpty()) {
            s.out().line("* LIST (\\Noselect) \"/\" \"\"");
            s.ok(tag, "LIST completed");
            return;
        }
        List<ListPattern> patterns = new ArrayList<>();
        String reference = MailboxNames.pattern(c.reference(), s.utf8Names());
        for (String p : c.patterns()) patterns.add(ListPattern.of(reference, MailboxNames.pattern(p, s.utf8Names()), '/'));
        Map<String, MailboxInfo> boxes = new LinkedHashMap<>();
        for (MailboxInfo m : s.store().listMailboxes(s.account())) boxes.put(m.name(), m);
        Set<String> subscribed = new TreeSet<>(s.store().subscriptions(s.account()));
        boolean selSubscribed = c.selection().contains("SUBSCRIBED");
        boolean selSpecial = c.selection().contains("SPECIAL-USE");
        boolean criteria = selSubscribed || selSpecial; // REMOTE selects nothing more here
        boolean recursive = c.selection().contains("RECURSIVEMATCH");
        boolean showSubscribed = selSubscribed || c.returns().contains("SUBSCRIBED");
        boolean nonExistent = c.extended() || s.rev2();

        // every mailbox, every subscribed name when selecting by subscription, and the levels above them
        TreeSet<String> names = new TreeSet<>(boxes.keySet());
        if (selSubscribed) names.addAll(subscribed);
        for (String n : List.copyOf(names)) {
            for (int i = n.indexOf('/'); i > 0; i = n.indexOf('/', i + 1)) names.add(n.substring(0, i));
        }
        Set<String> meeting = new TreeSet<>();
        for (String n : names) {
            MailboxInfo info = boxes.get(n);
            if (selSubscribed && !subscribed.contains(n)) continue;
            if (selSpecial && (info == null || info.specialUse() == null)) continue;
            if (!criteria && info == null) continue;
            meeting.add(n);
        }
        List<String> childInfo = new ArrayList<>();
        if (selSubscribed) childInfo.add("\"SUBSCRIBED\"");
        if (selSpecial) childInfo.add("\"SPECIAL-USE\"");
        for (String name : names) {
            if (!matches(patterns, name)) continue;
            MailboxInfo info = boxes.get(name);
            boolean hasChildren = hasDescendant(name, boxes.keySet());
            boolean meets = meeting.contains(name);
            boolean listed = criteria
                    ? meets || (recursive && hasUnmatchedDescendant(name, meeting, patterns))
                    : info != null || hasChildren;
            if (!listed) continue;
            List<String> attrs = new ArrayList<>();
            if (info == null) {
                attrs.add(nonExistent ? "\\NonExistent" : "\\Noselect");
                if (hasChildren) attrs.add("\\HasChildren");
            } else {
                attrs.add(hasChildren ? "\\HasChildren" : "\\HasNoChildren");
                if (info.specialUse() != null) attrs.add(info.specialUse().attribute());
            }
            if (showSubscribed && subscribed.contains(name)) attrs.add("\\Subscribed");
            ResponseBuilder b = new ResponseBuilder().raw("* LIST ").atomList(attrs).raw(" \"/\" ").string(s.encodeName(name));
            if (recursive && criteria && hasDescendant(name, meeting)) {
                b.raw(" (\"CHILDINFO\" (" + String.join(" ", childInfo) + "))");
            }
            s.out().write(b.crlf());
            if (c.returns().contains("STATUS") && info != null && (meets || !criteria)) StatusCmd.write(s, info, c.statusItems());
        }
        s.ok(tag, "LIST completed");
    }

    private static boolean matches(List<ListPattern> patterns, String name) {
        for (ListPattern w : patterns) if (w.matches(name)) return true;
        return false;
    }

    private static boolean hasDescendant(String name, java.util.Collection<String> names) {
        String prefix = name + "/";
        for (String n : names) if (n.startsWith(prefix)) return true;
        return false;
    }

    /** RFC 5258 §3 RECURSIVEMATCH: a descendant meets the selection but is not itself listed (no pattern matches it). */
    private static boolean hasUnmatchedDescendant(String name, Set<String> meeting, List<ListPattern> patterns) {
        String prefix = name + "/";
        for (String n : meeting) if (n.startsWith(prefix) && !matches(patterns, n)) return true;
        return false;
    }
}
