package dev.surel.imap;

import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.ResponseBuilder;
import dev.surel.protocol.imap.names.ListPattern;
import dev.surel.store.MailboxInfo;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LSUB (RFC 3501 §6.3.9; deprecated in RFC 9051 but still answered): subscribed names matching
 * the pattern, {@code \Noselect} when no such mailbox exists. A pattern ending in {@code %} also
 * returns the levels above subscribed names that it matches and that are not subscribed
 * themselves, flagged {@code \Noselect} (RFC 3501 §6.3.9: with "foo/bar" subscribed and "foo"
 * not, LSUB "" % "must return foo, not foo/bar ... flagged with the \Noselect attribute"), as
 * Dovecot 2.3.19 does.
 */
final class LsubCmd {
    private LsubCmd() { }

    // RFC 3501 §6.3.9
    static void run(ImapSession s, String tag, ImapCommand.Lsub c) throws IOException {
        ListPattern w = ListPattern.of(MailboxNames.pattern(c.reference(), s.utf8Names()), MailboxNames.pattern(c.pattern(), s.utf8Names()), '/');
        Set<String> existing = new HashSet<>();
        for (MailboxInfo m : s.store().listMailboxes(s.account())) existing.add(m.name());
        List<String> subscribed = s.store().subscriptions(s.account());
        Set<String> subscribedSet = new HashSet<>(subscribed);
        TreeMap<String, Boolean> out = new TreeMap<>(); // name -> selectable
        for (String name : subscribed) {
            if (w.matches(name)) out.put(name, existing.contains(name));
            if (!w.matchesAncestorOf(name)) continue;
            for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
                String level = name.substring(0, i);
                if (!subscribedSet.contains(level) && w.matches(level)) out.put(level, false);
            }
        }
        for (Map.Entry<String, Boolean> e : out.entrySet()) {
            ResponseBuilder b = new ResponseBuilder().raw("* LSUB ")
                    .atomList(e.getValue() ? List.of() : List.of("\\Noselect"))
                    .raw(" \"/\" ").string(s.encodeName(e.getKey()));
            s.out().write(b.crlf());
        }
        s.ok(tag, "LSUB completed");
    }
}
