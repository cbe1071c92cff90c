package dev.surel.protocol.imap;

import dev.surel.protocol.imap.ImapCommand.AppendMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of the authenticated-state commands that name mailboxes (RFC 9051 §6.3):
 * SELECT and EXAMINE with CONDSTORE / QRESYNC (RFC 7162), CREATE with USE (RFC 6154), DELETE,
 * RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST (RFC 5258, RFC 5819), LSUB (RFC 3501), STATUS, APPEND
 * (RFC 3502, RFC 3516, RFC 6855) and the quota commands (RFC 9208). NAMESPACE and IDLE take no
 * arguments: {@link ImapParser} makes them directly.
 */
final class MailboxParser {

    private MailboxParser() { }

    /** A command whose only argument is a mailbox (DELETE, SUBSCRIBE, GETQUOTA, ...). */
    static String oneMailbox(CommandCursor c) {
        c.sp();
        return c.astring();
    }

    /** {@code select = "SELECT" SP mailbox [select-params]}; EXAMINE alike (RFC 9051 §6.3.2, §6.3.3). */
    static ImapCommand.Select select(CommandCursor c, boolean examine) {
        String mailbox = oneMailbox(c);
        if (c.atEnd()) return new ImapCommand.Select(mailbox, examine);
        return SelectParams.parse(c, mailbox, examine);
    }

    /** {@code create = "CREATE" SP mailbox [create-params]}; the one parameter is USE (RFC 6154 §3). */
    static ImapCommand create(CommandCursor c) {
        String mb = oneMailbox(c);
        List<String> use = new ArrayList<>();
        if (c.trySp()) {
            c.expect('(');
            if (!c.atom().equalsIgnoreCase("USE")) throw new SyntaxException("unknown CREATE parameter");
            c.sp();
            c.expect('(');
            if (!c.tryChar(')')) {
                do {
                    use.add(c.flag());
                } while (c.trySp());
                c.expect(')');
            }
            c.expect(')');
        }
        return new ImapCommand.Create(mb, use);
    }

    /** {@code rename = "RENAME" SP mailbox SP mailbox} (RFC 9051 §6.3.6). */
    static ImapCommand rename(CommandCursor c) {
        String from = oneMailbox(c);
        return new ImapCommand.Rename(from, oneMailbox(c));
    }

    /** {@code lsub = "LSUB" SP mailbox SP list-mailbox} (RFC 3501 §6.3.9). */
    static ImapCommand lsub(CommandCursor c) {
        String ref = oneMailbox(c);
        c.sp();
        return new ImapCommand.Lsub(ref, c.listMailbox());
    }

    /** {@code status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"} (RFC 9051 §6.3.11). */
    static ImapCommand status(CommandCursor c) {
        String mb = oneMailbox(c);
        c.sp();
        return new ImapCommand.Status(mb, statusItems(c));
    }

