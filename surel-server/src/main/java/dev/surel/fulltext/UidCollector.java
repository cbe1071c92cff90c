package dev.surel.fulltext;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/** Collects the UIDs ({@code u} doc values) of every matching document, unscored. */
final class UidCollector extends SimpleCollector {
    private NumericDocValues uids;
    private long[] found = new long[64];
    private int count;

    /** One collector per leaf slice; the result is every UID found, sorted. */
    static CollectorManager<UidCollector, long[]> manager() {
        return new CollectorManager<>() {
            @Override
            public UidCollector newCollector() {
                return new UidCollector();
            }

            @Override
            public long[] reduce(Collection<UidCollector> collectors) {
                int total = 0;
                for (UidCollector c : collectors) total += c.count;
                long[] all = new long[total];
                int at = 0;
                for (UidCollector c : collectors) {
                    System.arraycopy(c.found, 0, all, at, c.count);
                    at += c.count;
                }
                Arrays.sort(all);
                return all;
            }
        };
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        uids = DocValues.getNumeric(context.reader(), MessageDocument.UID);
    }

    @Override
    public void collect(int doc) throws IOException {
        if (uids.advanceExact(doc)) {
            if (count == found.length) found = Arrays.copyOf(found, count * 2);
            found[count++] = uids.longValue();
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }
}
