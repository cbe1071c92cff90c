package dev.surel.imap;

import dev.surel.imap.search.StoreSearchMessage;
import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.search.SearchEvaluator;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MessageMeta;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SEARCH / UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4). IMAP4rev1 sessions get
 * {@code * SEARCH n...}; IMAP4rev2 sessions the ESEARCH form RFC 9051 §7.3.4 requires, with the
 * RETURN options MIN, MAX, COUNT and ALL (RETURN () means ALL). In IMAP4rev1 a RETURN option is
 * tolerated and answered with the plain SEARCH response (ESEARCH is a later issue).
 * An unknown CHARSET was answered NO [BADCHARSET] by the parser. Matching is
 * {@link SearchEvaluator}'s (decoded headers and bodies, Locale.ROOT folding).
 * RFC 7162 §3.1.5: a MODSEQ key turns CONDSTORE on and adds the highest MODSEQ of the messages
 * returned: {@code (MODSEQ n)} after SEARCH's numbers, {@code MODSEQ n} in ESEARCH.
 */
final class SearchCmd {
    private SearchCmd() { }

    // RFC 9051 §6.4.4, §7.3.4
    static void run(ImapSession s, String tag, ImapCommand.Search c) throws IOException {
        SelectedMailbox sel = s.selected();
        Map<Long, MessageMeta> metas = new HashMap<>();
        for (MessageMeta m : s.store().fetch(s.account(), sel.mailboxId(), sel.allUids())) metas.put(m.uid(), m);
        List<Long> hits = new ArrayList<>();
        boolean byModseq = CondstoreSearch.usesModseq(c.key());
        if (byModseq) s.enableCondstore(); // RFC 7162 §3.1.5
        Map<Long, Long> hitModseqs = new HashMap<>();
        SearchEvaluator eval = new SearchEvaluator(sel.size(), sel.size() == 0 ? 0 : sel.uidAt(sel.size()));
        for (int seq = 1; seq <= sel.size(); seq++) {
            long uid = sel.uidAt(seq);
            MessageMeta m = metas.get(uid);
            if (m == null) continue;
            if (eval.matches(c.key(), new StoreSearchMessage(s.store(), s.account(), m, seq, sel.recent(uid), MimeSettings.defaults()))) {
                hits.add(c.uid() ? uid : seq);
                hitModseqs.put(c.uid() ? uid : (long) seq, m.modseq());
            }
        }
        if (!s.rev2()) {
            StringBuilder b = new StringBuilder("SEARCH");
            for (long h : hits) b.append(' ').append(h);
            if (byModseq && !hits.isEmpty()) b.append(" (MODSEQ ").append(CondstoreSearch.highest(hitModseqs, hits)).append(')');
            s.out().untagged(b.toString());
        } else {
            StringBuilder b = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
            if (c.uid()) b.append(" UID");
            List<String> want = c.returns().isEmpty() ? List.of("ALL") : c.returns();
            if (!hits.isEmpty()) {
                if (want.contains("MIN")) b.append(" MIN ").append(hits.getFirst());
                if (want.contains("MAX")) b.append(" MAX ").append(hits.getLast());
                if (want.contains("ALL")) b.append(" ALL ").append(UidSets.format(hits));
            }
            if (want.contains("COUNT")) b.append(" COUNT ").append(hits.size());
            if (byModseq && !hits.isEmpty()) b.append(" MODSEQ ").append(CondstoreSearch.highest(hitModseqs, CondstoreSearch.returned(hits, want)));
            s.out().untagged(b.toString());
        }
        s.ok(tag, "SEARCH completed");
    }
}