    /**
     * LIST, basic or extended (RFC 9051 §6.3.9, RFC 5258 §3): selection options before the
     * reference, several patterns in parentheses, RETURN options (RFC 5819 STATUS) after them.
     */
    static ImapCommand list(CommandCursor c) {
        c.sp();
        boolean extended = false;
        Set<String> selection = new LinkedHashSet<>();
        if (c.tryChar('(')) {
            extended = true;
            if (!c.tryChar(')')) {
                do {
                    String o = c.atom().toUpperCase(Locale.ROOT);
                    if (!Set.of("SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE").contains(o)) {
                        throw new SyntaxException("unknown LIST selection option");
                    }
                    selection.add(o);
                } while (c.trySp());
                c.expect(')');
            }
            c.sp();
        }
        // RFC 5258 §3: RECURSIVEMATCH "MUST NOT occur as the only selection option (or only with REMOTE)"
        if (selection.contains("RECURSIVEMATCH") && selection.stream().allMatch(o -> o.equals("RECURSIVEMATCH") || o.equals("REMOTE"))) {
            throw new SyntaxException("RECURSIVEMATCH needs another selection option");
        }
        String reference = c.astring();
        c.sp();
        List<String> patterns = new ArrayList<>();
        if (c.tryChar('(')) {
            extended = true;
            do {
                patterns.add(c.listMailbox());
            } while (c.trySp());
            c.expect(')');
        } else {
            patterns.add(c.listMailbox());
        }
        Set<String> returns = new LinkedHashSet<>();
        List<StatusItem> status = List.of();
        if (c.trySp()) {
            if (!c.atom().equalsIgnoreCase("RETURN")) throw new SyntaxException("expected RETURN");
            extended = true;
            c.sp();
            c.expect('(');
            if (!c.tryChar(')')) {
                do {
                    String o = c.atom().toUpperCase(Locale.ROOT);
                    switch (o) {
                        case "SUBSCRIBED", "CHILDREN", "SPECIAL-USE" -> returns.add(o);
                        case "STATUS" -> {
                            c.sp();
                            status = statusItems(c);
                            returns.add(o);
                        }
                        default -> throw new SyntaxException("unknown LIST return option");
                    }
                } while (c.trySp());
                c.expect(')');
            }
        }
        return new ImapCommand.ListMailboxes(selection, reference, patterns, returns, status, extended);
    }

    private static List<StatusItem> statusItems(CommandCursor c) {
        c.expect('(');
        List<StatusItem> items = new ArrayList<>();
        do {
            String a = c.atom().toUpperCase(Locale.ROOT);
            try {
                items.add(StatusItem.valueOf(a));
            } catch (IllegalArgumentException e) {
                throw new SyntaxException("unknown STATUS item");
            }
        } while (c.trySp());
        c.expect(')');
        return items;
    }

    /** {@code append = "APPEND" SP mailbox 1*append-message} (RFC 9051 §6.3.12, RFC 3502 MULTIAPPEND). */
    static ImapCommand append(CommandCursor c) {
        String mb = oneMailbox(c);
        List<AppendMessage> messages = new ArrayList<>();
        while (!c.atEnd()) {
            c.sp();
            List<String> flags = List.of();
            OffsetDateTime date = null;
            if (c.peek() == '(') {
                flags = c.flagList();
                c.sp();
            }
            if (c.peek() == '"') {
                date = DateParser.dateTime(c);
                c.sp();
            }
            messages.add(appendData(c, flags, date));
        }
        if (messages.isEmpty()) throw new SyntaxException("APPEND needs a message literal");
        return new ImapCommand.Append(mb, messages);
    }

    /**
     * append-data: a literal, an RFC 3516 literal8 {@code ~{n}}, or RFC 6855 §4
     * {@code UTF8 (~{n})} (a literal8 inside the UTF8 wrapper).
     */
    private static AppendMessage appendData(CommandCursor c, List<String> flags, OffsetDateTime date) {
        boolean utf8 = false;
        if (c.peekWord().equalsIgnoreCase("UTF8")) {
            c.atom();
            c.sp();
            c.expect('(');
            utf8 = true;
        }
        boolean binary = c.tryChar('~');
        if (utf8 && !binary) throw new SyntaxException("UTF8 data needs a literal8");
        int index = c.literalIndexHere();
        ImapInput.Literal lit = c.literal(index);
        if (utf8) c.expect(')');
        return new AppendMessage(flags, date, index, lit.size(), binary, utf8);
    }

    /** {@code setquota = "SETQUOTA" SP quota-root SP setquota-list} (RFC 9208 §4.1.3). */
    static ImapCommand setQuota(CommandCursor c) {
        String root = oneMailbox(c);
        c.sp();
        c.expect('(');
        Map<String, Long> limits = new LinkedHashMap<>();
        if (!c.tryChar(')')) {
            do {
                String res = c.atom().toUpperCase(Locale.ROOT);
                c.sp();
                limits.put(res, c.number());
            } while (c.trySp());
            c.expect(')');
        }
        return new ImapCommand.SetQuota(root, limits);
    }
}
