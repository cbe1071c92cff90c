package dev.surel.imap;

import dev.surel.fulltext.Candidates;
import dev.surel.imap.search.StoreSearchMessage;
import dev.surel.protocol.imap.ImapCommand;
import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.SearchEvaluator;
import dev.surel.protocol.mime.HeaderFields;
import dev.surel.protocol.mime.MessageStructure;
import dev.surel.store.MessageMeta;
import dev.surel.store.UidRange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SEARCH / UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4) with ESEARCH (RFC 4731) and SEARCHRES
 * (RFC 5182). IMAP4rev1 sessions get {@code * SEARCH n...} unless they wrote RETURN; IMAP4rev2
 * sessions and any RETURN get the ESEARCH form (RFC 9051 §7.3.4, RFC 4731 §3.1) with MIN, MAX,
 * COUNT and ALL (RETURN () means ALL; ALL as a compact sequence set; without matches only COUNT
 * is sent). SAVE stores the result as {@code $} (RFC 5182 §2.1): all matches, or only MIN / MAX
 * when those are the other options; SAVE alone sends no ESEARCH; a failed SAVE search leaves
 * {@code $} empty. An unknown CHARSET was answered NO [BADCHARSET] by the parser; any CHARSET
 * after ENABLE UTF8=ACCEPT is BAD (RFC 6855 §3). Matching is {@link SearchEvaluator}'s.
 * RFC 7162 §3.1.5: a MODSEQ key turns CONDSTORE on and adds the highest MODSEQ of the messages
 * returned: {@code (MODSEQ n)} after SEARCH's numbers, {@code MODSEQ n} in ESEARCH.
 * BODY / TEXT keys are narrowed by the full-text index ({@link dev.surel.fulltext.FullTextIndex}):
 * it names a superset of the matches, each of which the evaluator then checks (taking the index's
 * exact answers to BODY / TEXT keys where it has them), so the answer is the same as reading every
 * message.
 */
final class SearchCmd {
    private SearchCmd() { }

    // RFC 9051 §6.4.4, §7.3.4; RFC 4731 §3.1; RFC 5182 §2.1
    static void run(ImapSession s, String tag, ImapCommand.Search c) throws IOException {
        SelectedMailbox sel = s.selected();
        SavedSearch saved = s.savedSearch();
        boolean save = c.returns().contains("SAVE");
        if (s.utf8Accept() && c.charset() != null) {
            if (save) saved.clear();
            s.out().bad(tag, "No CHARSET after ENABLE UTF8=ACCEPT");
            return;
        }
        SearchKey key = saved.substitute(c.key(), sel); // $ as it was before this command
        if (save) saved.clear(); // stays empty should the search fail
        // the full-text index names the messages a BODY / TEXT key may match; only those are read
        Candidates candidates = s.context().fullText().candidates(s.account(), sel.mailboxId(), sel.uidValidity(),
                sel.size() == 0 ? 0 : sel.uidAt(sel.size()), key);
        List<Long> order = new ArrayList<>(sel.size());
        for (int seq = 1; seq <= sel.size(); seq++) {
            if (candidates.mayMatch(sel.uidAt(seq))) order.add(sel.uidAt(seq));
        }
        List<MessageMeta> metas = metas(s, sel, candidates.all(), order);
        List<Long> hits = new ArrayList<>();
        List<Long> hitUids = new ArrayList<>();
        boolean byModseq = CondstoreSearch.usesModseq(c.key());
        if (byModseq) s.enableCondstore(); // RFC 7162 §3.1.5
        Map<Long, Long> hitModseqs = new HashMap<>();
        boolean byRecent = usesRecent(c.key());
        SearchEvaluator eval = new SearchEvaluator(sel.size(), sel.size() == 0 ? 0 : sel.uidAt(sel.size()));
        long mailbox = sel.mailboxId();
        Chunked<MessageStructure> structures = new Chunked<>(order,
                part -> s.store().structures(s.account(), mailbox, part), uid -> s.store().structure(s.account(), mailbox, uid));
        UncachedItems prepared = new UncachedItems(metas, s.context().searchTexts(),
                part -> s.store().items(s.account(), mailbox, part), uid -> s.store().items(s.account(), mailbox, List.of(uid)).get(uid));
        Chunked<HeaderFields> headers = new Chunked<>(order,
                part -> s.store().headers(s.account(), mailbox, part), uid -> s.store().structure(s.account(), mailbox, uid).header());
        int position = -1; // of the message in order
        int next = 0; // in metas, both ascending by UID
        for (int seq = 1; seq <= sel.size(); seq++) {
            long uid = sel.uidAt(seq);
            if (!candidates.mayMatch(uid)) continue;
            int at = ++position;
            while (next < metas.size() && metas.get(next).uid() < uid) next++;
            if (next == metas.size() || metas.get(next).uid() != uid) continue; // expunged meanwhile
            MessageMeta m = metas.get(next);
            if (eval.matches(key, new StoreSearchMessage(s.store(), s.account(), m, seq, byRecent && sel.recent(uid), s.context().mime(),
                    new StoreSearchMessage.Sources(u -> structures.get(at), u -> headers.get(at), prepared::get,
                    s.context().searchTexts())), candidates)) {
                hits.add(c.uid() ? uid : seq);
                hitUids.add(uid);
                if (byModseq) hitModseqs.put(c.uid() ? uid : (long) seq, m.modseq());
            }
        }
        List<String> want = new ArrayList<>(c.returns());
        want.remove("SAVE");
        if (save) saved.set(toSave(want, hitUids));
        if (!s.rev2() && !c.returnGiven()) {
            StringBuilder b = new StringBuilder("SEARCH");
            for (long h : hits) b.append(' ').append(h);
            if (byModseq && !hits.isEmpty()) b.append(" (MODSEQ ").append(CondstoreSearch.highest(hitModseqs, hits)).append(')');
            s.out().untagged(b.toString());
        } else if (!(save && want.isEmpty())) {
            if (want.isEmpty()) want.add("ALL");
            StringBuilder b = new StringBuilder("ESEARCH (TAG \"").append(tag).append("\")");
            if (c.uid()) b.append(" UID");
            if (!hits.isEmpty()) {
                if (want.contains("MIN")) b.append(" MIN ").append(hits.getFirst());
                if (want.contains("MAX")) b.append(" MAX ").append(hits.getLast());
                if (want.contains("ALL")) b.append(" ALL ").append(UidSets.format(hits));
            }
            if (want.contains("COUNT")) b.append(" COUNT ").append(hits.size());
            if (byModseq && !hits.isEmpty()) b.append(" MODSEQ ").append(CondstoreSearch.highest(hitModseqs, CondstoreSearch.returned(hits, want)));
            s.out().untagged(b.toString());
        }
        s.ok(tag, save ? "SEARCH completed, result saved" : "SEARCH completed");
    }

