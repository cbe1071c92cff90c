package dev.surel.protocol.imap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of the selected-state commands that change messages (RFC 9051 §6.4): EXPUNGE
 * and UID EXPUNGE (RFC 4315), COPY, MOVE (RFC 6851) and STORE with UNCHANGEDSINCE (RFC 7162).
 * CHECK, CLOSE and UNSELECT take no arguments: {@link ImapParser} makes them directly; FETCH and
 * SEARCH have their own parsers.
 */
final class SelectedStateParser {

    private SelectedStateParser() { }

    /** {@code expunge = "EXPUNGE"}; {@code uid-expunge = "UID EXPUNGE" SP sequence-set} (RFC 4315 §2.1). */
    static ImapCommand expunge(CommandCursor c, boolean uid) {
        if (!uid) return new ImapCommand.Expunge(null);
        c.sp();
        return new ImapCommand.Expunge(c.sequenceSet());
    }

    /** {@code copy = "COPY" SP sequence-set SP mailbox} (RFC 9051 §6.4.7). */
    static ImapCommand copy(CommandCursor c, boolean uid) {
        SequenceSet set = setThenMailbox(c);
        return new ImapCommand.Copy(uid, set, c.astring());
    }

    /** {@code move = "MOVE" SP sequence-set SP mailbox} (RFC 6851 §3, RFC 9051 §6.4.8). */
    static ImapCommand move(CommandCursor c, boolean uid) {
        SequenceSet set = setThenMailbox(c);
        return new ImapCommand.Move(uid, set, c.astring());
    }

    /** The sequence set of COPY / MOVE; leaves the cursor at the mailbox. */
    private static SequenceSet setThenMailbox(CommandCursor c) {
        c.sp();
        SequenceSet set = c.sequenceSet();
        c.sp();
        return set;
    }

    /**
     * {@code store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags}
     * (RFC 9051 §6.4.6, RFC 7162 §3.1.3).
     */
    static ImapCommand store(CommandCursor c, boolean uid) {
        c.sp();
        SequenceSet set = c.sequenceSet();
        c.sp();
        long unchangedSince = storeModifiers(c);
        String item = c.atom().toUpperCase(Locale.ROOT);
        ImapCommand.StoreMode mode = ImapCommand.StoreMode.REPLACE;
        if (item.startsWith("+")) {
            mode = ImapCommand.StoreMode.ADD;
            item = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = ImapCommand.StoreMode.REMOVE;
            item = item.substring(1);
        }
        boolean silent = item.equals("FLAGS.SILENT");
        if (!silent && !item.equals("FLAGS")) throw new SyntaxException("unknown STORE item");
        c.sp();
        List<String> flags;
        if (c.peek() == '(') {
            flags = c.flagList();
        } else {
            flags = new ArrayList<>();
            do {
                flags.add(c.flag());
            } while (c.trySp());
        }
        return new ImapCommand.Store(uid, set, mode, silent, flags, unchangedSince);
    }

    /**
     * {@code store-modifiers = "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")" SP} before the
     * store item (RFC 7162 §3.1.3); -1 when absent.
     */
    private static long storeModifiers(CommandCursor c) {
        if (c.peek() != '(') return -1;
        c.expect('(');
        long unchangedSince = -1;
        do {
            if (!c.atom().equalsIgnoreCase("UNCHANGEDSINCE")) throw new SyntaxException("unknown STORE modifier");
            if (unchangedSince >= 0) throw new SyntaxException("UNCHANGEDSINCE given twice");
            c.sp();
            unchangedSince = c.modseq(true);
        } while (c.trySp());
        c.expect(')');
        c.sp();
        return unchangedSince;
    }
}
