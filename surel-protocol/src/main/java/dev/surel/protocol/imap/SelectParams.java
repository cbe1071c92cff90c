package dev.surel.protocol.imap;

import java.util.Locale;

/**
 * The parameters of SELECT and EXAMINE after the mailbox (RFC 7162 §7):
 * {@code select-params = SP "(" select-param *(SP select-param) ")"} with {@code CONDSTORE}
 * (§3.1.8) and {@code QRESYNC (...)} (§3.2.5), each at most once.
 */
final class SelectParams {

    private SelectParams() { }

    static ImapCommand.Select parse(CommandCursor c, String mailbox, boolean examine) {
        c.sp();
        c.expect('(');
        boolean condstore = false;
        ImapCommand.Qresync qresync = null;
        do {
            String p = c.atom().toUpperCase(Locale.ROOT);
            switch (p) {
                case "CONDSTORE" -> {
                    if (condstore) throw new SyntaxException("CONDSTORE given twice");
                    condstore = true;
                }
                case "QRESYNC" -> {
                    if (qresync != null) throw new SyntaxException("QRESYNC given twice");
                    c.sp();
                    qresync = qresync(c);
                }
                default -> throw new SyntaxException("unknown SELECT parameter");
            }
        } while (c.trySp());
        c.expect(')');
        return new ImapCommand.Select(mailbox, examine, condstore, qresync);
    }

    /**
     * {@code "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"}
     * (RFC 7162 §3.2.5, §7); {@code *} is not allowed in known-uids nor seq-match-data, and the two
     * sets of seq-match-data must name as many messages each.
     */
    private static ImapCommand.Qresync qresync(CommandCursor c) {
        c.expect('(');
        long uidValidity = c.number();
        if (uidValidity < 1 || uidValidity > 0xffffffffL) throw new SyntaxException("bad UIDVALIDITY");
        c.sp();
        long modseq = c.modseq(false);
        SequenceSet known = null;
        SequenceSet seqs = null;
        SequenceSet uids = null;
        boolean more = c.trySp();
        if (more && c.peek() != '(') {
            known = setWithoutStar(c);
            more = c.trySp();
        }
        if (more) {
            c.expect('(');
            seqs = setWithoutStar(c);
            c.sp();
            uids = setWithoutStar(c);
            c.expect(')');
            if (count(seqs) != count(uids)) throw new SyntaxException("seq-match-data sets differ in size");
        }
        c.expect(')');
        return new ImapCommand.Qresync(uidValidity, modseq, known, seqs, uids);
    }

    private static SequenceSet setWithoutStar(CommandCursor c) {
        SequenceSet set = c.sequenceSet();
        for (SequenceSet.Range r : set.ranges()) {
            if (r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR) throw new SyntaxException("'*' is not allowed here");
        }
        return set;
    }

    private static long count(SequenceSet set) {
        long n = 0;
        for (SequenceSet.Range r : set.ranges()) n += Math.abs(r.to() - r.from()) + 1;
        return n;
    }
}
