package dev.surel.protocol.mime;

import java.util.ArrayList;
import java.util.List;

/**
 * The old way of naming a mailbox, {@code user@domain (Real Name)} (RFC 822 §6.1, still in RFC
 * 5322 §3.4 as a comment): rewrites an address list so that each bare addr-spec carrying a comment
 * becomes {@code "Real Name" <user@domain>}, which the address parser then reads with that display
 * name. Dovecot 2.3.19 answers the same ENVELOPE: the last comment from the local part on is the
 * name; a comment before the local part, or any comment when the address has a display name or
 * angle brackets, is only a comment. Everything else (quoted strings, angle addresses, groups) is
 * left as written.
 *
 * <p>Pure and linear in the input; a malformed list (unbalanced quotes or parentheses) is
 * returned unchanged.
 */
final class AddressComments {

    private AddressComments() {
    }

    /** The list with comment names turned into display names (or the input when nothing changes). */
    static String asDisplayNames(String list) {
        if (list.indexOf('(') < 0) {
            return list;
        }
        List<int[]> items = split(list);
        if (items == null) {
            return list;
        }
        StringBuilder out = new StringBuilder(list.length() + 8);
        int last = 0;
        boolean changed = false;
        for (int[] item : items) {
            String rewritten = rewrite(list.substring(item[0], item[1]));
            if (rewritten != null) {
                out.append(list, last, item[0]).append(rewritten);
                last = item[1];
                changed = true;
            }
        }
        if (!changed) {
            return list;
        }
        return out.append(list, last, list.length()).toString();
    }

    /**
     * The [start, end) of every mailbox at the top level of the list: between commas, after a
     * group's "name:" and before its ";". Null when quotes or parentheses do not balance.
     */
    private static List<int[]> split(String s) {
        List<int[]> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        boolean angle = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && (quoted || depth > 0)) {
                i++;
                continue;
            }
            if (quoted) {
                if (c == '"') quoted = false;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) return null;
                depth--;
            } else if (depth > 0) {
                continue;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (!angle && (c == ',' || c == ';')) {
                out.add(new int[] {start, i});
                start = i + 1;
            } else if (!angle && c == ':') {
                start = i + 1; // a group's name: its members follow
            }
        }
        if (quoted || depth != 0) return null;
        out.add(new int[] {start, s.length()});
        return out;
    }

    /** One mailbox: {@code "name" <addr>} when it is a bare addr-spec with a comment after its start, else null. */
    private static String rewrite(String item) {
        StringBuilder addr = new StringBuilder();
        String name = null;
        int depth = 0;
        int commentStart = -1;
        boolean quoted = false;
        for (int i = 0; i < item.length(); i++) {
            char c = item.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    if (!addr.isEmpty()) name = unescape(item.substring(commentStart + 1, i)).strip();
                }
                continue;
            }
            if (quoted) {
                addr.append(c);
                if (c == '\\' && i + 1 < item.length()) addr.append(item.charAt(++i));
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '<') return null; // an angle address: its comments are only comments
            if (c == '(') {
                depth = 1;
                commentStart = i;
            } else if (c == '"') {
                quoted = true;
                addr.append(c);
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                addr.append(c);
            }
        }
        if (name == null || name.isEmpty() || addr.indexOf("@") < 0) return null;
        String lead = item.substring(0, item.length() - item.stripLeading().length());
        return lead + "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + addr + ">";
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) c = s.charAt(++i);
            b.append(c);
        }
        return b.toString();
    }
}
