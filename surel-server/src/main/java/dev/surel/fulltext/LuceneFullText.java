package dev.surel.fulltext;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.TextCandidates;
import dev.surel.protocol.imap.search.Trigrams;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MailStore;
import java.nio.file.Path;
import dev.surel.protocol.imap.search.SearchEvaluator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index ({@link FullTextIndex}): the search side. A BODY or TEXT string of n >= 3
 * folded chars becomes a phrase of its trigrams ({@link Trigrams#ofNeedle}) in the header or the
 * body field, the program's ANDs and ORs become the query's ({@link TextCandidates}), and the
 * documents marked incomplete always match. Keys whose phrase is an exact substring test are also
 * answered per message ({@link Candidates#answer}), so a matching candidate is not read either.
 * The {@link IndexWorker} keeps the index current.
 */
final class LuceneFullText implements FullTextIndex {
    private static final Logger log = LoggerFactory.getLogger(LuceneFullText.class);

    /**
     * Lucene says through java.util.logging, on standard error, that the Vector API incubator
     * module is not enabled (a speed hint); that line would break the server's own log format
     * (a JSON log must have JSON lines only). Held here: JUL keeps loggers weakly.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION = quiet("org.apache.lucene.internal.vectorization");

    private final IndexWorker worker;

    private LuceneFullText(IndexWorker worker) {
        this.worker = worker;
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        l.setLevel(java.util.logging.Level.SEVERE);
        return l;
    }

    static LuceneFullText open(Path dir, MailStore store, MimeSettings mime, java.util.function.Supplier<List<Long>> accounts) {
        return new LuceneFullText(IndexWorker.start(dir, store, mime, accounts));
    }

    /** The worker, for tests: waits for the index and knows its marks. */
    IndexWorker worker() {
        return worker;
    }

    @Override
    public Candidates candidates(long accountId, long mailboxId, long uidValidity, long highestUid, SearchKey key) {
        Optional<Query> plan;
        Map<SearchKey, Query> exactKeys = new LinkedHashMap<>();
        try {
            plan = TextCandidates.plan(key, LuceneFullText::needle, LuceneFullText::and, LuceneFullText::or);
            exactKeys(key, exactKeys);
        } catch (RuntimeException e) { // too many clauses
            return Candidates.ALL;
        }
        if (plan.isEmpty() && exactKeys.isEmpty()) return Candidates.ALL;
        Generation.Box box = new Generation.Box(accountId, mailboxId);
        Generation gen = worker.generation();
        if (gen == null) { // not open yet, or being rebuilt
            worker.want(box);
            return Candidates.ALL;
        }
        Generation.Mark mark = gen.marks().get(box);
        if (mark == null || mark.uidValidity() != uidValidity) {
            worker.want(box);
            return Candidates.ALL;
        }
        if (mark.upTo() < highestUid) worker.want(box);
        if (mark.upTo() == 0) return Candidates.ALL;
        SearcherManager searchers = gen.searchers();
        try {
            IndexSearcher s = searchers.acquire();
            try {
                Query mailbox = new TermQuery(new Term(MessageDocument.MAILBOX, MessageDocument.mailboxKey(accountId, mailboxId)));
                Query incomplete = new TermQuery(new Term(MessageDocument.INCOMPLETE, "1"));
                long[] uids = null;
                if (plan.isPresent()) {
                    uids = s.search(and(mailbox, or(plan.get(), incomplete)), UidCollector.manager());
                }
                Map<SearchKey, long[]> exact = new HashMap<>();
                for (Map.Entry<SearchKey, Query> e : exactKeys.entrySet()) {
                    exact.put(e.getKey(), s.search(and(mailbox, e.getValue()), UidCollector.manager()));
                }
                long[] partial = exact.isEmpty() ? new long[0] : s.search(and(mailbox, incomplete), UidCollector.manager());
                return new Candidates(mark.upTo(), uids, exact, partial);
            } finally {
                searchers.release(s);
            }
        } catch (Exception e) { // closed under us by a rebuild, or failing: read the messages
            log.debug("full-text search fell back to reading the messages: {}", e.toString());
            return Candidates.ALL;
        }
    }

    /**
     * The BODY / TEXT keys anywhere in the program (under NOT too) whose needle the index answers
     * exactly ({@link Trigrams.Phrase#exact}): TEXT as a phrase in the header or the body texts,
     * BODY in the body texts only, as {@code SearchEvaluator} compares them.
     */
    private static void exactKeys(SearchKey key, Map<SearchKey, Query> out) {
        switch (key) {
            case SearchKey.Text t -> {
                Trigrams.Phrase p = Trigrams.ofNeedle(SearchEvaluator.fold(t.text()));
                if (p != null && p.exact()) out.put(t, or(phrase(MessageDocument.HEADER, p), phrase(MessageDocument.BODY, p)));
            }
            case SearchKey.Body b -> {
                Trigrams.Phrase p = Trigrams.ofNeedle(SearchEvaluator.fold(b.text()));
                if (p != null && p.exact()) out.put(b, phrase(MessageDocument.BODY, p));
            }
            case SearchKey.And a -> a.keys().forEach(k -> exactKeys(k, out));
            case SearchKey.Or o -> {
                exactKeys(o.left(), out);
                exactKeys(o.right(), out);
            }
            case SearchKey.Not n -> exactKeys(n.key(), out);
            default -> { }
        }
    }

    /** RFC 9051 §6.4.4: the folded needle as a substring of the header text or a body text. */
    private static Optional<Query> needle(String folded) {
        Trigrams.Phrase p = Trigrams.ofNeedle(folded);
        if (p == null) return Optional.empty();
        return Optional.of(or(phrase(MessageDocument.HEADER, p), phrase(MessageDocument.BODY, p)));
    }

    private static Query phrase(String field, Trigrams.Phrase p) {
        PhraseQuery.Builder b = new PhraseQuery.Builder();
        for (Trigrams.Term t : p.terms()) b.add(new Term(field, t.text()), t.offset());
        return b.build();
    }

    private static Query and(Query a, Query b) {
        return new BooleanQuery.Builder().add(a, BooleanClause.Occur.FILTER).add(b, BooleanClause.Occur.FILTER).build();
    }

    private static Query or(Query a, Query b) {
        return new BooleanQuery.Builder().add(a, BooleanClause.Occur.SHOULD).add(b, BooleanClause.Occur.SHOULD)
                .setMinimumNumberShouldMatch(1).build();
    }

    @Override
    public long indexedUpTo(long accountId, long mailboxId) {
        Generation gen = worker.generation();
        Generation.Mark m = gen == null ? null : gen.marks().get(new Generation.Box(accountId, mailboxId));
        return m == null ? 0 : m.upTo();
    }

    @Override
    public void close() {
        worker.close();
    }
}