    /**
     * The metadata of the messages searched, ascending by UID: those of {@code order}, or (every
     * message a candidate) the UID range of the session's view, read without listing its UIDs
     * (messages in it the session has not been told of yet are skipped by the caller).
     */
    private static List<MessageMeta> metas(ImapSession s, SelectedMailbox sel, boolean all, List<Long> order) {
        if (order.isEmpty()) return List.of();
        List<MessageMeta> metas = all
                ? s.store().messages(s.account(), sel.mailboxId(), new UidRange(sel.uidAt(1), sel.uidAt(sel.size())))
                : s.store().fetch(s.account(), sel.mailboxId(), order);
        for (int i = 1; i < metas.size(); i++) {
            if (metas.get(i - 1).uid() >= metas.get(i).uid()) {
                List<MessageMeta> sorted = new ArrayList<>(metas);
                sorted.sort(java.util.Comparator.comparingLong(MessageMeta::uid));
                return sorted;
            }
        }
        return metas;
    }

    /** True when the program looks at \Recent (RECENT, NEW, OLD; RFC 3501 §6.4.4), which only IMAP4rev1 sessions have. */
    static boolean usesRecent(SearchKey key) {
        return switch (key) {
            case SearchKey.Flag f -> f.flag() == SearchKey.SystemFlag.RECENT;
            case SearchKey.New n -> true;
            case SearchKey.Old o -> true;
            case SearchKey.And a -> a.keys().stream().anyMatch(SearchCmd::usesRecent);
            case SearchKey.Or o -> usesRecent(o.left()) || usesRecent(o.right());
            case SearchKey.Not n -> usesRecent(n.key());
            default -> false;
        };
    }

    /** RFC 5182 §2.1: with only MIN and/or MAX beside SAVE those are saved, else every match. */
    private static List<Long> toSave(List<String> others, List<Long> hitUids) {
        if (hitUids.isEmpty() || others.isEmpty() || others.contains("ALL") || others.contains("COUNT")) return hitUids;
        List<Long> out = new ArrayList<>();
        if (others.contains("MIN")) out.add(hitUids.getFirst());
        if (others.contains("MAX")) out.add(hitUids.getLast());
        return out;
    }
}
