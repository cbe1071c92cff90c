package dev.surel.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a client knows of its selected mailbox, built only from the server's untagged responses,
 * the way a real client keeps its cache (RFC 9051 §7.3.1 EXISTS, §7.5.1 EXPUNGE, §7.5.2 FETCH;
 * RFC 7162 §3.1.4 MODSEQ): {@code * n EXISTS} adds unknown messages at the end (it never shrinks
 * the view), {@code * n EXPUNGE} removes sequence number n and renumbers the later ones,
 * {@code * n FETCH (UID FLAGS MODSEQ)} records what it carries for sequence number n. A
 * response that cannot be true (EXISTS below the known count, EXPUNGE or FETCH of a sequence
 * number past the end, a FETCH whose UID differs from the one known there, a MODSEQ going back,
 * VANISHED without QRESYNC) is recorded in {@link #violations()}.
 *
 * <p>{@code \Recent} is left out of the flags: it is per session (RFC 3501 §2.3.2).
 */
final class ClientMailboxView {
    /** One sequence number's known state; -1 / null while not known. */
    static final class Entry {
        long uid = -1;
        Set<String> flags;
        long modseq = -1;
        /** False after a FETCH gave FLAGS without MODSEQ (allowed for a FETCH that did not ask for it, RFC 7162 §3.2). */
        boolean modseqCurrent;

        @Override
        public String toString() {
            return "(UID " + uid + " FLAGS " + flags + " MODSEQ " + modseq + ")";
        }
    }

    private static final Pattern EXISTS = Pattern.compile("\\* (\\d+) EXISTS");
    private static final Pattern EXPUNGE = Pattern.compile("\\* (\\d+) EXPUNGE");
    private static final Pattern FETCH = Pattern.compile("\\* (\\d+) FETCH \\((.*)\\)", Pattern.DOTALL);
    private static final Pattern UID = Pattern.compile("(?:^| )UID (\\d+)");
    private static final Pattern FLAGS = Pattern.compile("(?:^| )FLAGS \\(([^)]*)\\)");
    private static final Pattern MODSEQ = Pattern.compile("(?:^| )MODSEQ \\((\\d+)\\)");

    private final List<Entry> entries = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private long highestSeen;

    /** Applies every untagged line of one command's responses, in order. */
    void apply(List<String> lines) {
        for (String l : lines) apply(l);
    }

    void apply(String line) {
        Matcher m;
        if ((m = EXISTS.matcher(line)).matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < entries.size()) violations.add("EXISTS " + n + " below the " + entries.size() + " messages known: " + line);
            while (entries.size() < n) entries.add(new Entry());
        } else if ((m = EXPUNGE.matcher(line)).matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > entries.size()) violations.add("EXPUNGE of " + n + " with " + entries.size() + " messages: " + line);
            else entries.remove(n - 1);
        } else if ((m = FETCH.matcher(line)).matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > entries.size()) {
                violations.add("FETCH of " + n + " with " + entries.size() + " messages: " + line);
                return;
            }
            Entry e = entries.get(n - 1);
            String items = m.group(2);
            Matcher u = UID.matcher(items);
            if (u.find()) {
                long uid = Long.parseLong(u.group(1));
                if (e.uid >= 0 && e.uid != uid) violations.add("FETCH of " + n + " says UID " + uid + ", known as " + e.uid + ": " + line);
                e.uid = uid;
            }
            Matcher ms = MODSEQ.matcher(items);
            long modseq = ms.find() ? Long.parseLong(ms.group(1)) : -1;
            if (modseq >= 0 && modseq < e.modseq) violations.add("MODSEQ of UID " + e.uid + " went back from " + e.modseq + ": " + line);
            Matcher f = FLAGS.matcher(items);
            if (f.find()) {
                e.flags = flags(f.group(1));
                e.modseqCurrent = modseq >= 0;
            }
            if (modseq >= 0) {
                e.modseq = Math.max(e.modseq, modseq);
                e.modseqCurrent = true;
                highestSeen = Math.max(highestSeen, modseq);
            }
        } else if (line.startsWith("* VANISHED")) {
            violations.add("VANISHED without QRESYNC: " + line);
        }
    }

    /** The flags of a FLAGS list, without {@code \Recent}. */
    static Set<String> flags(String list) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String f : list.strip().split(" +")) if (!f.isEmpty() && !f.equalsIgnoreCase("\\Recent")) s.add(f);
        return s;
    }

    int size() {
        return entries.size();
    }

    Entry at(int seq) {
        return entries.get(seq - 1);
    }

    List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The first sequence number whose UID or flags are not known yet (a new message), or -1. */
    int firstUnknown() {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.uid < 0 || e.flags == null) return i + 1;
        }
        return -1;
    }

    /** UIDs whose flags are known but whose MODSEQ is not (last told FLAGS without MODSEQ). */
    List<Long> modseqUnknown() {
        List<Long> out = new ArrayList<>();
        for (Entry e : entries) if (e.uid >= 0 && e.flags != null && !e.modseqCurrent) out.add(e.uid);
        return out;
    }

    long highestModseqSeen() {
        return highestSeen;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }
}
