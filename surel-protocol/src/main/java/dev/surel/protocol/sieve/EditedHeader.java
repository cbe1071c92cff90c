package dev.surel.protocol.sieve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The message header as a script sees it while editheader (RFC 5293) changes it: the changed
 * fields' values, kept per name, over the message's; and the changes for the deliverer. Received
 * and Auto-Submitted are left alone (§6: they carry trace and loop-protection meaning).
 */
final class EditedHeader {

    private final SieveMessage msg;
    private final int maxEdits;
    private final Map<String, List<String>> changed = new HashMap<>();
    private final List<HeaderEdit> edits = new ArrayList<>();

    EditedHeader(SieveMessage msg, int maxEdits) {
        this.msg = msg;
        this.maxEdits = maxEdits;
    }

    /** The raw values of the fields named {@code name}, after the edits so far. */
    List<String> values(String name) {
        List<String> edited = changed.get(name.toLowerCase(Locale.ROOT));
        return edited != null ? edited : msg.header(name);
    }

    List<HeaderEdit> edits() {
        return edits;
    }

    private static boolean isProtected(String name) {
        return name.equalsIgnoreCase("received") || name.equalsIgnoreCase("auto-submitted");
    }

    /** §4 addheader: at the top, or at the end with :last; null, or why it is refused. */
    String add(String name, String value, boolean last) {
        if (!HeaderEdit.isFieldName(name)) return "bad header field name \"" + SieveCompiler.printable(name) + "\"";
        String v = value.replaceAll("[\r\n]+", " ");
        if (v.length() > 998) return "header value longer than 998 characters";
        if (isProtected(name)) return null;
        if (edits.size() >= maxEdits) return "more than " + maxEdits + " header changes";
        List<String> current = new ArrayList<>(values(name));
        if (last) current.add(v);
        else current.addFirst(v);
        changed.put(name.toLowerCase(Locale.ROOT), current);
        edits.add(new HeaderEdit.Add(name, v, last));
        return null;
    }

    /**
     * §5 deleteheader: the fields named {@code name} ({@code index} 1-based, from the end with
     * {@code last}; 0 for all) whose raw value {@code matches}; null, or why it is refused.
     */
    String delete(String name, long index, boolean last, Predicate<String> matches) {
        if (!HeaderEdit.isFieldName(name)) return "bad header field name \"" + SieveCompiler.printable(name) + "\"";
        if (isProtected(name)) return null;
        List<String> current = new ArrayList<>(values(name));
        List<Integer> doomed = new ArrayList<>();
        int n = current.size();
        if (index > 0) {
            long i = last ? n - index : index - 1;
            if (i >= 0 && i < n && matches.test(current.get((int) i))) doomed.add((int) i);
        } else {
            for (int i = n - 1; i >= 0; i--) if (matches.test(current.get(i))) doomed.add(i);
        }
        if (edits.size() + doomed.size() > maxEdits) return "more than " + maxEdits + " header changes";
        doomed.sort(java.util.Comparator.reverseOrder());
        for (int i : doomed) {
            current.remove(i);
            edits.add(new HeaderEdit.Delete(name, i + 1));
        }
        changed.put(name.toLowerCase(Locale.ROOT), current);
        return null;
    }
}
