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
 * LIST (RFC 9051 §6.3.9) with CHILDREN (RFC 3348: \HasChildren / \HasNoChildren always),
 * SPECIAL-USE attributes (RFC 6154), LIST-EXTENDED selection options SUBSCRIBED, RECURSIVEMATCH,
 * SPECIAL-USE and return options SUBSCRIBED, CHILDREN, SPECIAL-USE (RFC 5258), and the STATUS
 * return option (RFC 5819). Subscribed names that do not exist carry \NonExistent. The
 * hierarchy delimiter is "/".
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
        boolean recursive = c.selection().contains("RECURSIVEMATCH");
        boolean showSubscribed = selSubscribed || c.returns().contains("SUBSCRIBED");

        TreeSet<String> candidates = new TreeSet<>(selSubscribed ? subscribed : boxes.keySet());
        if (recursive) {
            for (String n : selected(candidates, boxes, selSpecial)) {
                for (int i = n.indexOf('/'); i > 0; i = n.indexOf('/', i + 1)) candidates.add(n.substring(0, i));
            }
        }
        List<String> matching = selected(candidates, boxes, selSpecial);
        for (String name : candidates) {
            if (!matches(patterns, name)) continue;
            boolean isSelected = matching.contains(name);
            boolean childMatches = recursive && hasDescendant(name, matching);
            if (!isSelected && !childMatches) continue;
            MailboxInfo info = boxes.get(name);
            List<String> attrs = new ArrayList<>();
            if (info == null) {
                attrs.add("\\NonExistent");
            } else {
                attrs.add(hasDescendant(name, boxes.keySet()) ? "\\HasChildren" : "\\HasNoChildren");
                if (info.specialUse() != null) attrs.add(info.specialUse().attribute());
            }
            if (showSubscribed && subscribed.contains(name)) attrs.add("\\Subscribed");
            ResponseBuilder b = new ResponseBuilder().raw("* LIST ").atomList(attrs).raw(" \"/\" ").string(s.encodeName(name));
            if (childMatches && selSubscribed) b.raw(" (\"CHILDINFO\" (\"SUBSCRIBED\"))");
            s.out().write(b.crlf());
            if (c.returns().contains("STATUS") && info != null && isSelected) StatusCmd.write(s, info, c.statusItems());
        }
        s.ok(tag, "LIST completed");
    }

    private static List<String> selected(Set<String> candidates, Map<String, MailboxInfo> boxes, boolean specialOnly) {
        List<String> out = new ArrayList<>();
        for (String n : candidates) {
            MailboxInfo info = boxes.get(n);
            if (specialOnly && (info == null || info.specialUse() == null)) continue;
            out.add(n);
        }
        return out;
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
}
