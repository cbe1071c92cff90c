package dev.surel.fulltext;

import dev.surel.protocol.imap.SearchKey;
import dev.surel.protocol.imap.search.TextCandidates;
import dev.surel.protocol.imap.search.Trigrams;
import dev.surel.protocol.mime.MimeSettings;
import dev.surel.store.MailStore;
import java.nio.file.Path;
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
 * documents marked incomplete always match. The {@link IndexWorker} keeps the index current.
 */
final class LuceneFullText implements FullTextIndex {
    private static final Logger log = LoggerFactory.getLogger(LuceneFullText.class);

    private final IndexWorker worker;

    private LuceneFullText(IndexWorker worker) {
        this.worker = worker;
    }

    static LuceneFullText open(Path dir, MailStore store, MimeSettings mime) {
        return new LuceneFullText(IndexWorker.start(dir, store, mime));
    }

    /** The worker, for tests: waits for the index and knows its marks. */
    IndexWorker worker() {
        return worker;
    }

    @Override
    public Candidates candidates(long accountId, long mailboxId, long uidValidity, long highestUid, SearchKey key) {
        Optional<Query> plan;
        try {
            plan = TextCandidates.plan(key, LuceneFullText::needle, LuceneFullText::and, LuceneFullText::or);
        } catch (RuntimeException e) { // too many clauses
            return Candidates.ALL;
        }
        if (plan.isEmpty()) return Candidates.ALL;
        Generation gen = worker.generation();
        if (gen == null) return Candidates.ALL; // not open yet, or being rebuilt
        Generation.Box box = new Generation.Box(accountId, mailboxId);
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
                Query q = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(MessageDocument.MAILBOX, MessageDocument.mailboxKey(accountId, mailboxId))), BooleanClause.Occur.FILTER)
                        .add(new BooleanQuery.Builder()
                                .add(plan.get(), BooleanClause.Occur.SHOULD)
                                .add(new TermQuery(new Term(MessageDocument.INCOMPLETE, "1")), BooleanClause.Occur.SHOULD)
                                .setMinimumNumberShouldMatch(1).build(), BooleanClause.Occur.FILTER)
                        .build();
                return new Candidates(mark.upTo(), s.search(q, UidCollector.manager()));
            } finally {
                searchers.release(s);
            }
        } catch (Exception e) { // closed under us by a rebuild, or failing: read the messages
            log.debug("full-text search fell back to reading the messages: {}", e.toString());
            return Candidates.ALL;
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
    public void close() {
        worker.close();
    }
}
